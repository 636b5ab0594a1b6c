"""Auth / awsv4 api with body: POST with the collection's example values."""

from collection import Client
from collection.models import Awsv4ApiWithBodyRequest

with Client() as client:
    result = client.awsv4_api_with_body(
        body=Awsv4ApiWithBodyRequest.model_validate(
            {
                "a": 1,
            }
        ),
    )
    print(result)
