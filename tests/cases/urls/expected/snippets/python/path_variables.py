"""URLs and variables / path variables: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.path_variables(
        user_id="42",
        post_id="a b/c",
        empty=":empty",
    )
    print(result)
