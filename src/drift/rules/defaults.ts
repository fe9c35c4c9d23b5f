import type { NodeRuleFamily } from '../types.js';
import { fmt, mirror } from './helpers.js';

/**
 * Default values and nullability hints (@addedDefault, @clientOptional). AWS JSON models carry no
 * defaults, so across formats a default present on one side only is not a change.
 */
export const defaults: NodeRuleFamily = {
  name: 'defaults',
  keywords: ['default', 'x-addedDefault', 'x-clientOptional'],
  rules: [
    ...mirror('default', 'added', 'ADDITIVE', 'ADDITIVE', 'a default value was added'),
    ...mirror('default', 'removed', 'RISKY', 'BREAKING', 'a default value was removed'),
    ...mirror('default', 'changed', 'RISKY', 'RISKY', 'a default value changed'),
    ...mirror('nullability', 'hint-changed', 'ADDITIVE', 'RISKY', '@addedDefault/@clientOptional changed'),
  ],
  detect(ctx) {
    const d = ctx.dir;
    const hintKeys = ['x-addedDefault', 'x-clientOptional'].filter((k) => ctx.diffKeys.has(k));
    const member = ctx.path.split('.').pop()!;
    // The member rule reported "no longer required (now defaults to …)": one logical change.
    const mergedIntoRequired = ctx.notes.get('parent-required-removed') === true;
    if (ctx.diffKeys.has('default')) {
      ctx.explain('default');
      const a = ctx.old.default;
      const b = ctx.new.default;
      if (ctx.crossFormat && (a === undefined || b === undefined)) {
        /* one side's format cannot express defaults */
      } else if (mergedIntoRequired && a === undefined) {
        /* already reported */
      } else if (a === undefined) ctx.emit(`${d}.default.added`, `default ${fmt(b)} added to ${member}`);
      else if (b === undefined) ctx.emit(`${d}.default.removed`, `default ${fmt(a)} removed from ${member}`);
      else ctx.emit(`${d}.default.changed`, `default of ${member} changed from ${fmt(a)} to ${fmt(b)}`);
    }
    if (hintKeys.length) {
      ctx.explain(...hintKeys);
      if (!ctx.crossFormat && !mergedIntoRequired) {
        ctx.emit(`${d}.nullability.hint-changed`, `${hintKeys.join(', ')} changed on ${member}`);
      }
    }
  },
};
