import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../src/drift/engine.js';
import { loadModelText } from '../../../src/model/load.js';
import { normalize } from '../../../src/snapshot/normalize.js';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const m = (name: string, protocol: string) =>
  miniModel(
    { In: struct({ a: member('smithy.api#String', { 'smithy.api#jsonName': name }) }), Out: struct({}) },
    { protocol },
  );

describe('wire-names family', () => {
  it('jsonName is metadata on awsJson1_1 (DOC)', () => {
    expect(
      allChanges(diffModels(m('a', 'aws.protocols#awsJson1_1'), m('b', 'aws.protocols#awsJson1_1'))).map((c) => [
        c.rule,
        c.class,
      ]),
    ).toEqual([['input.wire-name.changed-unused', 'DOC']]);
  });
  it('jsonName breaks the wire on restJson1', () => {
    expect(
      allChanges(diffModels(m('a', 'aws.protocols#restJson1'), m('b', 'aws.protocols#restJson1'))).map((c) => [
        c.rule,
        c.class,
      ]),
    ).toEqual([['input.wire-name.changed', 'BREAKING']]);
  });
  it('jsonName is metadata on restXml (XML names come from xmlName); an HTTP header name is not', () => {
    const rows = (a: Record<string, unknown>, b: Record<string, unknown>) => {
      const x = (traits: Record<string, unknown>) =>
        miniModel(
          { In: struct({ a: member('smithy.api#String', traits) }), Out: struct({}) },
          { protocol: 'aws.protocols#restXml' },
        );
      return allChanges(diffModels(x(a), x(b))).map((c) => [c.rule, c.class]);
    };
    expect(rows({ 'smithy.api#jsonName': 'a' }, { 'smithy.api#jsonName': 'b' })).toEqual([
      ['input.wire-name.changed-unused', 'DOC'],
    ]);
    expect(rows({ 'smithy.api#httpHeader': 'x-a' }, { 'smithy.api#httpHeader': 'x-b' })).toEqual([
      ['input.wire-name.changed', 'BREAKING'],
    ]);
    // Both at once: each judged by what the protocol reads.
    expect(
      rows(
        { 'smithy.api#jsonName': 'a', 'smithy.api#httpHeader': 'x-a' },
        { 'smithy.api#jsonName': 'b', 'smithy.api#httpHeader': 'x-b' },
      ).sort(),
    ).toEqual([
      ['input.wire-name.changed', 'BREAKING'],
      ['input.wire-name.changed-unused', 'DOC'],
    ]);
  });
  it('XML names change the wire on restXml, awsQuery and ec2Query; ec2QueryName on ec2Query only', () => {
    const x = (protocol: string, traits: Record<string, unknown>) =>
      miniModel(
        {
          In: struct({ a: member('smithy.api#String', traits), l: member('L', { 'smithy.api#xmlFlattened': {} }) }),
          L: { type: 'list', member: member('smithy.api#String', { 'smithy.api#xmlName': 'item' }) },
          Out: struct({}),
        },
        { protocol: `aws.protocols#${protocol}` },
      );
    const rows = (protocol: string, a: Record<string, unknown>, b: Record<string, unknown>) =>
      allChanges(diffModels(x(protocol, a), x(protocol, b))).map((c) => `${c.rule} ${c.class} ${c.message}`);
    const [xa, xb] = [{ 'smithy.api#xmlName': 'A' }, { 'smithy.api#xmlName': 'B' }];
    for (const p of ['restXml', 'awsQuery', 'ec2Query'])
      expect(rows(p, xa, xb)).toEqual(['input.wire-name.changed BREAKING xmlName "A" → "B"']);
    expect(rows('awsJson1_1', xa, xb)).toEqual([
      'input.wire-name.changed-unused DOC xmlName "A" → "B" (not used by awsJson1_1)',
    ]);
    const [qa, qb] = [{ 'aws.protocols#ec2QueryName': 'A' }, { 'aws.protocols#ec2QueryName': 'B' }];
    expect(rows('ec2Query', qa, qb)).toEqual(['input.wire-name.changed BREAKING ec2QueryName "A" → "B"']);
    expect(rows('awsQuery', qa, qb)[0]).toMatch(/^input.wire-name.changed-unused DOC/);
    // A list's flattening and its item name are stated where Smithy states them (the member, the list's member).
    const flat = normalize(loadModelText(JSON.stringify(x('awsQuery', {})), 'm.json'), {
      pack: 'p',
      bytes: '',
      location: 'm',
    }).tools[0].input;
    const text = JSON.stringify(flat);
    expect(text).toMatch(/"l":\{"\$ref":"#\/\$defs\/L","x-xmlFlattened":true\}/);
    expect(text).toMatch(/"items":\{"type":"string","x-xmlName":"item"\}/);
  });

  it('botocore: locationName on query, ec2 and rest-xml services is the XML name (queryName, flattened too)', () => {
    const boto = (protocol: string, m: Record<string, unknown>, flattened = false) =>
      JSON.stringify({
        version: '2.0',
        metadata: { protocol, serviceId: 'Svc', apiVersion: '1', signatureVersion: 'v4' },
        operations: { Op: { name: 'Op', http: { method: 'POST', requestUri: '/' }, input: { shape: 'In' } } },
        shapes: {
          In: { type: 'structure', members: { a: { shape: 'S', ...m }, l: { shape: 'L' } } },
          L: { type: 'list', member: { shape: 'S', locationName: 'item' }, ...(flattened ? { flattened: true } : {}) },
          S: { type: 'string' },
        },
      });
    const run = (protocol: string, a: Record<string, unknown>, b: Record<string, unknown>, fb = false) => {
      const snap = (t: string) => normalize(loadModelText(t, 'm.json'), { pack: 'p', bytes: t, location: 'm' });
      const d = diffSnapshots(snap(boto(protocol, a)), snap(boto(protocol, b, fb)));
      return d.tools.flatMap((t) => t.changes.map((c) => `${c.rule} ${c.class} ${c.path}`));
    };
    expect(run('query', { locationName: 'A' }, { locationName: 'B' })).toEqual([
      'input.wire-name.changed BREAKING Op.input.a',
    ]);
    expect(run('rest-xml', {}, {}, true)).toEqual(['input.wire-name.changed BREAKING Op.input.l']);
    expect(run('ec2', { queryName: 'A' }, { queryName: 'B' })).toEqual(['input.wire-name.changed BREAKING Op.input.a']);
    // On JSON protocols locationName is not an XML name (rest-json maps it to jsonName, as before).
    expect(run('json', { locationName: 'A' }, { locationName: 'B' })).toEqual([]);
  });
});
