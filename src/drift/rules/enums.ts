import type { NodeRuleFamily } from '../types.js';
import { mirror } from './helpers.js';

/**
 * Enum and intEnum values. Order does not matter on the wire. A new response value can break
 * exhaustive switches (RISKY); one value swapped for another is reported once, as a rename.
 */
export const enums: NodeRuleFamily = {
  name: 'enums',
  keywords: ['enum'],
  rules: [
    ...mirror('enum', 'value-added', 'ADDITIVE', 'RISKY', 'an enum value was added'),
    ...mirror('enum', 'value-removed', 'BREAKING', 'ADDITIVE', 'an enum value was removed'),
    ...mirror('enum', 'value-renamed', 'BREAKING', 'BREAKING', 'an enum value was renamed'),
    ...mirror('enum', 'constraint-added', 'BREAKING', 'ADDITIVE', 'a free value became an enum'),
    ...mirror('enum', 'constraint-removed', 'ADDITIVE', 'RISKY', 'an enum became a free value'),
  ],
  detect(ctx) {
    if (!ctx.diffKeys.has('enum')) return;
    ctx.explain('enum');
    const o = ctx.old.enum as unknown[] | undefined;
    const n = ctx.new.enum as unknown[] | undefined;
    const d = ctx.dir;
    if (!o) return ctx.emit(`${d}.enum.constraint-added`, `values restricted to ${JSON.stringify(n)}`);
    if (!n) return ctx.emit(`${d}.enum.constraint-removed`, `enum ${JSON.stringify(o)} is now a free value`);
    const key = (v: unknown) => JSON.stringify(v);
    const os = new Set(o.map(key));
    const ns = new Set(n.map(key));
    const added = n.filter((v) => !os.has(key(v)));
    const removed = o.filter((v) => !ns.has(key(v)));
    if (added.length === 1 && removed.length === 1) {
      return ctx.emit(`${d}.enum.value-renamed`, `enum value ${key(removed[0])} renamed to ${key(added[0])}`);
    }
    for (const v of added) ctx.emit(`${d}.enum.value-added`, `enum value ${key(v)} added`, undefined, v);
    for (const v of removed) ctx.emit(`${d}.enum.value-removed`, `enum value ${key(v)} removed`, undefined, v);
  },
};
