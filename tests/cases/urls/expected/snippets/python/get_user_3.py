"""URLs and variables / GetUser: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.get_user_3()
    print(result)
