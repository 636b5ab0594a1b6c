"""Body modes / head with body: HEAD with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.head_with_body()
    print(result)
