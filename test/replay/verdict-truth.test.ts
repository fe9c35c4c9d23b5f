import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { runReplay } from '../../src/replay/runner.js';
import { ALL_CASES } from '../../src/replay/cases/index.js';
import type { ToolCases } from '../../src/replay/types.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { cliAsync, ROOT, snap, tmp, vendoredSpec } from '../helpers.js';

const PACK = 'amazonaws-com-meteringmarketplace';
const snapshot = snap(vendoredSpec());
const closers: (() => void)[] = [];
afterAll(() => closers.forEach((c) => c()));

/** A scripted awsJson target: `answer(op, body)` gives status, __type (or a raw body). */
async function target(
  answer: (
    op: string,
    body: Record<string, unknown>,
  ) => { status: number; type?: string; raw?: string; json?: unknown },
) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop()!;
      const a = answer(op, b ? JSON.parse(b) : {});
      const body = a.raw ?? JSON.stringify(a.json ?? (a.type ? { __type: a.type, message: 'scripted' } : {}));
      res.writeHead(a.status, { 'content-type': a.raw ? 'text/html' : 'application/x-amz-json-1.1' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const one = (tool: string, name: string): ToolCases[] => {
  const tc = ALL_CASES.find((t) => t.tool === tool)!;
  return [{ ...tc, cases: tc.cases.filter((c) => c.name === name) }];
};

describe('error expectations are exact', () => {
  const conflict = one('MeterUsage', 'ClientToken reused with other parameters');
  const primeOk = (body: Record<string, unknown>) => body.UsageQuantity !== 9;
  const run = async (status: number, type: string) => {
    const url = await target((_op, body) =>
      primeOk(body) ? { status: 200, json: { MeteringRecordId: 'r-1' } } : { status, type },
    );
    return (await runReplay({ snapshot, pack: PACK, endpoint: url, cases: conflict })).tools[0];
  };

  it('the right name with the modelled 409 passes', async () => {
    expect((await run(409, 'IdempotencyConflictException')).verdict).toBe('PASS');
  });
  it('the right name with the wrong status (400 for the modelled 409) fails', async () => {
    const t = await run(400, 'IdempotencyConflictException');
    expect(t.verdict).toBe('FAIL');
    expect(t.reason).toMatch(/HTTP 409 in the model but came with HTTP 400/);
  });
  it('a modelled error under the wrong name fails', async () => {
    const t = await run(400, 'DuplicateRequestException');
    expect(t.verdict).toBe('FAIL');
    expect(t.reason).toMatch(/expected IdempotencyConflictException, got DuplicateRequestException/);
  });
  it('the right name with the wrong fault (a client error as 500) fails', async () => {
    const cases = one('MeterUsage', 'unknown product code');
    const url = await target(() => ({ status: 500, type: 'InvalidProductCodeException' }));
    const t = (await runReplay({ snapshot, pack: PACK, endpoint: url, cases })).tools[0];
    expect(t.verdict).toBe('FAIL');
    expect(t.reason).toMatch(/client fault in the model but came with HTTP 500/);
  });
  it('the documented DryRunOperation: checked for __type and status 400', async () => {
    const cases = one('MeterUsage', 'DryRun answers the documented DryRunOperation');
    for (const [status, json, verdict] of [
      [400, { __type: 'DryRunOperation' }, 'PASS'],
      [412, { __type: 'DryRunOperation' }, 'FAIL'],
    ] as const) {
      const url = await target(() => ({ status, json }));
      expect((await runReplay({ snapshot, pack: PACK, endpoint: url, cases })).tools[0].verdict).toBe(verdict);
    }
  });
});

describe('UNIMPLEMENTED only for a tool that never answered', () => {
  it(
    'a tool that answered one valid request and then ' + '500s (non-JSON) on another is FAIL, naming the case',
    async () => {
      const tc = ALL_CASES.find((t) => t.tool === 'ResolveCustomer')!;
      const cases = [
        {
          ...tc,
          cases: tc.cases.filter((c) => c.name.startsWith('a registration token') || c.name.startsWith('a legacy')),
        },
      ];
      const url = await target((_op, body) =>
        body.RegistrationToken === 'reg-token-valid'
          ? { status: 200, json: { CustomerAWSAccountId: '777788889999', ProductCode: 'prod-saas456' } }
          : { status: 500, raw: '<html>oops</html>' },
      );
      const t = (await runReplay({ snapshot, pack: PACK, endpoint: url, cases })).tools[0];
      expect(t.verdict).toBe('FAIL');
      expect(t.reason).toContain(
        '"a legacy integration still gets CustomerIdentifier": the target answered HTTP 500 with a non-JSON body ' +
          'to a valid request, though ResolveCustomer answered other requests as modelled',
      );
    },
  );
  it('a tool that never answered is UNIMPLEMENTED', async () => {
    const url = await target(() => ({ status: 500, raw: '<html>no</html>' }));
    const t = (
      await runReplay({ snapshot, pack: PACK, endpoint: url, cases: one('ResolveCustomer', 'an expired token') })
    ).tools[0];
    expect(t.verdict).toBe('UNIMPLEMENTED');
  });
});

describe('every expectation rests on the current docs', () => {
  it('a case whose ground left the docs is SKIP with the reason', async () => {
    const stale: Snapshot = JSON.parse(JSON.stringify(snapshot));
    const mu = stale.tools.find((t) => t.name === 'MeterUsage')!;
    mu.documentation = mu.documentation.replace(/once per hour/g, 'at any time');
    const r = await runReplay({
      snapshot: stale,
      pack: PACK,
      cases: one('MeterUsage', "same hour, other quantity (the SDK's own ClientToken)"),
    });
    expect(r.tools[0].cases[0]).toMatchObject({
      verdict: 'SKIP',
      reason: expect.stringMatching(/ground is gone from the current docs/),
    });
    const fresh = await runReplay({
      snapshot,
      pack: PACK,
      cases: one('MeterUsage', "same hour, other quantity (the SDK's own ClientToken)"),
    });
    expect(fresh.tools[0].verdict).toBe('PASS');
  });
});

describe('verdicts claim only what was shown (CLI)', () => {
  let emu: Emulator;
  let root: string;
  beforeAll(async () => {
    emu = await createEmulator({ snapshot });
    await emu.listen(0, '127.0.0.1');
    closers.push(() => void emu.close());
    root = tmp();
    for (const d of ['specs', 'snapshots']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
  });
  const verdict = () => readFileSync(join(root, 'snapshots', PACK, 'verdict.json'), 'utf8');

  it('--target live --endpoint-url http://127.0.0.1:… cannot produce live-proven', async () => {
    const r = await cliAsync(['replay', '--target', 'live', '--endpoint-url', emu.url, '--root', root, '--json'], {
      env: { AWS_ACCESS_KEY_ID: 'AKIDX', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'us-east-1' },
    });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.target).toBe('endpoint');
    expect(j.note).toMatch(/not the real AWS endpoint/);
    const v = JSON.parse(verdict());
    expect(v.level).not.toBe('live-proven');
    expect(v.live).toBe(null);
    expect(v.endpoint.url).toBe(emu.url);
  });

  it('an unreachable target is one "cannot connect" line, exit 3, and no verdict change', async () => {
    const before = verdict();
    const dead = await target(() => ({ status: 200 }));
    closers.pop()!(); // close it: the port now refuses connections
    await new Promise((r) => setTimeout(r, 50));
    const r = await cliAsync(['replay', '--endpoint-url', dead, '--root', root]);
    expect(r.code).toBe(3);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('specwatch:')),
    ).toEqual([
      expect.stringMatching(
        /^specwatch: cannot connect to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): nothing was replayed$/,
      ),
    ]);
    expect(verdict()).toBe(before);
  });
});
