import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const m = (def: unknown, hint = false) => {
  const t: Record<string, unknown> = {};
  if (def !== undefined) t['smithy.api#default'] = def;
  if (hint) t['smithy.api#clientOptional'] = {};
  return miniModel({
    In: struct({ n: member('smithy.api#Integer', t) }),
    Out: struct({ n: member('smithy.api#Integer', t) }),
  });
};
const classes = (d: ReturnType<typeof diffModels>) => Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]));

describe('defaults family', () => {
  it('added', () =>
    expect(classes(diffModels(m(undefined), m(5)))).toEqual({
      'input.default.added': 'ADDITIVE',
      'output.default.added': 'ADDITIVE',
    }));
  it('removed', () =>
    expect(classes(diffModels(m(5), m(undefined)))).toEqual({
      'input.default.removed': 'RISKY',
      'output.default.removed': 'BREAKING',
    }));
  it('changed', () =>
    expect(classes(diffModels(m(5), m(6)))).toEqual({
      'input.default.changed': 'RISKY',
      'output.default.changed': 'RISKY',
    }));
  it('nullability hint', () =>
    expect(classes(diffModels(m(5), m(5, true)))).toEqual({
      'input.nullability.hint-changed': 'ADDITIVE',
      'output.nullability.hint-changed': 'RISKY',
    }));
});
