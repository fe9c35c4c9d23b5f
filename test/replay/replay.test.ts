import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { defaultFixtures } from '../../src/emulator/fixtures.js';
import { runReplay } from '../../src/replay/runner.js';
import { toJUnit } from '../../src/replay/junit.js';
import { checkLiveRequest, LivePolicyViolation } from '../../src/replay/policy.js';
import { CapturingHandler } from '../../src/replay/capture.js';
import { snap, tmp, vendoredSpec } from '../helpers.js';

const snapshot = snap(vendoredSpec());
const PACK = 'amazonaws-com-meteringmarketplace';

describe('replay against the built-in emulator', () => {
  it('all four tools PASS, every case logged, JUnit written', async () => {
    const logDir = tmp();
    const r = await runReplay({ snapshot, pack: PACK, logDir });
    expect(r.tools.map((t) => [t.name, t.verdict])).toEqual([
      ['BatchMeterUsage', 'PASS'],
      ['MeterUsage', 'PASS'],
      ['RegisterUsage', 'PASS'],
      ['ResolveCustomer', 'PASS'],
    ]);
    expect(r.trust.level).toBe('replay-proven');
    expect(r.summary.line).toMatch(/^replay emulator: 4 tools PASS:4 \(\d+ cases, [\d.]+s\)$/);
    // a negative case for every modelled error of every tool
    for (const t of snapshot.tools) {
      const expected = r.tools.find((x) => x.name === t.name)!.cases.map((c) => c.reason);
      for (const e of t.errors)
        expect(
          expected.some((reason) => reason.includes(`answered ${e.name}`)),
          `${t.name} ${e.name}`,
        ).toBe(true);
    }
    const lines = readFileSync(join(logDir, 'emulator.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(r.tools.reduce((s, t) => s + t.cases.length, 0));
    expect(lines[0]).toMatchObject({ tool: 'BatchMeterUsage', verdict: 'PASS' });
    expect(lines.find((l) => l.case === 'meters one record').response.status).toBe(200);
    const xml = toJUnit(r);
    expect(xml).toMatch(/<testsuites name="specwatch replay .* tests="\d+" failures="0"/);
    expect(xml).toMatch(/<testsuite name="MeterUsage"/);
  });
});

describe('replay against a deliberately broken emulator (--endpoint)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await createEmulator({
      snapshot,
      fixtures: {
        ...defaultFixtures(),
        faults: { MeterUsage: { malformedResponse: true }, ResolveCustomer: { unmodelledError: 'SurpriseException' } },
      },
    });
    await emu.listen(0, '127.0.0.1');
  });
  afterAll(() => emu.close());

  it('a malformed response FAILS naming the schema path; an unmodelled error FAILS too', async () => {
    const r = await runReplay({ snapshot, pack: PACK, endpoint: emu.url });
    expect(r.target).toBe('endpoint');
    const mu = r.tools.find((t) => t.name === 'MeterUsage')!;
    expect(mu.verdict).toBe('FAIL');
    expect(mu.reason).toMatch(
      /\/MeteringRecordId must be string \(schema #\/\$defs\/MeterUsageResult\/properties\/MeteringRecordId\/type\)/,
    );
    const rc = r.tools.find((t) => t.name === 'ResolveCustomer')!;
    expect(rc.verdict).toBe('FAIL');
    expect(rc.reason).toMatch(/unmodelled error SurpriseException/);
    expect(r.tools.find((t) => t.name === 'RegisterUsage')!.verdict).toBe('PASS');
    // fault-injection cases need the built-in emulator: skipped, not failed, elsewhere
    expect(
      r.tools.find((t) => t.name === 'RegisterUsage')!.cases.filter((c) => c.verdict === 'SKIP').length,
    ).toBeGreaterThan(0);
    expect(r.trust.level).toBe('spec-monitored');
  });
});

describe('an endpoint that implements only some tools (moto-like)', () => {
  let server: ReturnType<typeof createServer>;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.headers['x-amz-target'] === 'AWSMPMeteringService.BatchMeterUsage') {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ Results: [], UnprocessedRecords: [] }));
        } else {
          res.writeHead(500, { 'content-type': 'text/html' });
          res.end('<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reports UNIMPLEMENTED, not a crash', async () => {
    const r = await runReplay({ snapshot, pack: PACK, endpoint: url });
    const v = Object.fromEntries(r.tools.map((t) => [t.name, t.verdict]));
    expect(v).toMatchObject({
      MeterUsage: 'UNIMPLEMENTED',
      RegisterUsage: 'UNIMPLEMENTED',
      ResolveCustomer: 'UNIMPLEMENTED',
    });
    expect(r.tools.find((t) => t.name === 'MeterUsage')!.reason).toMatch(/non-JSON body/);
    expect(v.BatchMeterUsage).toBe('FAIL'); // it answers, but not as modelled (no per-record results)
  });
});

