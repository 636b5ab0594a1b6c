"""Body modes / get with body kept: GET with the collection's example values."""

from collection import Client
from collection.models import GetWithBodyKeptRequest

with Client() as client:
    result = client.get_with_body_kept(
        body=GetWithBodyKeptRequest.model_validate(
            {
                "kept": True,
            }
        ),
    )
    print(result)
