"""Auth / apikey header: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.apikey_header()
    print(result)
