import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleValue } from '../../src/emulator/sample.js';
import { loadModelText } from '../../src/model/load.js';
import { deriveCases, runDerivedReplay } from '../../src/replay/derived.js';
import { normalize } from '../../src/snapshot/normalize.js';
import { signingName } from '../../src/snapshot/wire.js';
import { FIX } from '../helpers.js';

/** Replay for services without hand-written cases: derived from the snapshot, against the generic emulator. */
const streams = () => {
  const f = join(FIX, 'other-services', 'dynamodb-streams-2012-08-10.json');
  const t = readFileSync(f, 'utf8');
  return normalize(loadModelText(t, f), { pack: 'streams', bytes: t, location: f });
};

describe('derived replay (awsJson1_0: DynamoDB Streams)', () => {
  it('derives a valid input, a boundary, and one invalid input per constraint kind', () => {
    const tool = streams().tools.find((t) => t.name === 'GetShardIterator')!;
    const { cases } = deriveCases(tool);
    expect(cases.map((c) => [c.name, c.expect])).toEqual([
      ['a minimal valid input', 'ok'],
      ['SequenceNumber at its maxLength 40', 'ok'],
      ['SequenceNumber over its maxLength 40', 'client-error'],
      ['required ShardId left out', 'client-error'],
      ['ShardIteratorType outside its enum', 'client-error'],
    ]);
    // The minimal input holds exactly the required members, each valid (ARN pattern included).
    expect(Object.keys(cases[0].input).sort()).toEqual(['ShardId', 'ShardIteratorType', 'StreamArn']);
    expect(sampleValue(tool.input, tool.input)).toEqual(cases[0].input);
  });

  it('a model without a SigV4 name: client and emulator both sign for the endpoint prefix', async () => {
    const s = streams();
    const unnamed = { ...s, service: { ...s.service, sigv4Name: null } };
    expect(signingName(unnamed)).toBe('streams.dynamodb');
    const r = await runDerivedReplay(unnamed, 'streams');
    expect(r.summary.line).toMatch(/^replay emulator \(derived\): 4 tools PASS:4 /);
  });

  it('every tool passes over real HTTP with verified SigV4, answers validating against the output schema', async () => {
    const r = await runDerivedReplay(streams(), 'streams');
    expect(r.summary.line).toMatch(/^replay emulator \(derived\): 4 tools PASS:4 \(16 cases, /);
    expect(r.tools.flatMap((t) => t.cases).every((c) => c.verdict === 'PASS')).toBe(true);
    const refused = r.tools.flatMap((t) => t.cases).filter((c) => c.kind === 'negative');
    expect(refused.length).toBe(8);
    expect(refused.every((c) => /^refused: HTTP 4\d\d$/.test(c.reason))).toBe(true);
  });
});

describe('derived live probes (the policy; no test reaches AWS)', () => {
  it("only @readonly operations may leave, and the endpoint is the service's own regional host", async () => {
    const { checkLiveReadonly, liveEndpoint } = await import('../../src/replay/derived.js');
    const s = streams();
    expect(liveEndpoint(s, 'eu-west-1')).toBe('https://streams.dynamodb.eu-west-1.amazonaws.com');
    const ro = { ...s.tools[0], traits: { ...s.tools[0].traits, readonly: true } };
    const rw = { ...s.tools[0], traits: { ...s.tools[0].traits, readonly: false } };
    expect(() => checkLiveReadonly(ro)).not.toThrow();
    expect(() => checkLiveReadonly(rw)).toThrow(
      /live read-only policy: refused DescribeStream: only @readonly operations/,
    );
  });

  it('against an endpoint (not live): derived cases run there and the verdict is never a rung', async () => {
    const { createEmulator } = await import('../../src/emulator/server.js');
    const s = streams();
    const emu = await createEmulator({ snapshot: s });
    const url = await emu.listen(0, '127.0.0.1');
    try {
      const r = await runDerivedReplay(s, 'streams', { target: 'endpoint', endpoint: url });
      expect(r.target).toBe('endpoint');
      expect(r.summary.line).toMatch(/^replay endpoint \(derived\): 4 tools PASS:4/);
    } finally {
      await emu.close();
    }
    // Unreachable is not failing: a FetchError (exit 3), no verdict.
    await expect(
      runDerivedReplay(s, 'streams', { target: 'endpoint', endpoint: 'http://127.0.0.1:9' }),
    ).rejects.toThrow(/^cannot connect to http:\/\/127\.0\.0\.1:9/);
  });
});

describe('the trust ladder says which proof a pack has', () => {
  it('derived proof is named as such, on both rungs', async () => {
    const { trustFrom } = await import('../../src/replay/trust.js');
    const emu = { time: 't', line: 'replay emulator (derived): 1 tools PASS:1 (3 cases, 0.1s)', tools: { A: 'PASS' } };
    const live = { time: 't', line: 'replay live (derived): 1 tools PASS:1 (1 cases, 0.2s)', tools: { A: 'PASS' } };
    expect(trustFrom(emu, null)).toMatchObject({
      level: 'replay-proven',
      sentence: expect.stringMatching(/derived cases/),
    });
    expect(trustFrom(emu, live)).toMatchObject({ level: 'live-proven', sentence: expect.stringMatching(/@readonly/) });
    const real = { ...emu, line: 'replay emulator: 4 tools PASS:4 (48 cases, 0.5s)' };
    expect(trustFrom(real, null).sentence).not.toMatch(/derived/);
  });
});
