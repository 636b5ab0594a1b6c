"""Auth / digest challenge: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.digest_challenge()
    print(result)
