# Adds 100 points every time it runs. If Lambda delivers the same event twice (a retry, or
# the queue's at-least-once delivery), the user gets the points twice.
# 같은 이벤트가 두 번 오면 포인트도 두 번 쌓입니다 (재시도, 최소 한 번 전달).
import boto3

table = boto3.resource("dynamodb").Table("points")


def lambda_handler(event, context):
    user_id = event["user_id"]
    table.update_item(
        Key={"user_id": user_id},
        UpdateExpression="ADD points :p",
        ExpressionAttributeValues={":p": 100},
    )
    return "OK"
