#!/usr/bin/env python3
"""Writes the seed corpus in fuzz/corpus/<harness>/ from the repository's own inputs:
tests/scenarios and content/scenarios (shell, scenario, share), the lessons' command lines and
checks and the quiz items (embed), and payloads taken from those (payload). Run it again when
those files change; the corpus is small text files (a few hundred KB in all)."""
import base64, glob, json, os, re, shutil

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out = os.path.join(here, "corpus")

def write(harness, name, data):
    d = os.path.join(out, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

shutil.rmtree(out, ignore_errors=True)
scenarios = sorted(glob.glob(os.path.join(root, "tests/scenarios/*.txt")) + glob.glob(os.path.join(root, "content/scenarios/*.txt")))
for path in scenarios:
    text = open(path, encoding="utf-8").read()
    name = os.path.basename(os.path.dirname(path)) + "-" + os.path.basename(path)
    write("scenario", name, text)
    write("shell", name, "\n".join(l for l in text.splitlines() if not l.startswith("# ")) + "\n")
    write("share", name, "#s=" + base64.urlsafe_b64encode(text.encode("utf-8")).decode().rstrip("="))
write("share", "bad-alphabet", "#s=abc$def")
write("share", "bad-length", "s=A")
write("share", "not-utf8", base64.urlsafe_b64encode(b"# seed: 1\n\xff\xfe\n").decode().rstrip("="))
write("shell", "timed", "@5000 aws lambda invoke --function-name demo-lambda --invocation-type Event --payload e30= r.json\n"
                       "@61000 lab fail demo-lambda first 1\n@1 lab run\nlab state\n")
write("shell", "stores", "aws dynamodb create-table --table-name points --attribute-definitions AttributeName=user_id,AttributeType=S "
                        "--key-schema AttributeName=user_id,KeyType=HASH --billing-mode PAY_PER_REQUEST\n"
                        "aws dynamodb put-item --table-name points --item '{\"user_id\": {\"S\": \"u1\"}}' "
                        "--condition-expression 'attribute_not_exists(user_id)'\n"
                        "aws dynamodb update-item --table-name points --key '{\"user_id\": {\"S\": \"u1\"}}' "
                        "--update-expression 'ADD points :p' --expression-attribute-values '{\":p\": {\"N\": \"100\"}}' --return-values ALL_NEW\n"
                        "aws dynamodb scan --table-name points --filter-expression 'points > :z' --expression-attribute-values '{\":z\": {\"N\": \"0\"}}'\n"
                        "redis-cli SET processed:evt-1 1 NX EX 60\nredis-cli INCR points:u1\nredis-cli -e INCR processed:evt-1\nlab state\n")
# Learner code: the editor's deploy lines (lab code put + zip + update-function-code), then a failing run.
write("shell", "code", "lab code put lambda_function.py " + base64.urlsafe_b64encode(
          b"import json\ndef lambda_handler(event, context):\n    print(json.dumps(event))\n    raise Exception('Something went wrong!')\n"
      ).decode().rstrip("=") + "\nzip function.zip lambda_function.py\n"
      "aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip\n"
      "aws lambda get-function --function-name demo-lambda\n"
      "aws lambda invoke --function-name demo-lambda --invocation-type Event --payload e30= r.json\nlab run\nlab code builtin demo-lambda\n")
# Found by a 65-minute run (2026-11-30): a key schema whose element has no AttributeName made a
# table keyed by "", and put-item then read a missing member (assertion / undefined behaviour).
write("shell", "ddb-key-without-name",
      "aws dynamodb create-table --table-name points --attribute-definitions Att--topic-arnributeName=user_id,AttributeType=S "
      "--key-schema Att%%ributeName=user_id,KeyType=HASH --billing-mode PAY_PER_REQUEST\n"
      "aws dynamodb put-item --table-name points --item '{\"user_id\": {\"S\": \"u1\"}}'\nlab state\n")
# --query is a whole JMESPath language (shell/jmespath.cpp): projections, filters, functions, errors.
write("shell", "query",
      "aws lambda list-functions --query 'Functions[?Timeout > `2`].{n: FunctionName, t: Timeout} | sort_by(@, &t)[-1]'\n"
      "aws lambda list-functions --query 'length(Functions[].FunctionName) || `0`' --output text\n"
      "aws sqs create-queue --queue-name q --query 'QueueUrl['\naws sqs list-queues --query 'max_by(QueueUrls, &@)'\n")
# The fuzz oracle's own words in learner text: only Shell's catch-all may answer "internal error".
write("shell", "echoes-internal-error-words", "aws 'internal error'\nlab 'internal error'\n")
write("embed", "echoes-internal-error-words", "load 7\naws 'internal error' --function-name demo-lambda\nlab 'internal error'\n")

payloads = set()
lessons = sorted(glob.glob(os.path.join(root, "content/lessons/*.json")))
for path in lessons:
    lesson = json.load(open(path, encoding="utf-8"))
    if "steps" not in lesson:
        continue
    lines = []
    for i, step in enumerate(lesson["steps"]):
        lines += step.get("do", [])
        if "check" in step:
            write("embed", "%s-%02d-check" % (lesson["id"], i), "check\n" + "\n".join(lines) + "\n%%\n" + json.dumps(step["check"], ensure_ascii=False))
    write("shell", "lesson-" + lesson["id"], "\n".join(lines) + "\nlab run\n")
    write("embed", "%s-load" % lesson["id"], "load 7\n" + "\n".join(lines[:8]))
    for line in lines:
        for m in re.finditer(r"--payload '([^']*)'", line):
            payloads.add(m.group(1))
for path in sorted(glob.glob(os.path.join(root, "content/quizzes/*.json"))):
    quiz = json.load(open(path, encoding="utf-8"))
    for item in quiz.get("items", []):
        body = json.dumps(item, ensure_ascii=False)
        write("embed", "%s-%s-present" % (quiz["id"], item["id"]), "present 3\n%%\n" + body)
        answer = {"choice": ["a"]} if item.get("kind") == "choice" else {"value": 1} if item.get("kind") == "numeric" else {}
        write("embed", "%s-%s-grade" % (quiz["id"], item["id"]), "grade 3\n%%\n" + body + "\n%%\n" + json.dumps(answer))
        for line in item.get("scenario", {}).get("lines", []):
            for m in re.finditer(r"--payload '([^']*)'", line):
                payloads.add(m.group(1))
write("embed", "fact-async-count", "fact\naws lambda invoke --function-name demo-lambda --invocation-type Event --payload e30= r.json\n%%\n"
                                   '{"fact":"async.count"}')
payloads |= {'{"key1": "value1"}', "{}", "[]", '"text"', "1.5", "null", '{"n": 1e308}', '{"ko": "안녕하세요", "emoji": "\\ud83d\\ude00"}',
             '{"a": {"b": {"c": [1, 2, {"d": null}]}}}', '{"k": "' + "x" * 300 + '"}', "{not json", ""}
for i, p in enumerate(sorted(payloads)):
    write("payload", "p%02d" % i, p)
write("payload", "odd-failing", b"\x01{\"key\": \"\\u00e9\\t\"}")
