import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, rulesOf, struct } from '../mini.js';

const en = (...values: string[]) => ({
  type: 'enum',
  members: Object.fromEntries(
    values.map((v) => [v.toUpperCase(), { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': v } }]),
  ),
});
const m = (inVals: string[], outVals: string[]) =>
  miniModel({ In: struct({ e: member('E') }), Out: struct({ e: member('F') }), E: en(...inVals), F: en(...outVals) });
const classes = (d: ReturnType<typeof diffModels>) => Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]));

describe('enums family', () => {
  it('a new value: additive in a request, RISKY in a response', () => {
    expect(classes(diffModels(m(['a'], ['a']), m(['a', 'b'], ['a', 'b'])))).toEqual({
      'input.enum.value-added': 'ADDITIVE',
      'output.enum.value-added': 'RISKY',
    });
  });
  it('a removed value breaks requests only', () => {
    expect(classes(diffModels(m(['a', 'b'], ['a', 'b']), m(['a'], ['a'])))).toEqual({
      'input.enum.value-removed': 'BREAKING',
      'output.enum.value-removed': 'ADDITIVE',
    });
  });
  it('one value swapped for another is one rename finding', () => {
    const d = diffModels(m(['a', 'b'], ['x']), m(['a', 'c'], ['x']));
    expect(rulesOf(d)).toEqual(['input.enum.value-renamed']);
  });
  it('order does not matter', () => {
    expect(rulesOf(diffModels(m(['a', 'b', 'c'], ['a']), m(['c', 'a', 'b'], ['a'])))).toEqual([]);
  });
  it('an enum becoming a free string and back', () => {
    const free = miniModel({
      In: struct({ e: member('smithy.api#String') }),
      Out: struct({ e: member('smithy.api#String') }),
    });
    expect(classes(diffModels(m(['a'], ['a']), free))).toEqual({
      'input.enum.constraint-removed': 'ADDITIVE',
      'output.enum.constraint-removed': 'RISKY',
    });
    expect(classes(diffModels(free, m(['a'], ['a'])))).toEqual({
      'input.enum.constraint-added': 'BREAKING',
      'output.enum.constraint-added': 'ADDITIVE',
    });
  });
});
