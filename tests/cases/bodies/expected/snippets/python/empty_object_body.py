"""Body modes / empty object body: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.empty_object_body()
    print(result)
