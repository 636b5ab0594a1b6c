"""URLs and variables / dotted and dashed variables: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.dotted_and_dashed_variables(
        dotted_name="dot",
        dash_name="dash",
        e="",
        u="{{undefined_var}}",
    )
    print(result)
