"""Auth / oauth1 params in header: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.oauth1_params_in_header(
        body="x",
    )
    print(result)
