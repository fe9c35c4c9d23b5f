import { hashValue } from '../util/canonical.js';
import { docKey } from './docs.js';
import type { JsonSchema, Tool } from './types.js';
import { effectivePattern } from '../drift/rules/patterns.js';

const DOC_KEYS = new Set(['description', 'x-deprecatedInfo']);
const ZERO_FLOORS = new Set(['minLength', 'minItems', 'minProperties', 'x-minBytes']);

/**
 * The structural form of a schema: $defs renamed in first-visit order and documentation dropped,
 * so renaming a shape (without changing its structure) keeps the fingerprint.
 */
export function structuralSchema(schema: JsonSchema): JsonSchema {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>;
  const rename = new Map<string, string>();
  const outDefs: Record<string, unknown> = {};
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node as object).sort()) {
      if (DOC_KEYS.has(key) || key === '$defs' || key === '$schema') continue;
      if (ZERO_FLOORS.has(key) && (node as Record<string, unknown>)[key] === 0) continue; // a zero lower length bound is no bound
      const v = (node as Record<string, unknown>)[key];
      if (key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const name = v.slice(8);
        let n = rename.get(name);
        if (!n) {
          n = `d${rename.size}`;
          rename.set(name, n);
          outDefs[n] = visit(defs[name]);
        }
        out.$ref = `#/$defs/${n}`;
      } else if (key === 'properties' && v && typeof v === 'object') {
        const props: Record<string, unknown> = {};
        for (const p of Object.keys(v).sort()) props[p] = visit((v as Record<string, unknown>)[p]);
        out.properties = props;
      } else if (key === 'pattern') {
        // Anchored and unanchored forms of the same pattern are one contract (see effectivePattern).
        const p = effectivePattern(node as JsonSchema);
        if (p !== null) out.pattern = p;
      } else out[key] = visit(v);
    }
    return out;
  };
  const root = visit(schema) as JsonSchema;
  return { ...root, $defs: outDefs };
}

/** Every documentation string of a schema, in structural order, for the doc fingerprint. */
export function schemaDocs(schema: JsonSchema): string[] {
  const docs: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node as object).sort()) {
      const v = (node as Record<string, unknown>)[key];
      if (key === 'description') docs.push(`${path}=${docKey(v)}`);
      else walk(v, `${path}/${key}`);
    }
  };
  walk(schema, '');
  return docs;
}

export function toolFingerprint(tool: Omit<Tool, 'fingerprint' | 'docFingerprint'>): string {
  return hashValue({
    name: tool.name,
    input: structuralSchema(tool.input),
    output: structuralSchema(tool.output),
    errors: tool.errors.map((e) => ({ name: e.name, fault: e.fault, httpStatus: e.httpStatus, schema: structuralSchema(e.schema) })),
    traits: { ...tool.traits, deprecated: tool.traits.deprecated ? true : null },
  });
}

export function toolDocFingerprint(tool: Omit<Tool, 'fingerprint' | 'docFingerprint'>): string {
  return hashValue({
    doc: docKey(tool.documentation),
    input: schemaDocs(tool.input),
    output: schemaDocs(tool.output),
    errors: tool.errors.map((e) => [e.name, docKey(e.documentation), schemaDocs(e.schema)]),
  });
}
