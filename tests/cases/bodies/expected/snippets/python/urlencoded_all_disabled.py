"""Body modes / urlencoded all disabled: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.urlencoded_all_disabled()
    print(result)
