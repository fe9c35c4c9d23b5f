import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleValue } from '../../src/emulator/sample.js';
import { loadModelText } from '../../src/model/load.js';
import { deriveCases, runDerivedReplay } from '../../src/replay/derived.js';
import { normalize } from '../../src/snapshot/normalize.js';
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

  it('every tool passes over real HTTP with verified SigV4, answers validating against the output schema', async () => {
    const r = await runDerivedReplay(streams(), 'streams');
    expect(r.summary.line).toMatch(/^replay emulator \(derived\): 4 tools PASS:4 \(16 cases, /);
    expect(r.tools.flatMap((t) => t.cases).every((c) => c.verdict === 'PASS')).toBe(true);
    const refused = r.tools.flatMap((t) => t.cases).filter((c) => c.kind === 'negative');
    expect(refused.length).toBe(8);
    expect(refused.every((c) => /^refused: HTTP 4\d\d$/.test(c.reason))).toBe(true);
  });
});
