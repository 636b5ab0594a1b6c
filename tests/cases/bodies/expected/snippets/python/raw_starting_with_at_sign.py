"""Body modes / raw starting with at sign: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.raw_starting_with_at_sign(
        body="@/etc/passwd",
    )
    print(result)
