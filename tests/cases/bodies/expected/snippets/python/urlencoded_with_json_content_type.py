"""Body modes / urlencoded with json content type: POST with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.urlencoded_with_json_content_type(
        body=[
            [
                "a",
                "1",
            ],
        ],
    )
    print(result)
