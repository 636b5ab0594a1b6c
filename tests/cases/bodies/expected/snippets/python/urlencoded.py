"""Body modes / urlencoded: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.urlencoded(
        body=[
            [
                "10",
                "numeric key first",
            ],
            [
                "b",
                "1",
            ],
            [
                "b",
                "2",
            ],
            [
                "a key",
                "a value & more=yes",
            ],
            [
                "empty",
                "",
            ],
            [
                "",
                "no key",
            ],
            [
                "star",
                "!'()*~",
            ],
            [
                "name",
                "Zoë \"quoted\" 'single' $HOME `cmd`",
            ],
        ],
    )
    print(result)
