import {
  DisabledApiException,
  InternalServiceErrorException,
  MeterUsageCommand,
  ResolveCustomerCommand,
  ThrottlingException,
} from '@aws-sdk/client-marketplace-metering';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { defaultFixtures } from '../../src/emulator/fixtures.js';
import { client, NOW, raw, startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.state.reset({ ...defaultFixtures(), now: NOW.toISOString() }));

describe('awsJson1_1 generic layer', () => {
  it('unknown target → UnknownOperationException the awsJson way', async () => {
    const r = await raw(emu, 'DeleteEverything', {});
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('UnknownOperationException');
    expect(r.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });
  it('missing or malformed Authorization → 4xx auth error', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSMPMeteringService.ResolveCustomer' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    const bad = await raw(emu, 'ResolveCustomer', { RegistrationToken: 'x' }, { authorization: 'Bearer abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.__type).toBe('IncompleteSignatureException');
    const wrongService = await raw(
      emu,
      'ResolveCustomer',
      { RegistrationToken: 'x' },
      {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AK/20261127/us-east-1/s3/aws4_request, ' +
          `SignedHeaders=host, Signature=${'b'.repeat(64)}`,
      },
    );
    expect(wrongService.body.__type).toBe('InvalidSignatureException');
  });
  it('wrong Content-Type and invalid JSON are SerializationException', async () => {
    expect((await raw(emu, 'ResolveCustomer', '{}', { 'content-type': 'application/json' })).body.__type).toBe(
      'SerializationException',
    );
    expect((await raw(emu, 'ResolveCustomer', '{"Regis')).body.__type).toBe('SerializationException');
  });
  it('validates input against the snapshot, naming the failed constraint', async () => {
    const r = await raw(emu, 'MeterUsage', { ProductCode: 'bad code!', Timestamp: 1, UsageDimension: 'users' });
    expect(r.body.__type).toBe('ValidationException');
    expect(r.body.message).toMatch(
      new RegExp(
        "Value at 'ProductCode' failed to satisfy constraint: " +
          String.raw`Member must satisfy regular expression pattern.*\(pattern\)`,
      ),
    );
  });
  it('a body over 1 MiB is refused with 413', async () => {
    const r = await raw(emu, 'ResolveCustomer', JSON.stringify({ RegistrationToken: 'x'.repeat(1024 * 1024 + 10) }));
    expect(r.status).toBe(413);
  });
  it('with credentials configured, signatures are really verified', async () => {
    emu.state.fixtures.credentials = { AKIDEMULATORECS: 'right-secret' };
    const ok = await client(emu, { secretAccessKey: 'right-secret' }).send(
      new ResolveCustomerCommand({ RegistrationToken: 'reg-token-valid' }),
    );
    expect(ok.CustomerAWSAccountId).toBe('777788889999');
    const wrong = await client(emu, { secretAccessKey: 'wrong-secret' })
      .send(new ResolveCustomerCommand({ RegistrationToken: 'reg-token-legacy' }))
      .catch((e) => e);
    expect(wrong.name).toBe('InvalidSignatureException');
    expect(wrong.$metadata.httpStatusCode).toBe(403);
    const unknown = await client(emu, { accessKeyId: 'AKIDOTHER', secretAccessKey: 'x' })
      .send(new ResolveCustomerCommand({ RegistrationToken: 'reg-token-legacy' }))
      .catch((e) => e);
    expect(unknown.name).toBe('UnrecognizedClientException');
  });
  it('token bucket → ThrottlingException', async () => {
    emu.state.reset({ ...emu.state.fixtures, throttle: { capacity: 2, refillPerSecond: 0 } });
    const c = client(emu);
    await c.send(new ResolveCustomerCommand({ RegistrationToken: 'nope' })).catch(() => 0);
    await c.send(new ResolveCustomerCommand({ RegistrationToken: 'nope' })).catch(() => 0);
    expect(await c.send(new ResolveCustomerCommand({ RegistrationToken: 'nope' })).catch((e) => e)).toBeInstanceOf(
      ThrottlingException,
    );
  });
  it('fault injection over the admin route: 5xx, throttling, latency; disabled operations', async () => {
    await fetch(`${emu.url}/_emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ ResolveCustomer: { errorRate: 1 }, MeterUsage: { throttleRate: 1 } }),
    });
    const e1 = await client(emu)
      .send(new ResolveCustomerCommand({ RegistrationToken: 'reg-token-valid' }))
      .catch((e) => e);
    expect(e1).toBeInstanceOf(InternalServiceErrorException);
    expect(e1.$metadata.httpStatusCode).toBe(500);
    const e2 = await client(emu)
      .send(new MeterUsageCommand({ ProductCode: 'prod-abc123', Timestamp: NOW, UsageDimension: 'users' }))
      .catch((e) => e);
    expect(e2).toBeInstanceOf(ThrottlingException);
    await fetch(`${emu.url}/_emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ ResolveCustomer: { latencyMs: 150 } }),
    });
    const t0 = Date.now();
    await client(emu).send(new ResolveCustomerCommand({ RegistrationToken: 'reg-token-valid' }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    emu.state.fixtures.disabledOperations = ['ResolveCustomer'];
    expect(
      await client(emu)
        .send(new ResolveCustomerCommand({ RegistrationToken: 'x' }))
        .catch((e) => e),
    ).toBeInstanceOf(DisabledApiException);
  });
  it('admin routes: records, requests, reset, health', async () => {
    await client(emu).send(
      new MeterUsageCommand({ ProductCode: 'prod-abc123', Timestamp: NOW, UsageDimension: 'users', UsageQuantity: 1 }),
    );
    const records = (await (await fetch(`${emu.url}/_emulator/records`)).json()) as unknown[];
    expect(records).toHaveLength(1);
    const requests = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as {
      operation: string;
      status: number;
    }[];
    expect(requests.map((r) => [r.operation, r.status])).toEqual([['MeterUsage', 200]]);
    await fetch(`${emu.url}/_emulator/reset`, { method: 'POST' });
    expect(await (await fetch(`${emu.url}/_emulator/records`)).json()).toEqual([]);
    expect(((await (await fetch(`${emu.url}/_emulator/health`)).json()) as { tools: string[] }).tools).toHaveLength(4);
  });
});
