"""Body modes / raw xml: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.raw_xml(
        body="<a b='c'>&amp;</a>",
    )
    print(result)
