"""Body modes / raw json via header: PUT with the collection's example values."""

from collection import Client
from collection.models import RawJsonViaHeaderRequest

with Client() as client:
    result = client.raw_json_via_header(
        body=RawJsonViaHeaderRequest.model_validate(
            {
                "a": 1,
            }
        ),
    )
    print(result)
