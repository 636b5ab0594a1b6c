"""URLs and variables / request as a string: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.request_as_a_string()
    print(result)
