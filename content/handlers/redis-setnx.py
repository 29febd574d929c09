# Idempotency with Redis SETNX: SET key value NX succeeds only for the first delivery of an
# event id; a duplicate finds the key and is skipped.
# Redis SETNX: 처음 온 이벤트만 키를 만들 수 있고, 중복은 건너뜁니다.
import redis

r = redis.Redis()


def lambda_handler(event, context):
    event_id = event["id"]
    if not r.set("processed:" + event_id, "1", nx=True):
        print("duplicate event, skipped:", event_id)
        return "OK"
    r.incr("points:" + event["user_id"], 100)
    return "OK"
