import type { JsonSchema } from '../../snapshot/types.js';
import type { NodeRuleFamily } from '../types.js';
import { comparePatterns } from '../pattern-language.js';
import { mirror } from './helpers.js';

const ANY = new Set(['[\\s\\S]*', '^[\\s\\S]*$', '[\\S\\s]*', '^[\\S\\s]*$', '^.*$', '.*', '[^]*', '^[^]*$']);
const NON_EMPTY = new Set(['[\\s\\S]+', '^[\\s\\S]+$', '[\\S\\s]+', '^[\\S\\s]+$', '[^]+', '^[^]+$']);

/**
 * What a pattern really demands, given the node's length bounds. `[\s\S]*` and its anchored
 * form accept everything; `[\s\S]+` only adds "non-empty", a no-op when minLength ≥ 1.
 * AWS JSON writes patterns unanchored where Smithy anchors them; both mean the same here.
 */
export function effectivePattern(s: JsonSchema): string | null {
  const p = s.pattern as string | undefined;
  if (p === undefined || ANY.has(p)) return null;
  if (NON_EMPTY.has(p)) return ((s.minLength as number | undefined) ?? 0) >= 1 ? null : '<non-empty>';
  return p;
}

/** A pattern without its `^` / `$` anchors: across formats they are an artifact (AWS JSON often drops them). */
export const stripAnchors = (p: string): string => p.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');

/**
 * Patterns: added (tightens), removed (loosens); a changed pattern gets a decided direction when the two
 * regular languages compare (pattern-language.ts): equivalent is no change, loosened is additive for a
 * request and RISKY for a response (values a consumer's own check may reject), tightened the reverse.
 * Incomparable or unknown stays RISKY. Across formats, anchors are a format artifact and are ignored.
 */
export const patterns: NodeRuleFamily = {
  name: 'patterns',
  keywords: ['pattern'],
  rules: [
    ...mirror('pattern', 'added', 'BREAKING', 'ADDITIVE', 'a pattern was added'),
    ...mirror('pattern', 'removed', 'ADDITIVE', 'BREAKING', 'a pattern was removed'),
    ...mirror('pattern', 'loosened', 'ADDITIVE', 'RISKY', 'a pattern now accepts a superset of strings'),
    ...mirror('pattern', 'tightened', 'BREAKING', 'ADDITIVE', 'a pattern now accepts a subset of strings'),
    ...mirror('pattern', 'changed', 'RISKY', 'RISKY', 'a pattern changed (incomparable or undecided)'),
  ],
  detect(ctx) {
    if (!ctx.diffKeys.has('pattern')) return;
    ctx.explain('pattern');
    const a = effectivePattern(ctx.old);
    const b = effectivePattern(ctx.new);
    if (a === b) return; // rewritten to an equivalent form: no contract change
    const d = ctx.dir;
    if (a === null) ctx.emit(`${d}.pattern.added`, `pattern ${JSON.stringify(ctx.new.pattern)} added`);
    else if (b === null) ctx.emit(`${d}.pattern.removed`, `pattern ${JSON.stringify(ctx.old.pattern)} removed`);
    else {
      if (ctx.crossFormat && stripAnchors(a) === stripAnchors(b)) return;
      // The languages of the patterns as written (effectivePattern's '<non-empty>' is only a marker).
      const rel = comparePatterns(String(ctx.old.pattern), String(ctx.new.pattern));
      const what = `pattern ${JSON.stringify(ctx.old.pattern)} → ${JSON.stringify(ctx.new.pattern)}`;
      if (rel === 'equivalent') return;
      if (rel === 'loosened') ctx.emit(`${d}.pattern.loosened`, `${what} accepts more strings`);
      else if (rel === 'tightened') ctx.emit(`${d}.pattern.tightened`, `${what} accepts fewer strings`);
      else {
        const why = rel === 'incomparable' ? 'neither accepts all the other does' : 'direction undecided';
        ctx.emit(`${d}.pattern.changed`, `${what} (${why})`);
      }
    }
  },
};
