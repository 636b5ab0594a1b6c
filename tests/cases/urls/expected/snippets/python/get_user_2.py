"""URLs and variables / get-user: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.get_user_2()
    print(result)
