"""Body modes / disabled content type system header: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.disabled_content_type_system_header(
        body="x",
    )
    print(result)
