"""botocore's own DynamoDB Streams client against the emulator's generic layer (argv[1]): a valid call, an
input the snapshot refuses, signed with the wrong secret. Prints one JSON object: what botocore parsed."""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, ParamValidationError

url = sys.argv[1]
cfg = Config(retries={"max_attempts": 1}, parameter_validation=False)


def client(secret):
    return boto3.client("dynamodbstreams", endpoint_url=url, region_name="us-east-1", config=cfg,
                        aws_access_key_id="AKIDEMULATORECS", aws_secret_access_key=secret)


out = {}


def call(name, fn):
    try:
        r = fn()
        out[name] = {"ok": True, "status": r["ResponseMetadata"]["HTTPStatusCode"], "code": None}
    except ClientError as e:
        out[name] = {"ok": False, "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                     "code": e.response["Error"]["Code"]}
    except ParamValidationError as e:
        out[name] = {"ok": False, "status": 0, "code": "ParamValidationError"}


good = client("cli-test-secret")
call("ListStreams", lambda: good.list_streams(Limit=5))
call("GetShardIterator", lambda: good.get_shard_iterator(
    StreamArn="a" * 37, ShardId="s" * 28, ShardIteratorType="LATEST"))
call("GetShardIterator short ShardId", lambda: good.get_shard_iterator(
    StreamArn="a" * 37, ShardId="s", ShardIteratorType="LATEST"))
call("ListStreams wrong secret", lambda: client("wrong").list_streams())
print(json.dumps(out))
