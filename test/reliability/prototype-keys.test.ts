import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { canonicalJson } from '../../src/util/canonical.js';
import { miniModel, member, REQ, snapOf, str, struct } from '../drift/mini.js';

// Every key JavaScript objects inherit, plus the one JSON.parse treats specially.
const PROTO_KEYS = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])].filter((k) =>
  /^[A-Za-z_]\w*$/.test(k),
);

type Edit = 'add-optional' | 'add-required' | 'remove' | 'require' | 'unrequire';

/** Old and new models for one edit of member `name` (beside an ordinary member A). */
function pair(name: string, edit: Edit) {
  const a = (m: Record<string, unknown>) =>
    miniModel({ S: str(), In: struct({ A: member('S'), ...m }), Out: struct({ B: member('S'), ...m }) });
  const opt = { [name]: member('S') };
  const req = { [name]: member('S', REQ) };
  const none = {};
  const [o, n] = {
    'add-optional': [none, opt],
    'add-required': [none, req],
    remove: [opt, none],
    require: [opt, req],
    unrequire: [req, opt],
  }[edit];
  // JSON text, as upstream serves it: JSON.parse makes "__proto__" an own key.
  return [JSON.parse(JSON.stringify(a(o))), JSON.parse(JSON.stringify(a(n)))];
}

const roundTrip = (s: Snapshot) => JSON.parse(canonicalJson(s)) as Snapshot;

function shape(name: string, edit: Edit, viaDisk: boolean) {
  const [o, n] = pair(name, edit);
  let [a, b] = [snapOf(o), snapOf(n)];
  if (viaDisk) [a, b] = [roundTrip(a), roundTrip(b)];
  const d = diffSnapshots(a, b);
  return {
    line: d.summary.line,
    changes: d.tools.flatMap((t) => t.changes).map((c) => `${c.rule} ${c.class} ${c.path.replace(`.${name}`, '.<m>')}`),
  };
}

describe('member names that are Object.prototype keys classify like ordinary names', () => {
  it('covers the keys the issue names', () => {
    expect(PROTO_KEYS).toEqual(expect.arrayContaining(['constructor', 'toString', '__proto__', 'hasOwnProperty']));
  });

  it('property: any prototype key, any edit, in memory or read back from disk', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROTO_KEYS),
        fc.constantFrom<Edit>('add-optional', 'add-required', 'remove', 'require', 'unrequire'),
        fc.boolean(),
        (name, edit, viaDisk) => {
          const expected = shape('Ordinary', edit, viaDisk);
          expect(expected.changes.length).toBeGreaterThan(0);
          expect(shape(name, edit, viaDisk)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a new required __proto__ member is BREAKING, never CLEAN', () => {
    const [o, n] = pair('__proto__', 'add-required');
    const d = diffSnapshots(snapOf(o), snapOf(n));
    expect(d.summary.line).toBe('1 tools BREAKING:1 residual 0%');
    expect(d.tools[0].changes.map((c) => c.rule)).toContain('input.member.added-required');
  });

  it('snapshots keep a __proto__ member as a key, byte-identically through JSON', () => {
    const [, n] = pair('__proto__', 'add-required');
    const s = snapOf(n);
    const text = canonicalJson(s);
    expect(text).toContain('"__proto__"');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});
