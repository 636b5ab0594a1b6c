"""Body modes / put with empty raw: PUT with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.put_with_empty_raw()
    print(result)
