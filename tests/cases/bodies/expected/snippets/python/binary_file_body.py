"""Body modes / binary file body: PUT with the collection's example values."""

from pathlib import Path

from collection import Client

with Client() as client:
    result = client.binary_file_body(
        body=Path("files/data.bin").read_bytes(),
    )
    print(result)
