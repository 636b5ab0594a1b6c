"""Body modes / formdata text and files: POST with the collection's example values."""

from pathlib import Path

from collection import Client

with Client() as client:
    result = client.formdata_text_and_files(
        body={
            "text": "plain value",
            "at": "@not-a-file",
            "json": '{"a": 1}',
        },
        files={
            "file": ("hello.txt", Path("files/hello.txt").read_bytes(), "text/plain"),
            "nofile": ("", b"", None),
        },
    )
    print(result)
