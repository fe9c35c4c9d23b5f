import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const m = (tok: boolean) =>
  miniModel({
    In: struct({
      a: member('smithy.api#String'),
      t: member('smithy.api#String', tok ? { 'smithy.api#idempotencyToken': {} } : {}),
    }),
    Out: struct({}),
  });

describe('idempotency family', () => {
  it('token added is ADDITIVE (SDKs fill it), removed is RISKY', () => {
    expect(allChanges(diffModels(m(false), m(true))).map((c) => [c.rule, c.class])).toEqual([
      ['input.idempotency-token.added', 'ADDITIVE'],
    ]);
    expect(allChanges(diffModels(m(true), m(false))).map((c) => [c.rule, c.class])).toEqual([
      ['input.idempotency-token.removed', 'RISKY'],
    ]);
  });
});
