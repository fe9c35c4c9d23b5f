import type { ValidateFunction } from 'ajv';
import { createAjv, type Ajv } from '../snapshot/ajv.js';
import { deref } from '../snapshot/refs.js';
import type { JsonSchema, Snapshot } from '../snapshot/types.js';

/** Compiled output and error schemas of the current snapshot. */
export class ResponseValidator {
  private readonly ajv: Ajv = createAjv({ allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();
  constructor(private readonly snapshot: Snapshot) {}

  private fn(key: string, schema: JsonSchema): ValidateFunction {
    let f = this.cache.get(key);
    if (!f) {
      f = this.ajv.compile(schema);
      this.cache.set(key, f);
    }
    return f;
  }

  /** Schema violations of a raw response body, each naming the schema path. */
  check(tool: string, body: unknown, errorName?: string): string[] {
    const t = this.snapshot.tools.find((x) => x.name === tool)!;
    const schema = errorName ? t.errors.find((e) => e.name === errorName)?.schema : t.output;
    if (!schema) return [];
    const f = this.fn(`${tool}/${errorName ?? 'output'}`, schema);
    if (f(body)) return [];
    return (f.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} (schema ${e.schemaPath})`);
  }
}

/** Members present in the body that the snapshot does not model (reported, not failed). */
export function unknownFields(body: unknown, schema: JsonSchema): string[] {
  const out: string[] = [];
  const walk = (v: unknown, s: JsonSchema | undefined, path: string) => {
    if (!s) return;
    s = deref(s, schema);
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, s!.items as JsonSchema, `${path}[${i}]`));
    if (v && typeof v === 'object' && s.properties) {
      const props = s.properties as Record<string, JsonSchema>;
      for (const [k, x] of Object.entries(v)) {
        if (!(k in props)) out.push(`${path}.${k}`);
        else walk(x, props[k], `${path}.${k}`);
      }
    }
  };
  walk(body, schema, '$');
  return out;
}
