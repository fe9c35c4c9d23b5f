import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, miniModel, struct } from '../mini.js';

const m = (opTraits: Record<string, unknown>) => miniModel({ In: struct({}), Out: struct({}) }, { opTraits });
const pairs = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  allChanges(diffModels(m(a), m(b))).map((c) => [c.rule, c.class]);

describe('operation-traits family', () => {
  it('idempotent / readonly removed are RISKY', () => {
    expect(pairs({ 'smithy.api#idempotent': {} }, {})).toEqual([['tool.idempotent.removed', 'RISKY']]);
    expect(pairs({}, { 'smithy.api#idempotent': {} })).toEqual([['tool.idempotent.added', 'ADDITIVE']]);
    expect(pairs({ 'smithy.api#readonly': {} }, {})).toEqual([['tool.readonly.removed', 'RISKY']]);
    expect(pairs({}, { 'smithy.api#readonly': {} })).toEqual([['tool.readonly.added', 'ADDITIVE']]);
  });
  it('pagination', () => {
    const p = (items: string) => ({
      'smithy.api#paginated': { inputToken: 'NextToken', outputToken: 'NextToken', items },
    });
    expect(pairs({}, p('Items'))).toEqual([['tool.paginated.added', 'ADDITIVE']]);
    expect(pairs(p('Items'), {})).toEqual([['tool.paginated.removed', 'BREAKING']]);
    expect(pairs(p('Items'), p('Things'))).toEqual([['tool.paginated.changed', 'BREAKING']]);
  });
  it('deprecation is DOC', () => {
    expect(pairs({}, { 'smithy.api#deprecated': { message: 'use Op2' } })).toEqual([['tool.deprecated.added', 'DOC']]);
    expect(pairs({ 'smithy.api#deprecated': {} }, {})).toEqual([['tool.deprecated.removed', 'DOC']]);
  });
});
