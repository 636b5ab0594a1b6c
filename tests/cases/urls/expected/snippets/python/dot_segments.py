"""URLs and variables / dot segments: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.dot_segments()
    print(result)
