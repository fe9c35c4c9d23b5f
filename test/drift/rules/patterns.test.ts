import { describe, expect, it } from 'vitest';
import { comparePatterns, sampleWord } from '../../../src/drift/pattern-language.js';
import { createAjv } from '../../../src/snapshot/ajv.js';
import { allChanges, diffModels, member, miniModel, struct } from '../mini.js';

const m = (pattern: string | null, minLen?: number) => {
  const traits: Record<string, unknown> = {};
  if (pattern !== null) traits['smithy.api#pattern'] = pattern;
  if (minLen !== undefined) traits['smithy.api#length'] = { min: minLen };
  return miniModel({ In: struct({ s: member('S') }), Out: struct({ s: member('S') }), S: { type: 'string', traits } });
};
const classes = (d: ReturnType<typeof diffModels>) => Object.fromEntries(allChanges(d).map((c) => [c.rule, c.class]));

describe('patterns family', () => {
  it('added: BREAKING request, ADDITIVE response', () => {
    expect(classes(diffModels(m(null), m('^[a-z]+$')))).toEqual({
      'input.pattern.added': 'BREAKING',
      'output.pattern.added': 'ADDITIVE',
    });
  });
  it('removed: the reverse', () => {
    expect(classes(diffModels(m('^[a-z]+$'), m(null)))).toEqual({
      'input.pattern.removed': 'ADDITIVE',
      'output.pattern.removed': 'BREAKING',
    });
  });
  it('loosened (the new language is a superset): ADDITIVE request, RISKY response', () => {
    expect(classes(diffModels(m('^[a-z]+$'), m('^[a-z0-9]+$')))).toEqual({
      'input.pattern.loosened': 'ADDITIVE',
      'output.pattern.loosened': 'RISKY',
    });
    // Smithy patterns are not implicitly anchored: dropping the anchors loosens.
    expect(classes(diffModels(m('^[A-Z]{3}$'), m('[A-Z]{3}')))).toEqual({
      'input.pattern.loosened': 'ADDITIVE',
      'output.pattern.loosened': 'RISKY',
    });
  });
  it('tightened: BREAKING request, ADDITIVE response', () => {
    expect(classes(diffModels(m('^[a-z0-9]+$'), m('^[a-z]+$')))).toEqual({
      'input.pattern.tightened': 'BREAKING',
      'output.pattern.tightened': 'ADDITIVE',
    });
  });
  it('equivalent spellings are no change; incomparable or undecidable stays RISKY', () => {
    expect(allChanges(diffModels(m('^[a-z]+$'), m('^[a-z][a-z]*$')))).toEqual([]);
    expect(classes(diffModels(m('^a+$'), m('^b+$')))).toEqual({
      'input.pattern.changed': 'RISKY',
      'output.pattern.changed': 'RISKY',
    });
    // A lookahead is outside what the automata model: undecided, RISKY.
    expect(classes(diffModels(m('^(?=a)[a-z]+$'), m('^[a-z]+$')))).toEqual({
      'input.pattern.changed': 'RISKY',
      'output.pattern.changed': 'RISKY',
    });
  });
  it('anchoring a universal pattern, or [\\s\\S]+ over minLength 1, is no change', () => {
    expect(allChanges(diffModels(m('[\\s\\S]*'), m('^[\\s\\S]*$')))).toEqual([]);
    expect(allChanges(diffModels(m(null, 1), m('[\\s\\S]+', 1)))).toEqual([]);
  });
  // DynamoDB writes astral ranges as surrogate pairs: valid only with the u flag, read with it (as ajv reads it).
  const ASTRAL = '^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$';
  it('a pattern valid only with the u flag is read with it: compared, sampled, validated', () => {
    expect(() => new RegExp(ASTRAL)).toThrow(/Range out of order/);
    expect(comparePatterns(ASTRAL, ASTRAL)).toBe('equivalent');
    expect(comparePatterns(ASTRAL, ASTRAL.replace('\\t', ''))).toBe('tightened');
    const word = sampleWord(ASTRAL, 3, 5)!;
    expect(word).toMatch(new RegExp(ASTRAL, 'u'));
    const v = createAjv().compile({ type: 'string', pattern: ASTRAL });
    expect([v('hello 😀'), v('bell \u0007')]).toEqual([true, false]);
    // Patterns read under different flags have different alphabets: undecided, RISKY.
    expect(comparePatterns('^[a-z]*$', ASTRAL)).toBe('unknown');
  });
});
