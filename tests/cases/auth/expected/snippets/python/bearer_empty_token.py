"""Auth / bearer empty token: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.bearer_empty_token(
        authorization="<Authorization>",
    )
    print(result)
