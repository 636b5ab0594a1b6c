"""URLs and variables / lower case method and no protocol: POST with the collection's example
values.
"""

from collection import Client

with Client() as client:
    result = client.lower_case_method_and_no_protocol()
    print(result)
