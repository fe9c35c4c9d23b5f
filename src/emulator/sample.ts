import { sampleWord } from '../drift/pattern-language.js';
import { deref } from '../snapshot/refs.js';
import type { JsonSchema } from '../snapshot/types.js';
import { setOwn } from '../util/own.js';

/** Thrown when no value satisfies a schema node (an unsatisfiable pattern, say): the caller skips, with why. */
export class NoSample extends Error {}

const MAX_DEPTH = 12;

/**
 * A minimal value the schema accepts: required members only, the fewest items, the smallest number, the
 * first enum value, a most-readable string of the least length its pattern allows. Deterministic, so the
 * emulator's generic answers and replay's derived inputs are the same on every run.
 */
export function sampleValue(schema: JsonSchema, doc: JsonSchema, path = '', depth = 0): unknown {
  const s = deref(schema, doc);
  if (depth > MAX_DEPTH) throw new NoSample(`${path || '(root)'}: nested deeper than ${MAX_DEPTH} required levels`);
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (s['x-timestampFormat'] === 'epoch-seconds') return 1764201600; // 2025-11-27T00:00:00Z
  if (s.format === 'date-time') return '2025-11-27T00:00:00Z';
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (s.properties) {
        const props = s.properties as Record<string, JsonSchema>;
        const req = new Set((s.required ?? []) as string[]);
        // A union needs exactly one member: the first.
        const names = s['x-union'] ? Object.keys(props).slice(0, 1) : Object.keys(props).filter((k) => req.has(k));
        for (const k of names) setOwn(out, k, sampleValue(props[k], doc, `${path}.${k}`, depth + 1));
      } else if (typeof s.minProperties === 'number' && s.minProperties > 0 && s.additionalProperties) {
        const key = s.propertyNames
          ? sampleValue(s.propertyNames as JsonSchema, doc, `${path}{key}`, depth + 1)
          : 'key';
        setOwn(out, String(key), sampleValue(s.additionalProperties as JsonSchema, doc, `${path}{}`, depth + 1));
      }
      return out;
    }
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: n }, (_, i) => sampleValue(s.items as JsonSchema, doc, `${path}[${i}]`, depth + 1));
    }
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 0;
    case 'boolean':
      return false;
    case 'string':
      return s.contentEncoding === 'base64' ? 'AA==' : sampleString(s, path);
    default:
      return null;
  }
}

function sampleString(s: JsonSchema, path: string): string {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Math.max(min, 64);
  if (typeof s.pattern !== 'string') return 'a'.repeat(Math.max(min, 1) > max ? max : Math.max(min, 1));
  const w = sampleWord(s.pattern, Math.max(min, 1) <= max ? Math.max(min, 1) : min, max);
  if (w === null) throw new NoSample(`${path || '(root)'}: no string of length ${min}–${max} matches ${s.pattern}`);
  return w;
}
