"""URLs and variables / query params: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.query_params(
        a=[1, 2],
        empty="",
        novalue="",
        sp_ace="v a l",
        amp="x&y=z#h",
        quote="'\"<>`{}|\\^",
        utf="é中😀",
    )
    print(result)
