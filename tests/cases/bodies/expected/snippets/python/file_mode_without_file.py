"""Body modes / file mode without file: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.file_mode_without_file()
    print(result)
