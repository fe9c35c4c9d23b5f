import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { unseenPaths } from '../../src/drift/unseen.js';
import type { JsonSchema, Snapshot, Tool } from '../../src/snapshot/types.js';
import { member, miniModel, snapOf, str, struct } from './mini.js';

// Both differs walk a definition pair once per comparison and replay what is below it in other tools, as a
// comparison builds them: every document of a side holds the same `$defs`. Z changes (a tighter member, a new
// keyword of its own); X holds Z; L is a list whose items' default changes. T1 and T3 meet X first; T2 meets Z
// before X, so at b.z, Z is met again (nothing below it is reported twice). L is reached as `tags` and as
// `labels`: the defaults rule names the member, so a replay must not carry `tags` over.
const tool = (name: string, input: JsonSchema): Tool => ({
  name,
  documentation: '',
  input,
  output: { type: 'object', properties: {} },
  errors: [],
  traits: { idempotent: false, readonly: false, paginated: null, deprecated: null },
  fingerprint: '',
  docFingerprint: '',
});
const side = (max: number, dflt: string, extra: Record<string, unknown>) => {
  const $defs: Record<string, JsonSchema> = {
    In1: { type: 'object', properties: { x: { $ref: '#/$defs/X' }, tags: { $ref: '#/$defs/L' } } },
    In2: { type: 'object', properties: { a: { $ref: '#/$defs/Z' }, b: { $ref: '#/$defs/X' } } },
    In3: { type: 'object', properties: { labels: { $ref: '#/$defs/L' }, y: { $ref: '#/$defs/X' } } },
    X: { type: 'object', properties: { z: { $ref: '#/$defs/Z' } } },
    Z: { type: 'object', ...extra, properties: { s: { type: 'string', maxLength: max } } },
    L: { type: 'array', items: { type: 'string', default: dflt } },
  };
  return ['T1', 'T2', 'T3'].map((n, i) => tool(n, { $ref: `#/$defs/In${i + 1}`, $defs }));
};
const base = snapOf(miniModel({ N: str({}), In: struct({ n: member('N') }) }));
const snap = (tools: Tool[]): Snapshot => ({ ...base, tools });
const found = (tools: { changes: { path: string; message: string }[] }[]) =>
  tools.flatMap((t) => t.changes.map((c) => `${c.path}: ${c.message}`));
const [a, b] = [side(5, 'a', {}), side(4, 'b', { maxProperties: 3 })];

describe('a definition pair reached from many tools: walked once, replayed only where exact', () => {
  it('engine: each tool gets what that tool alone gets', () => {
    const all = diffSnapshots(snap(a), snap(b));
    expect(found(all.tools)).toEqual([
      'T1.input.tags[]: default of tags[] changed from "a" to "b"',
      'T1.input.x.z: tightened: maxProperties (none) → 3',
      'T1.input.x.z.s: tightened: maxLength 5 → 4',
      'T2.input.a: tightened: maxProperties (none) → 3',
      'T2.input.a.s: tightened: maxLength 5 → 4',
      'T3.input.labels[]: default of labels[] changed from "a" to "b"',
      'T3.input.y.z: tightened: maxProperties (none) → 3',
      'T3.input.y.z.s: tightened: maxLength 5 → 4',
    ]);
    for (let i = 0; i < 3; i++) expect(all.tools[i]).toEqual(diffSnapshots(snap([a[i]]), snap([b[i]])).tools[0]);
  });

  it('unseen: each tool gets what that tool alone gets', () => {
    const all = unseenPaths(snap(a), snap(b), [], false);
    expect(all).toEqual([
      'T1.input.tags[]',
      'T1.input.x.z',
      'T1.input.x.z.s',
      'T2.input.a',
      'T2.input.a.s',
      'T3.input.labels[]',
      'T3.input.y.z',
      'T3.input.y.z.s',
    ]);
    for (let i = 0; i < 3; i++) {
      expect(all.filter((p) => p.startsWith(`${a[i].name}.`))).toEqual(
        unseenPaths(snap([a[i]]), snap([b[i]]), [], false),
      );
    }
  });

  it('the same definition objects under another $defs are walked again: a $ref there may name another body', () => {
    // X is one object in both tools of a side, but its `Z` is a different body in each tool's $defs.
    const sideOf = (max: number, X = { type: 'object', properties: { z: { $ref: '#/$defs/Z' } } }) => [
      tool('T1', { $ref: '#/$defs/X', $defs: { X, Z: { type: 'object', properties: { s: { maxLength: max } } } } }),
      tool('T2', { $ref: '#/$defs/X', $defs: { X, Z: { type: 'object', properties: { s: { maxLength: 9 } } } } }),
    ];
    const [x, y] = [sideOf(5), sideOf(4)];
    expect(found(diffSnapshots(snap(x), snap(y)).tools)).toEqual(['T1.input.z.s: tightened: maxLength 5 → 4']);
    expect(unseenPaths(snap(x), snap(y), [], false)).toEqual(['T1.input.z.s']);
  });
});
