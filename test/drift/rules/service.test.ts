import { describe, expect, it } from 'vitest';
import { diffModels, miniModel, struct } from '../mini.js';

const base = { In: struct({}), Out: struct({}) };
const svc = (a: Parameters<typeof miniModel>[1], b: Parameters<typeof miniModel>[1]) =>
  diffModels(miniModel(base, a), miniModel(base, b)).service;

describe('service family', () => {
  it('a removed protocol trait is a total wire break (smithy-diff misses it)', () => {
    const s = svc({}, { protocol: null });
    expect(s.changes.map((c) => [c.rule, c.class])).toEqual([['service.protocol.removed', 'BREAKING']]);
    expect(s.class).toBe('BREAKING');
  });
  it('a protocol added beside the one in use is ADDITIVE; replacing it is BREAKING', () => {
    const cbor = { svcTraits: { 'smithy.protocols#rpcv2Cbor': {} } };
    expect(svc({}, cbor).changes.map((c) => [c.rule, c.class, c.message])).toEqual([
      ['service.protocol.added', 'ADDITIVE', 'protocol rpcv2Cbor added (was "awsJson1_1")'],
    ]);
    const replaced = svc({}, { protocol: 'smithy.protocols#rpcv2Cbor' })
      .changes.map((c) => c.rule)
      .sort();
    expect(replaced).toEqual(['service.protocol.added', 'service.protocol.removed']);
  });
  it('adding CBOR beside a query protocol changes no timestamp default (and no tool)', () => {
    const ts = { In: struct({ at: { target: 'smithy.api#Timestamp', traits: {} } }), Out: struct({}) };
    const q = miniModel(ts, { protocol: 'aws.protocols#awsQuery' });
    const both = miniModel(ts, { protocol: 'aws.protocols#awsQuery', svcTraits: { 'smithy.protocols#rpcv2Cbor': {} } });
    const d = diffModels(q, both);
    expect(d.tools[0].changes).toEqual([]);
    expect(d.service.changes.map((c) => c.rule)).toEqual(['service.protocol.added']);
  });
  it('a changed service version is caught', () => {
    expect(svc({ version: '2020-01-01' }, { version: '2021-01-01' }).changes.map((c) => c.rule)).toEqual([
      'service.version.changed',
    ]);
  });
  it('signing name, endpoint rules, sdk id, title', () => {
    expect(svc({}, { svcTraits: { 'aws.auth#sigv4': { name: 'other' } } }).changes.map((c) => c.rule)).toEqual([
      'service.auth.changed',
    ]);
    const rules = (x: unknown) => ({ 'smithy.rules#endpointRuleSet': x });
    expect(
      svc({ svcTraits: rules({ v: 1 }) }, { svcTraits: rules({ v: 2 }) }).changes.map((c) => [c.rule, c.class]),
    ).toEqual([['service.endpoint-rules.changed', 'ADDITIVE']]);
    const aws = (sdkId: string, endpointPrefix = 'mini') => ({ 'aws.api#service': { sdkId, endpointPrefix } });
    expect(svc({ svcTraits: aws('A') }, { svcTraits: aws('B') }).changes.map((c) => [c.rule, c.class])).toEqual([
      ['service.sdk-id.changed', 'RISKY'],
    ]);
    // A stated SDK id appearing where none was stated is no change.
    expect(
      svc({ svcTraits: { 'aws.api#service': { endpointPrefix: 'mini' } } }, { svcTraits: aws('A') }).changes,
    ).toEqual([]);
    expect(
      svc({ svcTraits: aws('A', 'x') }, { svcTraits: aws('A', 'y') }).changes.map((c) => [c.rule, c.class]),
    ).toEqual([['service.endpoint-prefix.changed', 'BREAKING']]);
    expect(
      svc({ svcTraits: { 'smithy.api#title': 'T1' } }, { svcTraits: { 'smithy.api#title': 'T2' } }).changes.map((c) => [
        c.rule,
        c.class,
      ]),
    ).toEqual([['service.title.changed', 'DOC']]);
  });
});
