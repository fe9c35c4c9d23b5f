import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const pairs = (d: ReturnType<typeof diffModels>) => allChanges(d).map((c) => [c.rule, c.class]);

describe('flags family', () => {
  it('deprecated member is DOC', () => {
    const m = (dep: boolean) =>
      miniModel({
        In: struct({ a: member('smithy.api#String', dep ? { 'smithy.api#deprecated': {} } : {}) }),
        Out: struct({}),
      });
    expect(pairs(diffModels(m(false), m(true)))).toEqual([['input.deprecated.added', 'DOC']]);
    expect(pairs(diffModels(m(true), m(false)))).toEqual([['input.deprecated.removed', 'DOC']]);
  });
  it('sensitive removed is RISKY', () => {
    const m = (s: boolean) =>
      miniModel({
        In: struct({ a: member('S') }),
        Out: struct({}),
        S: { type: 'string', traits: s ? { 'smithy.api#sensitive': {} } : {} },
      });
    expect(pairs(diffModels(m(true), m(false)))).toEqual([['input.sensitive.removed', 'RISKY']]);
    expect(pairs(diffModels(m(false), m(true)))).toEqual([['input.sensitive.added', 'ADDITIVE']]);
  });
  it('sparse list in a response is BREAKING', () => {
    const m = (s: boolean) =>
      miniModel({
        In: struct({}),
        Out: struct({ l: member('L') }),
        L: { type: 'list', member: { target: 'smithy.api#String' }, traits: s ? { 'smithy.api#sparse': {} } : {} },
      });
    expect(pairs(diffModels(m(false), m(true)))).toEqual([['output.sparse.added', 'BREAKING']]);
    expect(pairs(diffModels(m(true), m(false)))).toEqual([['output.sparse.removed', 'ADDITIVE']]);
  });
});
