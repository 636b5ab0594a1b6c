"""Body modes / post without body: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.post_without_body()
    print(result)
