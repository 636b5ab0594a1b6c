"""URLs and variables / dynamic variables: POST with the collection's example values."""

from collection import Client
from collection.models import DynamicVariablesRequest

with Client() as client:
    result = client.dynamic_variables(
        body=DynamicVariablesRequest.model_validate(
            {
                "n": "{{$randomInt}}",
            }
        ),
        ts="{{$timestamp}}",
        x_request_id="{{$guid}}",
    )
    print(result)
