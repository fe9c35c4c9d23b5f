import type { NodeRuleFamily } from '../types.js';
import { fmt, mirror } from './helpers.js';

/** Lower/upper bound keyword pairs; a missing lower length bound is 0, a missing upper bound is ∞. */
const PAIRS: [string, string, number][] = [
  ['minLength', 'maxLength', 0],
  ['minItems', 'maxItems', 0],
  ['minProperties', 'maxProperties', 0],
  ['x-minBytes', 'x-maxBytes', 0],
  ['minimum', 'maximum', -Infinity],
];

/**
 * Length, size and range bounds. Tightening breaks a request (old values are refused) and is safe
 * for a response; loosening is the reverse. smithy-diff misses a bound added to an input.
 */
export const bounds: NodeRuleFamily = {
  name: 'bounds',
  keywords: PAIRS.flatMap(([a, b]) => [a, b]).concat(['uniqueItems']),
  rules: [
    ...mirror('constraint', 'tightened', 'BREAKING', 'ADDITIVE', 'a length/range/size bound was tightened'),
    ...mirror('constraint', 'loosened', 'ADDITIVE', 'BREAKING', 'a length/range/size bound was loosened'),
    ...mirror('constraint', 'shifted', 'BREAKING', 'BREAKING', 'bounds moved both ways'),
  ],
  detect(ctx) {
    const tight: string[] = [];
    const loose: string[] = [];
    for (const [lo, hi, floor] of PAIRS) {
      for (const [k, isMin] of [
        [lo, true],
        [hi, false],
      ] as [string, boolean][]) {
        if (!ctx.diffKeys.has(k)) continue;
        ctx.explain(k);
        const ov = ctx.old[k] as number | undefined;
        const nv = ctx.new[k] as number | undefined;
        const a = ov ?? (isMin ? floor : Infinity);
        const b = nv ?? (isMin ? floor : Infinity);
        if (a === b) continue; // e.g. minLength 0 added: no effect
        const tightened = isMin ? b > a : b < a;
        (tightened ? tight : loose).push(`${k} ${fmt(ov)} → ${fmt(nv)}`);
      }
    }
    if (ctx.diffKeys.has('uniqueItems')) {
      ctx.explain('uniqueItems');
      (ctx.new.uniqueItems ? tight : loose).push(
        `uniqueItems ${fmt(ctx.old.uniqueItems)} → ${fmt(ctx.new.uniqueItems)}`,
      );
    }
    if (!tight.length && !loose.length) return;
    const kind = tight.length && loose.length ? 'shifted' : tight.length ? 'tightened' : 'loosened';
    ctx.emit(`${ctx.dir}.constraint.${kind}`, `${kind}: ${[...tight, ...loose].join(', ')}`);
  },
};
