"""URLs and variables / headers: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.headers(
        x_empty="",
        x_dup=["one", "two"],
        x_quote='it\'s "fine" $(not run) `no`',
        x_var="42-dash",
    )
    print(result)
