"""Body modes / raw json with comments: POST with the collection's example values."""

from collection import Client
from collection.models import RawJsonWithCommentsRequest

with Client() as client:
    result = client.raw_json_with_comments(
        body=RawJsonWithCommentsRequest.model_validate(
            {
                "url": "http://x//y",
                "n": 1,
            }
        ),
    )
    print(result)
