import { describe, expect, it } from 'vitest';
import { diffModels, miniModel, struct } from '../mini.js';

const base = { In: struct({}), Out: struct({}) };
const svc = (a: Parameters<typeof miniModel>[1], b: Parameters<typeof miniModel>[1]) => diffModels(miniModel(base, a), miniModel(base, b)).service;

describe('service family', () => {
  it('a removed protocol trait is a total wire break (smithy-diff misses it)', () => {
    const s = svc({}, { protocol: null });
    expect(s.changes.map((c) => [c.rule, c.class])).toEqual([['service.protocol.changed', 'BREAKING']]);
    expect(s.class).toBe('BREAKING');
  });
  it('a changed service version is caught', () => {
    expect(svc({ version: '2020-01-01' }, { version: '2021-01-01' }).changes.map((c) => c.rule)).toEqual(['service.version.changed']);
  });
  it('signing name, endpoint rules, sdk id, title', () => {
    expect(svc({}, { svcTraits: { 'aws.auth#sigv4': { name: 'other' } } }).changes.map((c) => c.rule)).toEqual(['service.auth.changed']);
    const rules = (x: unknown) => ({ 'smithy.rules#endpointRuleSet': x });
    expect(svc({ svcTraits: rules({ v: 1 }) }, { svcTraits: rules({ v: 2 }) }).changes.map((c) => [c.rule, c.class])).toEqual([['service.endpoint-rules.changed', 'ADDITIVE']]);
    const aws = (sdkId: string, endpointPrefix = 'mini') => ({ 'aws.api#service': { sdkId, endpointPrefix } });
    expect(svc({ svcTraits: aws('A') }, { svcTraits: aws('B') }).changes.map((c) => [c.rule, c.class])).toEqual([['service.sdk-id.changed', 'RISKY']]);
    expect(svc({ svcTraits: aws('A', 'x') }, { svcTraits: aws('A', 'y') }).changes.map((c) => [c.rule, c.class])).toEqual([['service.endpoint-prefix.changed', 'BREAKING']]);
    expect(svc({ svcTraits: { 'smithy.api#title': 'T1' } }, { svcTraits: { 'smithy.api#title': 'T2' } }).changes.map((c) => [c.rule, c.class])).toEqual([['service.title.changed', 'DOC']]);
  });
});
