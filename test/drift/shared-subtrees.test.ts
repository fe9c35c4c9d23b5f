import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import type { JsonSchema, Snapshot, Tool } from '../../src/snapshot/types.js';
import { member, miniModel, snapOf, str, struct } from './mini.js';

// The rule engine walks a definition pair once per comparison and replays what is below it in other tools.
// Z changes (a tighter member); X holds Z; L is a list whose items' default changes. T1 and T3 meet X first;
// T2 meets Z before X, so at b.z, Z is a pair met again (nothing below it is reported twice). L is reached
// as `tags` and as `labels`: the defaults rule names the member, so the replay must not carry `tags` over.
const side = (max: number, dflt: string) => {
  const Z = { type: 'object', properties: { s: { type: 'string', maxLength: max } } };
  const X = { type: 'object', properties: { z: { $ref: '#/$defs/Z' } } };
  const L = { type: 'array', items: { type: 'string', default: dflt } };
  const tool = (name: string, properties: Record<string, JsonSchema>): Tool => ({
    name,
    documentation: '',
    input: { $ref: '#/$defs/In', $defs: { In: { type: 'object', properties }, X, Z, L } },
    output: { type: 'object', properties: {} },
    errors: [],
    traits: { idempotent: false, readonly: false, paginated: null, deprecated: null },
    fingerprint: '',
    docFingerprint: '',
  });
  return [
    tool('T1', { x: { $ref: '#/$defs/X' }, tags: { $ref: '#/$defs/L' } }),
    tool('T2', { a: { $ref: '#/$defs/Z' }, b: { $ref: '#/$defs/X' } }),
    tool('T3', { labels: { $ref: '#/$defs/L' }, y: { $ref: '#/$defs/X' } }),
  ];
};
const base = snapOf(miniModel({ N: str({}), In: struct({ n: member('N') }) }));
const snap = (tools: Tool[]): Snapshot => ({ ...base, tools });
const found = (tools: { changes: { path: string; message: string }[] }[]) =>
  tools.flatMap((t) => t.changes.map((c) => `${c.path}: ${c.message}`));

describe('engine: a definition pair reached from many tools', () => {
  const [a, b] = [side(5, 'a'), side(4, 'b')];

  it('gives each tool what that tool alone gives', () => {
    const all = diffSnapshots(snap(a), snap(b));
    expect(found(all.tools)).toEqual([
      'T1.input.tags[]: default of tags[] changed from "a" to "b"',
      'T1.input.x.z.s: tightened: maxLength 5 → 4',
      'T2.input.a.s: tightened: maxLength 5 → 4',
      'T3.input.labels[]: default of labels[] changed from "a" to "b"',
      'T3.input.y.z.s: tightened: maxLength 5 → 4',
    ]);
    for (let i = 0; i < 3; i++) {
      const alone = diffSnapshots(snap([a[i]]), snap([b[i]]));
      expect(all.tools[i]).toEqual(alone.tools[0]);
    }
  });
});
