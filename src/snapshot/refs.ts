import { getOwn } from '../util/own.js';
import type { JsonSchema } from './types.js';

/** A `#/$defs/Name` reference resolved within its document, member-level keywords kept on top. */
export interface Resolved {
  merged: JsonSchema;
  ref: string | null;
  siblings: JsonSchema;
  /** The definition object the reference names, when it exists. */
  def?: JsonSchema;
}

export function resolveRef(node: JsonSchema, doc: JsonSchema): Resolved {
  const ref = typeof node.$ref === 'string' ? node.$ref : null;
  const { $ref: _r, ...siblings } = node;
  if (!ref) return { merged: node, ref: null, siblings };
  const def = getOwn(doc.$defs as Record<string, JsonSchema> | undefined, ref.replace('#/$defs/', ''));
  return { merged: { ...(def ?? {}), ...siblings }, ref, siblings, def };
}

export const deref = (node: JsonSchema, doc: JsonSchema): JsonSchema => resolveRef(node, doc).merged;

/** The number of members of a tool document's root structure. */
export function rootMemberCount(doc: JsonSchema): number {
  return Object.keys((deref(doc, doc).properties as object) ?? {}).length;
}
