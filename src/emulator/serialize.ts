import { deref } from '../snapshot/refs.js';
import type { JsonSchema, Tool } from '../snapshot/types.js';

/**
 * Serializes a behaviour's result per the served snapshot's output schema: members the model does
 * not have are dropped, so the emulator answers the contract of the spec it serves.
 */
export function shapeOutput(value: unknown, schema: JsonSchema, doc: JsonSchema): unknown {
  const s = deref(schema, doc);
  if (value === null || value === undefined) return value;
  if (s.type === 'object' && s.properties && typeof value === 'object' && !Array.isArray(value)) {
    const props = s.properties as Record<string, JsonSchema>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k in props && v !== undefined) out[k] = shapeOutput(v, props[k], doc);
    }
    return out;
  }
  if (s.type === 'array' && Array.isArray(value) && s.items)
    return value.map((v) => shapeOutput(v, s.items as JsonSchema, doc));
  return value;
}

/** A deliberately wrong body for fault injection: the first output member gets a value of the wrong type. */
export function malformedOutput(tool: Tool): Record<string, unknown> {
  const root = deref(tool.output, tool.output);
  const props = Object.entries((root.properties ?? {}) as Record<string, JsonSchema>);
  if (!props.length) return { unexpected: true };
  const [name, schema] = props[0];
  const t = deref(schema, tool.output).type;
  return {
    [name]:
      t === 'string' ? 12345 : t === 'array' ? 'not-a-list' : t === 'number' || t === 'integer' ? 'not-a-number' : 42,
  };
}

/** mulberry32: a tiny seeded PRNG so injected faults are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
