"""URLs and variables: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.get_unnamed()
    print(result)
