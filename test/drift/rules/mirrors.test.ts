import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/drift/rules/registry.js';
import { allChanges, diffModels, member, miniModel, REQ, struct } from '../mini.js';

const rules = (a: unknown, b: unknown) =>
  allChanges(diffModels(a, b))
    .map((c) => c.rule)
    .sort();
const both = (shapes: Record<string, Record<string, unknown>>, opts?: Parameters<typeof miniModel>[1]) =>
  miniModel({ In: struct({ x: member('X') }), Out: struct({ x: member('X') }), ...shapes }, opts);
const strT = (traits: Record<string, unknown>) => ({ type: 'string', traits });

/** The mirror side of each rule family: the same change seen from the other direction. */
describe('mirror rules', () => {
  it('members: required member added / required-added on a response are ADDITIVE', () => {
    const a = miniModel({ Out: struct({ a: member('smithy.api#String') }) });
    expect(
      rules(a, miniModel({ Out: struct({ a: member('smithy.api#String'), b: member('smithy.api#String', REQ) }) })),
    ).toEqual(['output.member.added-required']);
    expect(rules(a, miniModel({ Out: struct({ a: member('smithy.api#String', REQ) }) }))).toEqual([
      'output.member.required-added',
    ]);
  });
  it('unions: request variant added, response variant removed', () => {
    const u = (m: string[]) => ({
      type: 'union',
      members: Object.fromEntries(m.map((k) => [k, member('smithy.api#String')])),
    });
    expect(rules(both({ X: u(['a']) }), both({ X: u(['a', 'b']) }))).toEqual([
      'input.union.variant-added',
      'output.union.variant-added',
    ]);
    expect(rules(both({ X: u(['a', 'b']) }), both({ X: u(['a']) }))).toEqual([
      'input.union.variant-removed',
      'output.union.variant-removed',
    ]);
  });
  it('enum rename in a response', () => {
    const en = (v: string) => ({
      type: 'enum',
      members: { A: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': v } } },
    });
    expect(rules(both({ X: en('a') }), both({ X: en('b') }))).toEqual([
      'input.enum.value-renamed',
      'output.enum.value-renamed',
    ]);
  });
  it('bounds in both directions', () => {
    expect(
      rules(
        both({ X: strT({ 'smithy.api#length': { max: 9 } }) }),
        both({ X: strT({ 'smithy.api#length': { max: 5 } }) }),
      ),
    ).toEqual(['input.constraint.tightened', 'output.constraint.tightened']);
    expect(
      rules(
        both({ X: strT({ 'smithy.api#length': { max: 5 } }) }),
        both({ X: strT({ 'smithy.api#length': { max: 9 } }) }),
      ),
    ).toEqual(['input.constraint.loosened', 'output.constraint.loosened']);
    expect(
      rules(
        both({ X: strT({ 'smithy.api#length': { min: 1, max: 5 } }) }),
        both({ X: strT({ 'smithy.api#length': { min: 2, max: 9 } }) }),
      ),
    ).toEqual(['input.constraint.shifted', 'output.constraint.shifted']);
  });
  it('formats in both directions', () => {
    expect(
      rules(
        both({ X: { type: 'timestamp' } }),
        both({ X: { type: 'timestamp', traits: { 'smithy.api#timestampFormat': 'date-time' } } }),
      ),
    ).toEqual(['input.timestamp.format-changed', 'output.timestamp.format-changed']);
    expect(
      rules(both({ X: { type: 'blob' } }), both({ X: { type: 'blob', traits: { 'smithy.api#streaming': {} } } })),
    ).toEqual(['input.blob.streaming-changed', 'output.blob.streaming-changed']);
    expect(
      rules(both({ X: strT({ 'smithy.api#mediaType': 'a/b' }) }), both({ X: strT({ 'smithy.api#mediaType': 'c/d' }) })),
    ).toEqual(['input.string.media-type-changed', 'output.string.media-type-changed']);
  });
  it('member traits in both directions', () => {
    const m = (t: Record<string, unknown>) =>
      miniModel({
        In: struct({ x: member('smithy.api#String', t) }),
        Out: struct({ x: member('smithy.api#String', t) }),
      });
    expect(rules(m({}), m({ 'smithy.api#idempotencyToken': {} }))).toEqual([
      'input.idempotency-token.added',
      'output.idempotency-token.added',
    ]);
    expect(rules(m({ 'smithy.api#idempotencyToken': {} }), m({}))).toEqual([
      'input.idempotency-token.removed',
      'output.idempotency-token.removed',
    ]);
    expect(rules(m({}), m({ 'smithy.api#deprecated': {} }))).toEqual([
      'input.deprecated.added',
      'output.deprecated.added',
    ]);
    expect(rules(m({ 'smithy.api#deprecated': {} }), m({}))).toEqual([
      'input.deprecated.removed',
      'output.deprecated.removed',
    ]);
    expect(rules(m({ 'smithy.api#jsonName': 'a' }), m({ 'smithy.api#jsonName': 'b' }))).toEqual([
      'input.wire-name.changed-unused',
      'output.wire-name.changed-unused',
    ]);
    const rest = (t: Record<string, unknown>) =>
      miniModel(
        { In: struct({}), Out: struct({ x: member('smithy.api#String', t) }) },
        { protocol: 'aws.protocols#restJson1' },
      );
    expect(rules(rest({ 'smithy.api#jsonName': 'a' }), rest({ 'smithy.api#jsonName': 'b' }))).toEqual([
      'output.wire-name.changed',
    ]);
  });
  it('sensitive and sparse in both directions', () => {
    expect(rules(both({ X: strT({}) }), both({ X: strT({ 'smithy.api#sensitive': {} }) }))).toEqual([
      'input.sensitive.added',
      'output.sensitive.added',
    ]);
    expect(rules(both({ X: strT({ 'smithy.api#sensitive': {} }) }), both({ X: strT({}) }))).toEqual([
      'input.sensitive.removed',
      'output.sensitive.removed',
    ]);
    const l = (sparse: boolean) => ({
      type: 'list',
      member: member('smithy.api#String'),
      traits: sparse ? { 'smithy.api#sparse': {} } : {},
    });
    expect(rules(both({ X: l(false) }), both({ X: l(true) }))).toEqual(['input.sparse.added', 'output.sparse.added']);
    expect(rules(both({ X: l(true) }), both({ X: l(false) }))).toEqual([
      'input.sparse.removed',
      'output.sparse.removed',
    ]);
  });
  it('service name (awsJson target prefix) and namespace', () => {
    const a = miniModel({});
    const rename = (doc: ReturnType<typeof miniModel>, from: string, to: string) =>
      JSON.parse(JSON.stringify(doc).replaceAll(from, to));
    expect(
      diffModels(a, rename(a, 'ex.mini#Svc', 'ex.mini#Svc2')).service.changes.map((c) => [c.rule, c.class]),
    ).toEqual([['service.name.changed', 'BREAKING']]);
    expect(diffModels(a, rename(a, 'ex.mini#', 'ex.other#')).service.changes.map((c) => [c.rule, c.class])).toEqual([
      ['service.namespace.changed', 'DOC'],
    ]);
  });
});

describe('rule coverage', () => {
  it('every registered rule id is asserted by name in a rule test', () => {
    const dir = join(import.meta.dirname);
    const text =
      readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('\n') + readFileSync(join(dir, '..', 'residual.test.ts'), 'utf8');
    const missing = RULES.map((r) => r.id).filter((id) => !new RegExp(`'${id.replace(/\./g, '\\.')}[ ']`).test(text));
    expect(missing).toEqual([]);
  });
});
