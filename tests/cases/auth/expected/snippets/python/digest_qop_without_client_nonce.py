"""Auth / digest qop without client nonce: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.digest_qop_without_client_nonce()
    print(result)
