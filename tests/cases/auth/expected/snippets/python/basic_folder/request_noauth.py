"""basic folder / request noauth: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.basic_folder.request_noauth(
        authorization="<Authorization>",
    )
    print(result)
