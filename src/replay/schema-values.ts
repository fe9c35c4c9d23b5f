import { deref } from '../snapshot/refs.js';
import type { JsonSchema, Snapshot } from '../snapshot/types.js';

/** Follows a dotted member path (`[]` for list items) through a tool's schema, resolving $refs. */
export function schemaAt(
  snapshot: Snapshot,
  tool: string,
  dir: 'input' | 'output',
  path: string,
): JsonSchema | undefined {
  const t = snapshot.tools.find((x) => x.name === tool);
  if (!t) return undefined;
  const doc = t[dir];
  const at = (s: JsonSchema | undefined) => (s ? deref(s, doc) : undefined);
  let node = at(doc);
  for (const part of path.split('.').filter(Boolean)) {
    const isItems = part.endsWith('[]');
    const name = isItems ? part.slice(0, -2) : part;
    node = at((node?.properties as Record<string, JsonSchema> | undefined)?.[name]);
    if (isItems) node = at(node?.items as JsonSchema | undefined);
  }
  return node;
}

/** A numeric constraint of the current snapshot, with a fallback when the model no longer states it. */
export function limit(snapshot: Snapshot, tool: string, path: string, keyword: string, fallback: number): number {
  const v = schemaAt(snapshot, tool, 'input', path)?.[keyword];
  return typeof v === 'number' ? v : fallback;
}
