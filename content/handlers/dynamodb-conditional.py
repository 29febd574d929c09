# Idempotency with one conditional write: the put succeeds only the first time an event id is
# written (attribute_not_exists); a duplicate gets ConditionalCheckFailedException and stops.
# 조건부 쓰기: 처음 한 번만 성공하고, 중복이면 ConditionalCheckFailedException이 납니다.
import boto3
from botocore.exceptions import ClientError

points = boto3.resource("dynamodb").Table("points")
processed = boto3.resource("dynamodb").Table("processed-events")


def lambda_handler(event, context):
    event_id = event["id"]
    try:
        processed.put_item(
            Item={"event_id": event_id},
            ConditionExpression="attribute_not_exists(event_id)",
        )
    except ClientError as e:
        if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
            print("duplicate event, skipped:", event_id)
            return "OK"
        raise
    points.update_item(
        Key={"user_id": event["user_id"]},
        UpdateExpression="ADD points :p",
        ExpressionAttributeValues={":p": 100},
    )
    return "OK"
