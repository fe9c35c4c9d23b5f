import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const m = (
  len: Record<string, number> | null,
  range: Record<string, number> | null = null,
  list: Record<string, number> | null = null,
) =>
  miniModel({
    In: struct({ s: member('S'), n: member('N'), l: member('L') }),
    Out: struct({ s: member('S') }),
    S: { type: 'string', traits: len ? { 'smithy.api#length': len } : {} },
    N: { type: 'integer', traits: range ? { 'smithy.api#range': range } : {} },
    L: { type: 'list', member: { target: 'smithy.api#String' }, traits: list ? { 'smithy.api#length': list } : {} },
  });
const classes = (d: ReturnType<typeof diffModels>) =>
  Object.fromEntries(allChanges(d).map((c) => [`${c.rule} ${c.path}`, c.class]));

describe('bounds family', () => {
  it('a length bound added to an input is BREAKING (smithy-diff misses this); the response side is ADDITIVE', () => {
    expect(classes(diffModels(m(null), m({ max: 10 })))).toEqual({
      'input.constraint.tightened Op.input.s': 'BREAKING',
      'output.constraint.tightened Op.output.s': 'ADDITIVE',
    });
  });
  it('loosening breaks a response', () => {
    expect(classes(diffModels(m({ min: 1, max: 10 }), m({ min: 0, max: 10 })))).toEqual({
      'input.constraint.loosened Op.input.s': 'ADDITIVE',
      'output.constraint.loosened Op.output.s': 'BREAKING',
    });
  });
  it('range and list size bounds', () => {
    expect(classes(diffModels(m(null, { max: 100 }, { max: 25 }), m(null, { max: 50 }, { max: 2500 })))).toEqual({
      'input.constraint.tightened Op.input.n': 'BREAKING',
      'input.constraint.loosened Op.input.l': 'ADDITIVE',
    });
  });
  it('bounds moving both ways are one BREAKING finding', () => {
    expect(
      classes(diffModels(m({ min: 1, max: 10 }), m({ min: 2, max: 20 })))['input.constraint.shifted Op.input.s'],
    ).toBe('BREAKING');
  });
  it('a stated zero minimum is no change', () => {
    expect(allChanges(diffModels(m({ max: 10 }), m({ min: 0, max: 10 })))).toEqual([]);
  });
});
