import { DFA, isDisjointWith, JS, NFA, Words } from 'refa';

/** How the set of strings a pattern accepts changed. */
export type PatternRelation = 'equivalent' | 'loosened' | 'tightened' | 'incomparable' | 'unknown';

/** Work bound per comparison: automata larger than this are not built (the change stays RISKY). */
export const MAX_NODES = 20_000;

/**
 * The language of a Smithy/JSON Schema pattern under ECMAScript semantics: patterns are not implicitly
 * anchored, so `[A-Z]{3}` accepts any string containing three capitals. A leading `^` / trailing `$`
 * anchor that end; any other assertion (\b, lookarounds, inner anchors) makes the language unknown here.
 */
function language(pattern: string): NFA {
  let src = pattern;
  const start = src.startsWith('^');
  const end = /(^|[^\\])(\\\\)*\$$/.test(src);
  if (start) src = src.slice(1);
  if (end) src = src.slice(0, -1);
  const full = `${start ? '' : '[\\s\\S]*'}(?:${src})${end ? '' : '[\\s\\S]*'}`;
  // Without the u flag, as Smithy writes patterns; one valid only with it (astral ranges written as surrogate
  // pairs) is read with it, as the validator does (patternRegExp). Two patterns read under different flags have
  // different alphabets: comparing them throws, and the relation is unknown.
  let parsed;
  try {
    parsed = JS.Parser.fromLiteral({ source: full, flags: '' }).parse({ assertions: 'throw' });
  } catch {
    parsed = JS.Parser.fromLiteral({ source: full, flags: 'u' }).parse({ assertions: 'throw' });
  }
  const { expression, maxCharacter } = parsed;
  return NFA.fromRegex(expression, { maxCharacter }, {}, new NFA.LimitedNodeFactory(MAX_NODES));
}

/** a ⊆ b: a ∩ ¬b = ∅. */
function subset(a: NFA, b: NFA): boolean {
  const notB = DFA.fromFA(b, new DFA.LimitedNodeFactory(MAX_NODES));
  notB.complement();
  return isDisjointWith(a, notB, MAX_NODES);
}

const memo = new Map<string, PatternRelation>();

/**
 * Compares two patterns' languages with finite automata (refa): equivalent, loosened (new ⊋ old),
 * tightened (new ⊊ old), incomparable, or unknown (an assertion refa cannot model, a parse error, or
 * more than MAX_NODES states) — the last two keep the change RISKY.
 */
export function comparePatterns(oldPattern: string, newPattern: string): PatternRelation {
  const key = `${oldPattern}\u0000${newPattern}`;
  let r = memo.get(key);
  if (r) return r;
  try {
    const a = language(oldPattern);
    const b = language(newPattern);
    const down = subset(a, b);
    const up = subset(b, a);
    r = down && up ? 'equivalent' : down ? 'loosened' : up ? 'tightened' : 'incomparable';
  } catch {
    r = 'unknown';
  }
  if (memo.size > 10_000) memo.clear();
  memo.set(key, r);
  return r;
}

/**
 * A most-readable string the pattern accepts with a length in [min, max] (replay derives valid inputs from
 * the schema), or null when there is none or the automaton is too large.
 */
export function sampleWord(pattern: string, min: number, max: number): string | null {
  try {
    const lang = language(pattern);
    const hi = Math.min(max, min + 64);
    const flags = lang.maxCharacter > 0xffff ? 'u' : '';
    const len = JS.Parser.fromLiteral({ source: `[\\s\\S]{${min},${hi}}`, flags }).parse();
    const bounded = NFA.fromRegex(len.expression, { maxCharacter: len.maxCharacter });
    const both = NFA.fromIntersection(lang, bounded, new NFA.LimitedNodeFactory(MAX_NODES));
    for (const ws of both.wordSets()) return String.fromCharCode(...Words.pickMostReadableWord(ws));
    return null;
  } catch {
    return null;
  }
}
