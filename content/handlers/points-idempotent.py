# The same handler made idempotent: it remembers which event ids it has processed and skips
# an event it has already seen, so a duplicate delivery changes nothing.
# 처리한 이벤트 id를 기록해 두고, 이미 본 이벤트는 건너뜁니다 (멱등성).
import boto3

points = boto3.resource("dynamodb").Table("points")
processed = boto3.resource("dynamodb").Table("processed-events")


def is_already_processed(event_id):
    return "Item" in processed.get_item(Key={"event_id": event_id})


def mark_as_processed(event_id):
    processed.put_item(Item={"event_id": event_id})


def lambda_handler(event, context):
    event_id = event["id"]
    if is_already_processed(event_id):
        return "OK"
    points.update_item(
        Key={"user_id": event["user_id"]},
        UpdateExpression="ADD points :p",
        ExpressionAttributeValues={":p": 100},
    )
    mark_as_processed(event_id)
    return "OK"
