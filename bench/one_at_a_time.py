#!/usr/bin/env python3
"""The benchmark's baseline: a pass of the design Alertas grew out of (the seed script), written small.

For each alert in turn: one search request on a connection of its own, read the answer, test the condition
on each bucket, post to Slack when any bucket passes; at the end, write the throttle file. Python's standard
library only. It is run by bench/run.sh with a plan file the benchmark writes:

    {"elasticsearch": {"url", "username", "password", "ca_certificate"}, "slack": URL, "state": PATH,
     "alerts": [{"name", "index", "query", "buckets", "path", "value", "message"}]}
"""
import base64
import json
import ssl
import sys
import time
import urllib.request


def post(url, body, headers, context=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, context=context, timeout=60) as answer:
        return answer.read()


def dig(node, dotted):
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def main(plan_file):
    with open(plan_file) as f:
        plan = json.load(f)
    cluster = plan["elasticsearch"]
    context = ssl.create_default_context(cafile=cluster["ca_certificate"])
    token = base64.b64encode(f'{cluster["username"]}:{cluster["password"]}'.encode()).decode()
    headers = {"Authorization": "Basic " + token, "Content-Type": "application/json"}
    fired = {}
    for alert in plan["alerts"]:
        answer = json.loads(post(f'{cluster["url"]}/{alert["index"]}/_search', alert["query"], headers, context))
        hits = [b for b in dig(answer, alert["buckets"]) or [] if (dig(b, alert["path"]) or 0) > alert["value"]]
        if hits:
            text = "\n".join(alert["message"].replace("{{doc_count}}", str(b["doc_count"])) + " on " + b["key"]
                             for b in hits)
            post(plan["slack"], {"text": f'{alert["name"]}: {text}'}, {"Content-Type": "application/json"})
            fired[alert["name"]] = time.time()
    with open(plan["state"], "w") as f:
        json.dump(fired, f)


if __name__ == "__main__":
    main(sys.argv[1])
