"""Auth / hawk: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.hawk()
    print(result)
