"""URLs and variables / content length mismatch: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.content_length_mismatch(
        body="abc",
    )
    print(result)
