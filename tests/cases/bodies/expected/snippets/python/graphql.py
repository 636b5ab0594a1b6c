"""Body modes / graphql: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.graphql(
        body={},
    )
    print(result)
