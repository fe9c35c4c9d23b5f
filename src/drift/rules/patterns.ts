import type { JsonSchema } from '../../snapshot/types.js';
import type { NodeRuleFamily } from '../types.js';
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

/** Patterns: added (tightens), removed (loosens), changed (direction unknown: RISKY). */
export const patterns: NodeRuleFamily = {
  name: 'patterns',
  keywords: ['pattern'],
  rules: [
    ...mirror('pattern', 'added', 'BREAKING', 'ADDITIVE', 'a pattern was added'),
    ...mirror('pattern', 'removed', 'ADDITIVE', 'BREAKING', 'a pattern was removed'),
    ...mirror('pattern', 'changed', 'RISKY', 'RISKY', 'a pattern changed (direction unknown)'),
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
    else ctx.emit(`${d}.pattern.changed`, `pattern changed from ${JSON.stringify(ctx.old.pattern)} to ${JSON.stringify(ctx.new.pattern)}`);
  },
};
