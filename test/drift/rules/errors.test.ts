import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../../src/drift/engine.js';
import { loadModelText } from '../../../src/model/load.js';
import { normalize } from '../../../src/snapshot/normalize.js';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const E = (fault: string, status?: number, extra: Record<string, unknown> = {}) => ({
  type: 'structure',
  members: { message: member('smithy.api#String'), ...extra },
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
    expect(pairs(diffModels(a, miniModel({ ...base, Boom: E('server') }, { errors: ['Boom'] })))).toEqual([
      ['tool.error.fault-changed', 'RISKY', 'Op.errors.Boom'],
    ]);
    const stated = (s: number) => miniModel({ ...base, Boom: E('client', s) }, { errors: ['Boom'] });
    expect(pairs(diffModels(stated(400), stated(409)))).toEqual([
      ['tool.error.http-status-changed', 'RISKY', 'Op.errors.Boom'],
    ]);
    // A status stated where the model stated none is metadata added (botocore's CBOR releases), not a change.
    expect(pairs(diffModels(a, stated(409)))).toEqual([]);
  });
  it('AWS JSON: an error without "fault": true states no fault; gaining the flag is no change, like a status', () => {
    const boto = (error: Record<string, unknown>) =>
      JSON.stringify({
        version: '2.0',
        metadata: { protocol: 'json', jsonVersion: '1.1', targetPrefix: 'Svc', serviceId: 'Svc', apiVersion: '1' },
        operations: { Op: { name: 'Op', input: { shape: 'In' }, errors: [{ shape: 'Boom' }] } },
        shapes: { In: { type: 'structure', members: {} }, Boom: { type: 'structure', members: {}, ...error } },
      });
    const run = (x: string, y: string) => {
      const snap = (t: string) => normalize(loadModelText(t, 'm.json'), { pack: 'p', bytes: t, location: 'm' });
      return diffSnapshots(snap(x), snap(y)).tools.flatMap((t) => t.changes.map((c) => [c.rule, c.class]));
    };
    const unstated = boto({ exception: true });
    expect(run(unstated, boto({ exception: true, fault: true }))).toEqual([]);
    expect(run(boto({ exception: true, fault: true }), unstated)).toEqual([]);
    // Across formats too: Smithy always states the fault.
    expect(
      normalize(loadModelText(unstated, 'm.json'), { pack: 'p', bytes: unstated, location: 'm' }).tools[0].errors[0],
    ).toMatchObject({ fault: 'client', faultImplicit: true });
  });
  it(
    'a changed awsQuery wire code is BREAKING (except ' +
      'clauses stop matching); without query codes the name is the code',
    () => {
      const Q = (code: string) => ({
        ...E('client'),
        traits: { 'smithy.api#error': 'client', 'aws.protocols#awsQueryError': { code, httpResponseCode: 400 } },
      });
      const query = { protocol: 'aws.protocols#awsQuery', errors: ['Boom'] };
      const a = miniModel({ ...base, Boom: Q('AWS.Mini.Boom') }, query);
      const b = miniModel({ ...base, Boom: Q('Boom') }, query);
      expect(pairs(diffModels(a, b))).toEqual([['tool.error.code-changed', 'BREAKING', 'Op.errors.Boom']]);
      expect(allChanges(diffModels(a, b))[0].message).toBe('error Boom code AWS.Mini.Boom → Boom');
      // awsJson without awsQueryCompatible: the wire code is the shape name, the query code is not used.
      expect(
        allChanges(
          diffModels(
            miniModel({ ...base, Boom: Q('X') }, { errors: ['Boom'] }),
            miniModel({ ...base, Boom: Q('Y') }, { errors: ['Boom'] }),
          ),
        ),
      ).toEqual([]);
      // JSON with awsQueryCompatible keeps the query codes on the wire.
      const compat = { errors: ['Boom'], svcTraits: { 'aws.protocols#awsQueryCompatible': {} } };
      expect(
        pairs(diffModels(miniModel({ ...base, Boom: Q('X') }, compat), miniModel({ ...base, Boom: Q('Y') }, compat))),
      ).toEqual([['tool.error.code-changed', 'BREAKING', 'Op.errors.Boom']]);
    },
  );
  it('error members are compared like a response', () => {
    const a = miniModel({ ...base, Boom: E('client') }, { errors: ['Boom'] });
    const b = miniModel(
      { ...base, Boom: E('client', undefined, { code: member('smithy.api#String') }) },
      { errors: ['Boom'] },
    );
    expect(pairs(diffModels(a, b))).toEqual([['output.member.added-optional', 'ADDITIVE', 'Op.errors.Boom.code']]);
  });
});
