"""Body modes / delete with body: DELETE with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.delete_with_body(
        body="sent",
    )
    print(result)
