"""Auth / digest precomputed: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.digest_precomputed(
        x=1,
    )
    print(result)
