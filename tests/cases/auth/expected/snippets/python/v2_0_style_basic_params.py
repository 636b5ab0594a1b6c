"""Auth / v2.0 style basic params: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.v2_0_style_basic_params()
    print(result)
