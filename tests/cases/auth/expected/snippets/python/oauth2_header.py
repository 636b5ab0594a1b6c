"""Auth / oauth2 header: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.oauth2_header()
    print(result)
