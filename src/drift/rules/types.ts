import type { JsonSchema } from '../../snapshot/types.js';
import type { NodeRuleFamily } from '../types.js';
import { mirror } from './helpers.js';

const WIDTH: Record<string, [string, number]> = {
  byte: ['int', 1], short: ['int', 2], integer: ['int', 3], long: ['int', 4], bigInteger: ['int', 5],
  float: ['float', 1], double: ['float', 2], bigDecimal: ['float', 3],
};

/** The kind of value a node accepts on the wire; a change of it is a type change. */
export function typeSignature(s: JsonSchema): string {
  if (s['x-document']) return 'document';
  if (s['x-union']) return 'union';
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return 'map';
  if (s.type === 'string' && s.contentEncoding === 'base64') return 'blob';
  if (s['x-timestampFormat']) return 'timestamp';
  return `${String(s.type)}${s['x-smithyType'] ? ':' + String(s['x-smithyType']) : ''}`;
}

/**
 * Type changes. A numeric widening (integer → long) keeps old requests valid but may overflow old
 * consumers; every other type change breaks both sides. One finding, no descent below it.
 */
export const types: NodeRuleFamily = {
  name: 'types',
  keywords: ['type', 'x-smithyType', 'x-union', 'x-document', 'contentEncoding'],
  rules: [
    ...mirror('type', 'changed', 'BREAKING', 'BREAKING', 'the member type changed'),
    ...mirror('type', 'widened', 'ADDITIVE', 'BREAKING', 'a numeric type was widened'),
    ...mirror('type', 'narrowed', 'BREAKING', 'ADDITIVE', 'a numeric type was narrowed'),
  ],
  detect(ctx) {
    const a = typeSignature(ctx.old);
    const b = typeSignature(ctx.new);
    if (a === b) return;
    const wa = WIDTH[String(ctx.old['x-smithyType'])];
    const wb = WIDTH[String(ctx.new['x-smithyType'])];
    let kind = 'changed';
    if (wa && wb && wa[0] === wb[0]) kind = wb[1] > wa[1] ? 'widened' : 'narrowed';
    else if (wa && wb && wa[0] === 'int' && wb[0] === 'float') kind = 'widened';
    ctx.emit(`${ctx.dir}.type.${kind}`, `type ${kind} from ${a} to ${b}`);
    ctx.notes.set('type-changed', true);
    ctx.explain(...ctx.diffKeys);
  },
};
