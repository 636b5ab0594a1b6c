"""Auth / apikey query: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.apikey_query(
        x=1,
    )
    print(result)
