"""basic folder / request inherit type sends nothing: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.basic_folder.request_inherit_type_sends_nothing()
    print(result)
