"""URLs and variables / string url with odd chars: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.string_url_with_odd_chars(
        q="42-dash",
        r="$filter=Name eq 'x'",
        s="",
        t="",
    )
    print(result)
