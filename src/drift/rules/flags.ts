import type { NodeRuleFamily } from '../types.js';
import { mirror } from './helpers.js';

/**
 * Member flags: deprecated (a notice: DOC), sensitive (log redaction: dropping it may leak data),
 * sparse lists/maps (nulls may now appear in responses).
 */
export const flags: NodeRuleFamily = {
  name: 'flags',
  keywords: ['deprecated', 'x-sensitive', 'x-sparse'],
  rules: [
    ...mirror('deprecated', 'added', 'DOC', 'DOC', 'a member was deprecated'),
    ...mirror('deprecated', 'removed', 'DOC', 'DOC', 'a deprecation was lifted'),
    ...mirror('sensitive', 'added', 'ADDITIVE', 'ADDITIVE', 'a member became sensitive'),
    ...mirror('sensitive', 'removed', 'RISKY', 'RISKY', 'a member is no longer sensitive'),
    ...mirror('sparse', 'added', 'ADDITIVE', 'BREAKING', 'a collection became sparse (nulls allowed)'),
    ...mirror('sparse', 'removed', 'BREAKING', 'ADDITIVE', 'a collection is no longer sparse'),
  ],
  detect(ctx) {
    const d = ctx.dir;
    for (const [key, area] of [
      ['deprecated', 'deprecated'],
      ['x-sensitive', 'sensitive'],
      ['x-sparse', 'sparse'],
    ] as const) {
      if (!ctx.diffKeys.has(key)) continue;
      ctx.explain(key);
      const on = ctx.new[key] === true;
      ctx.emit(`${d}.${area}.${on ? 'added' : 'removed'}`, `${area} ${on ? 'added' : 'removed'}`);
    }
  },
};
