"""URLs and variables / disable url encoding: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.disable_url_encoding(
        q="a'b\"c<d>",
    )
    print(result)
