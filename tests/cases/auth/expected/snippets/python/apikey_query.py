"""Auth / apikey query: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.apikey_query(
        api_key="<api_key>",
        x=1,
    )
    print(result)
