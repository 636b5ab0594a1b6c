"""Body modes / raw text no language: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.raw_text_no_language(
        body="line one\nline two\r\nwith Zoë \"quoted\" 'single' $HOME `cmd` and tab\there",
    )
    print(result)
