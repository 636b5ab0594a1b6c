"""Body modes / raw with unicode and emoji: PATCH with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.raw_with_unicode_and_emoji(
        body="héllo wörld 中文 😀 \u2028 end",
    )
    print(result)
