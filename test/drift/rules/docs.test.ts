import { describe, expect, it } from 'vitest';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const doc = (d: string) => ({ 'smithy.api#documentation': d });
const m = (opDoc: string, memberDoc: string) =>
  miniModel(
    { In: struct({ a: member('smithy.api#String', doc(memberDoc)) }), Out: struct({}) },
    { opTraits: doc(opDoc) },
  );

describe('docs family', () => {
  it('all doc edits of a tool are one DOC finding', () => {
    const d = diffModels(m('<p>Old.</p>', 'old'), m('<p>New.</p>', 'new'));
    expect(allChanges(d).map((c) => [c.rule, c.class])).toEqual([['tool.doc.changed', 'DOC']]);
    expect(allChanges(d)[0].message).toMatch(/2 place\(s\): Op, Op\.input\.a/);
    expect(d.summary.line).toBe('1 tools DOC:1 residual 0%');
  });
  it("a shared type's docs are not hidden by the member's own docs: DOC for every tool reaching it", () => {
    const t = (typeDoc: string) =>
      miniModel({
        Token: { type: 'string', traits: doc(typeDoc) },
        In: struct({ a: member('Token', doc('the member says this')) }),
        Out: struct({ b: member('Token') }),
      });
    const d = diffModels(t('An opaque token.'), t('An opaque token from the registration page.'));
    expect(allChanges(d).map((c) => [c.rule, c.class])).toEqual([['tool.doc.changed', 'DOC']]);
    expect(allChanges(d)[0].message).toMatch(/2 place\(s\): Op\.input\.a, Op\.output\.b/);
  });
  it('re-wrapped docs are no change', () => {
    expect(allChanges(diffModels(m('<p>Same words.</p>', 'x'), m('\n   <p>Same\n     words.</p>\n', 'x')))).toEqual([]);
  });
  it('service docs are DOC at service level', () => {
    const a = miniModel({}, { svcTraits: doc('one') });
    const b = miniModel({}, { svcTraits: doc('two') });
    expect(diffModels(a, b).service.changes.map((c) => [c.rule, c.class])).toEqual([['service.doc.changed', 'DOC']]);
  });
});
