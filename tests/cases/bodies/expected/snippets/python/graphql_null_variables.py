"""Body modes / graphql null variables: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.graphql_null_variables(
        body={
            "query": "{ me }",
            "variables": None,
        },
    )
    print(result)