describe('live mode (read-only), against the emulator posing as live', () => {
  let emu: Emulator;
  const saved = { ...process.env };
  beforeAll(async () => {
    emu = await createEmulator({ snapshot });
    await emu.listen(0, '127.0.0.1');
    process.env.AWS_ACCESS_KEY_ID = 'AKIDLIVEPROBE';
    process.env.AWS_SECRET_ACCESS_KEY = 'live-secret';
    process.env.AWS_REGION = 'us-east-1';
  });
  afterAll(() => emu.close());
  afterEach(() => {
    process.env = { ...saved };
  });

  it('only the allowed probes arrive, RegisterUsage is skipped with its reason', async () => {
    const r = await runReplay({ snapshot, pack: PACK, target: 'live', endpoint: emu.url });
    // Localhost is not the live API: replayed read-only as target "endpoint", never live-proven.
    expect(r.target).toBe('endpoint');
    expect(r.trust.level).toBe('spec-monitored');
    const arrived = emu.state.requests.map((q) => q.operation);
    expect(arrived.sort()).toEqual(['BatchMeterUsage', 'MeterUsage', 'ResolveCustomer']);
    const bodies = Object.fromEntries(emu.state.requests.map((q) => [q.operation, q.body as Record<string, unknown>]));
    expect(bodies.MeterUsage.DryRun).toBe(true);
    expect(bodies.BatchMeterUsage.UsageRecords).toEqual([]);
    expect(String(bodies.ResolveCustomer.RegistrationToken)).toMatch(/^specwatch-probe-/);
    expect(emu.state.records).toHaveLength(0);
    const v = Object.fromEntries(r.tools.map((t) => [t.name, [t.verdict, t.reason]]));
    expect(v.RegisterUsage).toEqual(['SKIP', 'RegisterUsage meters when it succeeds: no read-only probe exists']);
    expect(v.MeterUsage[0]).toBe('PASS');
    expect(v.BatchMeterUsage[0]).toBe('PASS');
    expect(v.ResolveCustomer[0]).toBe('PASS');
  });

  it('the policy refuses any other request before it leaves', async () => {
    const { MarketplaceMeteringClient, MeterUsageCommand, RegisterUsageCommand } =
      await import('@aws-sdk/client-marketplace-metering');
    const before = emu.state.requests.length;
    const c = new MarketplaceMeteringClient({
      endpoint: emu.url,
      region: 'us-east-1',
      maxAttempts: 1,
      requestHandler: new CapturingHandler(true),
      credentials: { accessKeyId: 'A', secretAccessKey: 'B' },
    });
    const e1 = await c
      .send(
        new MeterUsageCommand({
          ProductCode: 'prod-abc123',
          Timestamp: new Date(),
          UsageDimension: 'users',
          UsageQuantity: 1,
        }),
      )
      .catch((e) => e);
    expect(e1).toBeInstanceOf(LivePolicyViolation);
    const e2 = await c
      .send(new RegisterUsageCommand({ ProductCode: 'prod-abc123', PublicKeyVersion: 1 }))
      .catch((e) => e);
    expect(e2).toBeInstanceOf(LivePolicyViolation);
    expect(emu.state.requests.length).toBe(before);
  });

  it('policy unit: what may and may not leave', () => {
    const req = (op: string, body: unknown) => ({
      method: 'POST',
      protocol: 'https:',
      hostname: 'x',
      path: '/',
      headers: { 'x-amz-target': `AWSMPMeteringService.${op}` },
      body: JSON.stringify(body),
    });
    expect(() => checkLiveRequest(req('MeterUsage', { DryRun: true }))).not.toThrow();
    expect(() => checkLiveRequest(req('MeterUsage', { DryRun: false }))).toThrow(LivePolicyViolation);
    expect(() => checkLiveRequest(req('BatchMeterUsage', { UsageRecords: [] }))).not.toThrow();
    expect(() => checkLiveRequest(req('BatchMeterUsage', { UsageRecords: [{}] }))).toThrow(LivePolicyViolation);
    expect(() => checkLiveRequest(req('ResolveCustomer', { RegistrationToken: 'real-looking-token' }))).toThrow(
      LivePolicyViolation,
    );
    expect(() => checkLiveRequest(req('RegisterUsage', { ProductCode: 'p', PublicKeyVersion: 1 }))).toThrow(
      LivePolicyViolation,
    );
  });
});
