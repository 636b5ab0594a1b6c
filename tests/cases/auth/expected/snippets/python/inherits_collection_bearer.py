"""Auth / inherits collection bearer: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.inherits_collection_bearer()
    print(result)
