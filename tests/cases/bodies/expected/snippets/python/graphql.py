"""Body modes / graphql: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.graphql(
        body='{"query":"query Q($id: ID!) { user(id: $id) { name } }","variables":{"id": "Zoë "quoted" \'single\' $HOME `cmd`"}}',
    )
    print(result)
