import { describe, expect, it } from 'vitest';
import { diffModels, member, miniModel, REQ, rulesOf, str, struct, allChanges } from '../mini.js';

const base = (inMembers: Record<string, unknown>, outMembers: Record<string, unknown> = {}) =>
  miniModel({ In: struct(inMembers), Out: struct(outMembers), S: str() });

describe('members family', () => {
  it('required input member added → BREAKING; optional → ADDITIVE', () => {
    const d = diffModels(base({ a: member('S') }), base({ a: member('S'), b: member('S', REQ), c: member('S') }));
    expect(rulesOf(d)).toEqual(['input.member.added-optional', 'input.member.added-required']);
    expect(d.tools[0].class).toBe('BREAKING');
    expect(allChanges(d).find((c) => c.rule === 'input.member.added-required')!.path).toBe('Op.input.b');
  });

  it('@required added to an existing input member → BREAKING (smithy-diff misses this)', () => {
    const d = diffModels(base({ a: member('S') }), base({ a: member('S', REQ) }));
    expect(rulesOf(d)).toEqual(['input.member.required-added']);
    expect(d.summary.line).toBe('1 tools BREAKING:1 residual 0%');
  });

  it('a member turning optional: additive in a request, breaking in a response', () => {
    const d = diffModels(
      base({ a: member('S', REQ) }, { o: member('S', REQ) }),
      base({ a: member('S') }, { o: member('S') }),
    );
    const byRule = Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]));
    expect(byRule).toEqual({
      'input.member.required-removed': 'ADDITIVE',
      'output.member.required-removed': 'BREAKING',
    });
  });

  it('member removed is BREAKING in both directions; output member added is ADDITIVE', () => {
    const d = diffModels(base({ a: member('S') }, { o: member('S') }), base({}, { p: member('S') }));
    expect(rulesOf(d)).toEqual(['input.member.removed', 'output.member.added-optional', 'output.member.removed']);
  });

  it('required-removed with a new default is one finding, not two', () => {
    const d = diffModels(
      base({ a: member('S', REQ) }),
      base({ a: member('S', { 'smithy.api#default': '', 'smithy.api#addedDefault': {} }) }),
    );
    expect(rulesOf(d)).toEqual(['input.member.required-removed']);
    expect(allChanges(d)[0].message).toMatch(/now defaults to ""/);
  });

  it('union variants: added is RISKY in a response, removed BREAKING in a request', () => {
    const u = (m: Record<string, unknown>) => ({ type: 'union', members: m });
    const a = miniModel({
      In: struct({ u: member('U') }),
      Out: struct({ v: member('V') }),
      U: u({ x: member('S'), y: member('S') }),
      V: u({ x: member('S') }),
      S: str(),
    });
    const b = miniModel({
      In: struct({ u: member('U') }),
      Out: struct({ v: member('V') }),
      U: u({ x: member('S') }),
      V: u({ x: member('S'), z: member('S') }),
      S: str(),
    });
    const d = diffModels(a, b);
    expect(Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]))).toEqual({
      'input.union.variant-removed': 'BREAKING',
      'output.union.variant-added': 'RISKY',
    });
  });
});
