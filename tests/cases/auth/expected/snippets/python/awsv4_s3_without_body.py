"""Auth / awsv4 s3 without body: GET with the collection's example values."""

from collection import Client

with Client() as client:
    result = client.awsv4_s3_without_body()
    print(result)
