"""Body modes / get with body is pruned: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.get_with_body_is_pruned()
    print(result)
