"""Body modes / body disabled: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.body_disabled()
    print(result)
