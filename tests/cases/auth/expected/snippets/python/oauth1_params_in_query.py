"""Auth / oauth1 params in query: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.oauth1_params_in_query(
        x=1,
    )
    print(result)
