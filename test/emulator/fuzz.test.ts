import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function post(
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const u = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: '/', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ops = ['MeterUsage', 'BatchMeterUsage', 'ResolveCustomer', 'RegisterUsage', 'Nope', ''];
const auth =
  'AWS4-HMAC-SHA256 Credential=AKIDEMULATORECS/20261127/us-east-1/aws-marketplace/aws4_request, ' +
  `SignedHeaders=host, Signature=${'c'.repeat(64)}`;

describe('fuzz: random and malformed bodies and headers', () => {
  it('always answers well-formed awsJson, never crashes, never leaks a stack trace', async () => {
    const body = fc.oneof(
      fc.json().map((j) => Buffer.from(j)),
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc
        .record(
          {
            ProductCode: fc.string(),
            Timestamp: fc.oneof(fc.integer(), fc.string(), fc.double()),
            UsageDimension: fc.string(),
            UsageQuantity: fc.oneof(fc.integer(), fc.constant(null)),
            UsageRecords: fc.array(fc.anything(), { maxLength: 30 }),
            RegistrationToken: fc.anything(),
            PublicKeyVersion: fc.anything(),
            Nonce: fc.anything(),
          },
          { requiredKeys: [] },
        )
        .map((o) => Buffer.from(JSON.stringify(o))),
    );
    const headers = fc.record(
      {
        'x-amz-target': fc.oneof(
          fc.constantFrom(...ops).map((o) => `AWSMPMeteringService.${o}`),
          fc.string(),
        ),
        'content-type': fc.constantFrom('application/x-amz-json-1.1', 'application/json', 'text/plain'),
        authorization: fc.oneof(
          fc.constant(auth),
          fc.string().map((s) => s.replace(/[^\x20-\x7e]/g, '')),
        ),
      },
      { requiredKeys: ['x-amz-target'] },
    );
    await fc.assert(
      fc.asyncProperty(headers, body, async (h, b) => {
        const clean = Object.fromEntries(
          Object.entries(h).filter(([, v]) => /^[\x20-\x7e]*$/.test(v as string)),
        ) as Record<string, string>;
        const r = await post(clean, b);
        expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
        const parsed = JSON.parse(r.text) as Record<string, unknown>;
        expect(r.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
        if (r.status === 200) expect(parsed.__type).toBeUndefined();
        else {
          expect([400, 403, 404, 409, 413, 500]).toContain(r.status);
          expect(typeof parsed.__type).toBe('string');
          expect(r.headers['x-amzn-errortype']).toBe(parsed.__type);
          expect(r.status).not.toBe(500); // no injected faults here: a 500 would be a crash
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    const health = await fetch(`${emu.url}/_emulator/health`);
    expect(health.status).toBe(200);
  });
});
