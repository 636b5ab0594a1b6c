"""Auth / oauth1 string false is true: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.oauth1_string_false_is_true()
    print(result)
