"""Body modes / binary file body: PUT with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.binary_file_body(
        body=b"",
    )
    print(result)
