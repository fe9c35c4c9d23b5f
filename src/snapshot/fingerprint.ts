import { canonicalCompact, sha256 as h } from '../util/canonical.js';
import { getOwn } from '../util/own.js';
import { docKeyOfNormalized } from './docs.js';
import type { JsonSchema, Tool } from './types.js';
import { effectivePattern } from '../drift/rules/patterns.js';

const DOC_KEYS = new Set(['description', 'x-targetDescription', 'x-deprecatedInfo']);
const ZERO_FLOORS = new Set(['minLength', 'minItems', 'minProperties', 'x-minBytes']);
const CHILD_KEYS = new Set(['properties', 'items', 'additionalProperties', 'propertyNames']);

type Projection = 'structure' | 'docs';

/**
 * Merkle hashing of a schema document: a $ref is replaced by the hash of the definition it names,
 * never by the name, so renaming a shape without changing its structure keeps the fingerprint.
 * Recursion is encoded by distance on the definition stack. Definition hashes that do not depend
 * on an enclosing cycle are memoized per definition object, and definitions are shared between
 * the tools of one model, so a large model hashes each definition once.
 */
class SchemaHasher {
  private readonly memo: Record<Projection, WeakMap<object, string>> = {
    structure: new WeakMap(),
    docs: new WeakMap(),
  };

  hash(schema: JsonSchema, proj: Projection): string {
    const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
    const stack: object[] = [];
    const memo = this.memo[proj];
    let minRef = Infinity;

    const defHash = (name: string): string => {
      const def = getOwn(defs, name);
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
      const text = encode(def);
      stack.pop();
      const result = h(text);
      // Context-free when nothing inside referred to a definition still open below this one.
      if (minRef >= stack.length) memo.set(def, result);
      minRef = Math.min(outerMin, minRef);
      return result;
    };

    // Canonical text built directly (sorted keys, no intermediate objects): this runs for every definition.
    const encode = (node: unknown): string => {
      if (Array.isArray(node)) return `[${node.map(encode).join(',')}]`;
      if (node === null || typeof node !== 'object') return JSON.stringify(node) ?? 'null';
      const n = node as Record<string, unknown>;
      let out = '{';
      for (const key of Object.keys(n).sort()) {
        if (key === '$defs' || key === '$schema') continue;
        const v = n[key];
        let part: string | null = null;
        if (key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/'))
          part = JSON.stringify(defHash(v.slice(8)));
        else if (CHILD_KEYS.has(key)) {
          if (key === 'properties' && v && typeof v === 'object') {
            const props = v as Record<string, unknown>;
            part = `{${Object.keys(props)
              .sort()
              .map((p) => `${JSON.stringify(p)}:${encode(props[p])}`)
              .join(',')}}`;
          } else part = encode(v);
        } else if (proj === 'docs') {
          if (key === 'description' || key === 'x-targetDescription')
            part = JSON.stringify(docKeyOfNormalized(String(v)));
        } else if (DOC_KEYS.has(key)) continue;
        else if (ZERO_FLOORS.has(key) && v === 0)
          continue; // a zero lower length bound is no bound
        else if (key === 'pattern') {
          // Anchored and unanchored forms of the same pattern are one contract (see effectivePattern).
          const p = effectivePattern(n as JsonSchema);
          if (p !== null) part = JSON.stringify(p);
        } else part = encode(v);
        if (part !== null) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${part}`;
      }
      return out + '}';
    };
    return h(encode(schema));
  }
}

let hasher = new SchemaHasher();
let errorMemo = new WeakMap<object, string>();
let errorDocMemo = new WeakMap<object, string>();

function memo(map: WeakMap<object, string>, key: object, make: () => string): string {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
/** One hasher per normalization run keeps the memo from outliving the model. */
export function resetHasher(): void {
  hasher = new SchemaHasher();
  errorMemo = new WeakMap();
  errorDocMemo = new WeakMap();
}

export function structuralHash(schema: JsonSchema): string {
  return hasher.hash(schema, 'structure');
}

export function toolFingerprint(tool: Omit<Tool, 'fingerprint' | 'docFingerprint'>): string {
  return h(
    JSON.stringify({
      name: tool.name,
      input: hasher.hash(tool.input, 'structure'),
      output: hasher.hash(tool.output, 'structure'),
      // The wire code is hashed only where it is not the name: fingerprints of other services do not move.
      errors: tool.errors.map((e) =>
        memo(errorMemo, e, () =>
          JSON.stringify([
            e.name,
            e.fault,
            e.httpStatus,
            hasher.hash(e.schema, 'structure'),
            ...(e.code ? [e.code] : []),
          ]),
        ),
      ),
      traits: [
        tool.traits.idempotent,
        tool.traits.readonly,
        tool.traits.paginated ? canonicalCompact(tool.traits.paginated) : null,
        !!tool.traits.deprecated,
      ],
    }),
  );
}

export function toolDocFingerprint(tool: Omit<Tool, 'fingerprint' | 'docFingerprint'>): string {
  return h(
    JSON.stringify({
      doc: docKeyOfNormalized(tool.documentation),
      input: hasher.hash(tool.input, 'docs'),
      output: hasher.hash(tool.output, 'docs'),
      errors: tool.errors.map((e) =>
        memo(errorDocMemo, e, () =>
          JSON.stringify([e.name, docKeyOfNormalized(e.documentation), hasher.hash(e.schema, 'docs')]),
        ),
      ),
    }),
  );
}
