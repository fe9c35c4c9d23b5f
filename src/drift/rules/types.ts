import type { JsonSchema } from '../../snapshot/types.js';
import type { NodeRuleFamily } from '../types.js';
import { mirror } from './helpers.js';

const WIDTH: Record<string, [string, number]> = {
  byte: ['int', 1],
  short: ['int', 2],
  integer: ['int', 3],
  long: ['int', 4],
  bigInteger: ['int', 5],
  float: ['float', 1],
  double: ['float', 2],
  bigDecimal: ['float', 3],
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

const LIMITS: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  float: [-3.4e38, 3.4e38],
};

/** Both sides bound the values identically, and the narrower type can hold all of them. */
function sameRange(a: JsonSchema, b: JsonSchema, narrower: JsonSchema): boolean {
  if (typeof a.minimum !== 'number' || typeof a.maximum !== 'number') return false;
  if (a.minimum !== b.minimum || a.maximum !== b.maximum) return false;
  const lim = LIMITS[String(narrower['x-smithyType'])];
  return !lim || (a.minimum >= lim[0] && a.maximum <= lim[1]);
}

/**
 * Type changes. A numeric widening (integer → long) keeps old requests valid but may overflow old
 * consumers; every other type change breaks both sides. One finding, no descent below it.
 */
export const types: NodeRuleFamily = {
  name: 'types',
  // `additionalProperties`: the engine names it when only one side is a map (a structure and a map are both objects).
  keywords: ['type', 'x-smithyType', 'x-union', 'x-document', 'contentEncoding', 'additionalProperties'],
  rules: [
    ...mirror('type', 'changed', 'BREAKING', 'BREAKING', 'the member type changed'),
    ...mirror('type', 'widened', 'ADDITIVE', 'BREAKING', 'a numeric type was widened'),
    ...mirror('type', 'narrowed', 'BREAKING', 'ADDITIVE', 'a numeric type was narrowed'),
    ...mirror(
      'type',
      'representation-changed',
      'RISKY',
      'RISKY',
      'a numeric type changed but the accepted values did not (a code-generation change for typed SDKs)',
    ),
  ],
  detect(ctx) {
    const a = typeSignature(ctx.old);
    const b = typeSignature(ctx.new);
    if (a === b) return;
    const wa = WIDTH[String(ctx.old['x-smithyType'])];
    const wb = WIDTH[String(ctx.new['x-smithyType'])];
    let kind = 'changed';
    if (wa && wb && wa[0] === wb[0]) kind = wb[1] > wa[1] ? 'widened' : 'narrowed';
    // Same bounds on both sides, inside the narrower type: the set of accepted values is unchanged. Typed SDKs
    // regenerate the member (int → long): the same finding in both directions, never a new capability.
    if (
      (kind === 'widened' || kind === 'narrowed') &&
      sameRange(ctx.old, ctx.new, wa![1] < wb![1] ? ctx.old : ctx.new)
    ) {
      kind = 'representation-changed';
    } else if (wa && wb && wa[0] === 'int' && wb[0] === 'float') kind = 'widened';
    ctx.emit(
      `${ctx.dir}.type.${kind}`,
      kind === 'representation-changed'
        ? `type ${a} → ${b} with the same range [${String(ctx.old.minimum)}, ${String(ctx.old.maximum)}]: ` +
            'same values, new SDK type'
        : `type ${kind} from ${a} to ${b}`,
    );
    ctx.notes.set('type-changed', true);
    ctx.explain(...ctx.diffKeys);
  },
};
