import { createHash } from 'node:crypto';
import { docKey } from './docs.js';
import type { JsonSchema, Tool } from './types.js';
import { effectivePattern } from '../drift/rules/patterns.js';

const DOC_KEYS = new Set(['description', 'x-deprecatedInfo']);
const ZERO_FLOORS = new Set(['minLength', 'minItems', 'minProperties', 'x-minBytes']);
const CHILD_KEYS = new Set(['properties', 'items', 'additionalProperties', 'propertyNames']);

type Projection = 'structure' | 'docs';
const h = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Merkle hashing of a schema document: a $ref is replaced by the hash of the definition it names,
 * never by the name, so renaming a shape without changing its structure keeps the fingerprint.
 * Recursion is encoded by distance on the definition stack. Definition hashes that do not depend
 * on an enclosing cycle are memoized per definition object, and definitions are shared between
 * the tools of one model, so a large model hashes each definition once.
 */
class SchemaHasher {
  private readonly memo: Record<Projection, WeakMap<object, string>> = { structure: new WeakMap(), docs: new WeakMap() };

  hash(schema: JsonSchema, proj: Projection): string {
    const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
    const stack: object[] = [];
    const memo = this.memo[proj];
    let minRef = Infinity;

    const defHash = (name: string): string => {
      const def = defs[name];
      if (!def) return `missing:${name}`;
      const cached = memo.get(def);
      if (cached) return cached;
      const idx = stack.indexOf(def);
      if (idx >= 0) {
        minRef = Math.min(minRef, idx);
        return `cycle:${stack.length - 1 - idx}`;
      }
      const outerMin = minRef;
      minRef = Infinity;
      stack.push(def);
      const text = JSON.stringify(encode(def));
      stack.pop();
      const result = h(text);
      // Context-free when nothing inside referred to a definition still open below this one.
      if (minRef >= stack.length) memo.set(def, result);
      minRef = Math.min(outerMin, minRef);
      return result;
    };

    const encode = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(encode);
      if (node === null || typeof node !== 'object') return node;
      const n = node as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(n).sort()) {
        if (key === '$defs' || key === '$schema') continue;
        const v = n[key];
        if (key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) out.$ref = defHash(v.slice(8));
        else if (CHILD_KEYS.has(key)) {
          if (key === 'properties' && v && typeof v === 'object') {
            const props: Record<string, unknown> = {};
            for (const p of Object.keys(v).sort()) props[p] = encode((v as Record<string, unknown>)[p]);
            out.properties = props;
          } else out[key] = encode(v);
        } else if (proj === 'docs') {
          if (key === 'description') out.d = docKey(v);
        } else if (DOC_KEYS.has(key)) continue;
        else if (ZERO_FLOORS.has(key) && v === 0) continue; // a zero lower length bound is no bound
        else if (key === 'pattern') {
          // Anchored and unanchored forms of the same pattern are one contract (see effectivePattern).
          const p = effectivePattern(n as JsonSchema);
          if (p !== null) out.pattern = p;
        } else out[key] = v;
      }
      return out;
    };
    return h(JSON.stringify(encode(schema)));
  }
}

let hasher = new SchemaHasher();
/** One hasher per normalization run keeps the memo from outliving the model. */
export function resetHasher(): void {
  hasher = new SchemaHasher();
}

export function structuralHash(schema: JsonSchema): string {
  return hasher.hash(schema, 'structure');
}

export function toolFingerprint(tool: Omit<Tool, 'fingerprint' | 'docFingerprint'>): string {
  return h(JSON.stringify({
    name: tool.name,
    input: hasher.hash(tool.input, 'structure'),
    output: hasher.hash(tool.output, 'structure'),
    errors: tool.errors.map((e) => [e.name, e.fault, e.httpStatus, hasher.hash(e.schema, 'structure')]),
    traits: [tool.traits.idempotent, tool.traits.readonly, tool.traits.paginated ? JSON.stringify(tool.traits.paginated) : null, !!tool.traits.deprecated],
  }));
}

export function toolDocFingerprint(tool: Omit<Tool, 'fingerprint' | 'docFingerprint'>): string {
  return h(JSON.stringify({
    doc: docKey(tool.documentation),
    input: hasher.hash(tool.input, 'docs'),
    output: hasher.hash(tool.output, 'docs'),
    errors: tool.errors.map((e) => [e.name, docKey(e.documentation), hasher.hash(e.schema, 'docs')]),
  }));
}
