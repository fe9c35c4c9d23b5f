"""Drives the specwatch emulator with botocore/boto3 (an independent AWS client) and prints JSON results.

Usage: boto3_client.py ENDPOINT_URL  ->  one JSON object:
    case name -> {"ok": bool, "code": str|None, "status": int|None, ...}
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
now = datetime.now(timezone.utc)


def client(key="AKIDEMULATORECS", region="us-east-1"):
    return boto3.client(
        "meteringmarketplace", endpoint_url=endpoint, region_name=region,
        aws_access_key_id=key, aws_secret_access_key="boto-test-secret",
        config=Config(retries={"max_attempts": 1}),
    )


def call(fn, **kw):
    try:
        out = fn(**kw)
        out.pop("ResponseMetadata", None)
        return {"ok": True, "code": None, "status": 200, "out": json.loads(json.dumps(out, default=str))}
    except ClientError as e:
        meta = e.response["ResponseMetadata"]
        return {"ok": False, "code": e.response["Error"]["Code"], "status": meta["HTTPStatusCode"]}


results = {}
c = client()
base = dict(ProductCode="prod-abc123", Timestamp=now - timedelta(minutes=1), UsageDimension="users", UsageQuantity=1)
results["MeterUsage ok"] = call(c.meter_usage, **base)
results["MeterUsage same hour other quantity"] = call(c.meter_usage, **{**base, "UsageQuantity": 2})
results["MeterUsage DryRun"] = call(c.meter_usage, **{**base, "UsageDimension": "hosts", "DryRun": True})
results["MeterUsage unknown product"] = call(c.meter_usage, **{**base, "ProductCode": "prod-nope"})
results["MeterUsage too old"] = call(c.meter_usage, **{**base, "Timestamp": now - timedelta(hours=7)})
agent = client("AKIDEMULATORAGENTCORE")
results["MeterUsage token first"] = call(agent.meter_usage, **{**base, "ClientToken": "boto-tok"})
results["MeterUsage token conflict"] = call(
    agent.meter_usage, **{**base, "UsageQuantity": 5, "ClientToken": "boto-tok"})
rec = dict(CustomerAWSAccountId="777788889999", Dimension="requests", Quantity=1, Timestamp=now - timedelta(hours=1))
results["BatchMeterUsage ok"] = call(c.batch_meter_usage, ProductCode="prod-saas456", UsageRecords=[rec])
results["BatchMeterUsage unknown customer"] = call(
    c.batch_meter_usage, ProductCode="prod-saas456", UsageRecords=[{**rec, "CustomerAWSAccountId": "000000000000"}])
results["ResolveCustomer ok"] = call(c.resolve_customer, RegistrationToken="reg-token-valid")
results["ResolveCustomer bogus"] = call(c.resolve_customer, RegistrationToken="specwatch-probe-boto")
results["ResolveCustomer expired"] = call(c.resolve_customer, RegistrationToken="reg-token-expired")
results["RegisterUsage ok"] = call(c.register_usage, ProductCode="prod-abc123", PublicKeyVersion=1, Nonce="boto-nonce")
results["RegisterUsage from EC2"] = call(
    client("AKIDEMULATOREC2").register_usage, ProductCode="prod-abc123", PublicKeyVersion=1)
print(json.dumps(results))
