import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const E = (fault: string, status?: number, extra: Record<string, unknown> = {}) => ({
  type: 'structure', members: { message: member('smithy.api#String'), ...extra },
  traits: { 'smithy.api#error': fault, ...(status ? { 'smithy.api#httpError': status } : {}) },
});
const pairs = (d: ReturnType<typeof diffModels>) => allChanges(d).map((c) => [c.rule, c.class, c.path]);

describe('errors family', () => {
  const base = { In: struct({}), Out: struct({}) };
  it('error added / removed', () => {
    const a = miniModel({ ...base, Boom: E('client') }, { errors: [] });
    const b = miniModel({ ...base, Boom: E('client') }, { errors: ['Boom'] });
    expect(pairs(diffModels(a, b))).toEqual([['tool.error.added', 'ADDITIVE', 'Op.errors.Boom']]);
    expect(pairs(diffModels(b, a))).toEqual([['tool.error.removed', 'RISKY', 'Op.errors.Boom']]);
  });
  it('fault and HTTP status changes are RISKY', () => {
    const a = miniModel({ ...base, Boom: E('client') }, { errors: ['Boom'] });
    expect(pairs(diffModels(a, miniModel({ ...base, Boom: E('server') }, { errors: ['Boom'] })))).toEqual([['tool.error.fault-changed', 'RISKY', 'Op.errors.Boom']]);
    expect(pairs(diffModels(a, miniModel({ ...base, Boom: E('client', 409) }, { errors: ['Boom'] })))).toEqual([['tool.error.http-status-changed', 'RISKY', 'Op.errors.Boom']]);
  });
  it('error members are compared like a response', () => {
    const a = miniModel({ ...base, Boom: E('client') }, { errors: ['Boom'] });
    const b = miniModel({ ...base, Boom: E('client', undefined, { code: member('smithy.api#String') }) }, { errors: ['Boom'] });
    expect(pairs(diffModels(a, b))).toEqual([['output.member.added-optional', 'ADDITIVE', 'Op.errors.Boom.code']]);
  });
});
