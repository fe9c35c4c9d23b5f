import type { NodeRuleFamily } from '../types.js';
import { fmt, mirror } from './helpers.js';

/**
 * jsonName and HTTP bindings change the wire only on REST protocols. awsJson1_0/1_1 send members
 * by their member names in the body, so there the change is metadata (DOC).
 */
export const wireNames: NodeRuleFamily = {
  name: 'wire-names',
  keywords: ['x-jsonName', 'x-http'],
  rules: [
    ...mirror('wire-name', 'changed', 'BREAKING', 'BREAKING', 'jsonName/HTTP binding changed on a REST protocol'),
    ...mirror(
      'wire-name',
      'changed-unused',
      'DOC',
      'DOC',
      'jsonName/HTTP binding changed where the protocol ignores it',
    ),
  ],
  detect(ctx) {
    const keys = ['x-jsonName', 'x-http'].filter((k) => ctx.diffKeys.has(k));
    if (!keys.length) return;
    ctx.explain(...keys);
    const rest = !!ctx.protocol && /^rest/.test(ctx.protocol);
    const msg = keys.map((k) => `${k.slice(2)} ${fmt(ctx.old[k])} → ${fmt(ctx.new[k])}`).join(', ');
    ctx.emit(
      `${ctx.dir}.wire-name.${rest ? 'changed' : 'changed-unused'}`,
      rest ? msg : `${msg} (not used by ${ctx.protocol ?? 'this protocol'})`,
    );
  },
};
