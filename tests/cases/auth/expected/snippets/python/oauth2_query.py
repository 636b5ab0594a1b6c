"""Auth / oauth2 query: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.oauth2_query()
    print(result)
