"""basic folder / folder basic: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.basic_folder.folder_basic()
    print(result)
