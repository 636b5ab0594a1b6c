"""basic folder / request null auth inherits folder: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.basic_folder.request_null_auth_inherits_folder()
    print(result)
