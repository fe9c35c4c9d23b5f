import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, rulesOf, struct } from '../mini.js';

const m = (t: string, out = t) =>
  miniModel({ In: struct({ n: member(`smithy.api#${t}`) }), Out: struct({ n: member(`smithy.api#${out}`) }) });

describe('types family', () => {
  it('a map ↔ a structure (both JSON objects) is a type change, BREAKING both ways, nothing unseen', () => {
    // `p` is a map of strings on one side and a structure of one string member on the other.
    const kv = (shape: 'map' | 'structure') =>
      miniModel({
        P:
          shape === 'map'
            ? { type: 'map', key: member('smithy.api#String'), value: member('smithy.api#String') }
            : struct({ k: member('smithy.api#String') }),
        In: struct({ p: member('P') }),
        Out: struct({ p: member('P') }),
      });
    for (const [a, b] of [
      ['map', 'structure'],
      ['structure', 'map'],
    ] as const) {
      const d = diffModels(kv(a), kv(b));
      expect(allChanges(d).map((c) => `${c.class} ${c.rule} ${c.path} ${c.message}`)).toEqual([
        `BREAKING input.type.changed Op.input.p type changed from ${a === 'map' ? 'map to object' : 'object to map'}`,
        `BREAKING output.type.changed Op.output.p type changed from ${a === 'map' ? 'map to object' : 'object to map'}`,
      ]);
      expect(d.unseen).toEqual([]);
    }
  });
  it('string → integer is one BREAKING finding per direction, no further noise', () => {
    const d = diffModels(m('String'), m('Integer'));
    expect(rulesOf(d)).toEqual(['input.type.changed', 'output.type.changed']);
    expect(allChanges(d).every((c) => c.class === 'BREAKING')).toBe(true);
  });
  it('integer → long widens: additive for requests, breaking for responses', () => {
    const d = diffModels(m('Integer'), m('Long'));
    expect(Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]))).toEqual({
      'input.type.widened': 'ADDITIVE',
      'output.type.widened': 'BREAKING',
    });
  });
  it('integer ↔ long with the same range: the same values, a code-generation change, RISKY both ways', () => {
    const r = (t: string) =>
      miniModel({
        N: { type: t, traits: { 'smithy.api#range': { min: 0, max: 1000 } } },
        In: struct({ n: member('N') }),
        Out: struct({ n: member('N') }),
      });
    for (const [a, b] of [
      ['integer', 'long'],
      ['long', 'integer'],
    ]) {
      const d = diffModels(r(a), r(b));
      expect(Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]))).toEqual({
        'input.type.representation-changed': 'RISKY',
        'output.type.representation-changed': 'RISKY',
      });
    }
    expect(allChanges(diffModels(r('integer'), r('long')))[0].message).toMatch(
      /same range \[0, 1000\]: same values, new SDK type/,
    );
  });
  it('long → short narrows', () => {
    expect(rulesOf(diffModels(m('Long'), m('Short')))).toEqual(['input.type.narrowed', 'output.type.narrowed']);
  });
});
