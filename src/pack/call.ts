import type { ValidateFunction } from 'ajv';
import { createAjv } from '../snapshot/ajv.js';
import { deref } from '../snapshot/refs.js';
import type { JsonSchema, Tool } from '../snapshot/types.js';
import { getOwn } from '../util/own.js';

/** What a tool call returns to the agent: structured content, flagged as an error when it is one. */
export interface CallOutcome {
  isError: boolean;
  text: string;
  structured: Record<string, unknown>;
  /** Whether a request left (false: refused before sending). */
  sent: boolean;
}

/** A call that never leaves: why, as the agent reads it. */
export const refused = (text: string): CallOutcome => ({
  isError: true,
  text,
  structured: { refused: text },
  sent: false,
});

const validators = new WeakMap<Tool, ValidateFunction>();

/** Validates arguments against the snapshot's own input schema; null when valid, else one line per error. */
export function validateInput(tool: Tool, args: unknown): string | null {
  let v = validators.get(tool);
  if (!v) validators.set(tool, (v = createAjv({ allErrors: true }).compile(tool.input)));
  if (v(args)) return null;
  return (v.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(input)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Timestamps travel as the schema states them (epoch seconds or ISO strings); the SDK wants Dates. */
export function toSdkInput(tool: Tool, args: Record<string, unknown>): Record<string, unknown> {
  const conv = (schema: JsonSchema, v: unknown): unknown => {
    const s = deref(schema, tool.input);
    if (s['x-timestampFormat'] !== undefined) {
      return typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : v;
    }
    if (Array.isArray(v) && s.items) return v.map((x) => conv(s.items as JsonSchema, x));
    if (v && typeof v === 'object' && s.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const p = getOwn(s.properties as Record<string, JsonSchema>, k);
        out[k] = p ? conv(p, x) : x;
      }
      return out;
    }
    return v;
  };
  return conv(tool.input, args) as Record<string, unknown>;
}

/** An SDK result or AWS error as structured content (Dates as ISO strings, no stack, no $metadata). */
export function outcomeOf(result: unknown, error: unknown, sent: boolean): CallOutcome {
  if (error) {
    const e = error as { name?: string; message?: string; $fault?: string; $metadata?: { httpStatusCode?: number } };
    const structured = {
      error: {
        name: e.name ?? 'Error',
        message: e.message ?? String(error),
        fault: e.$fault ?? null,
        httpStatus: e.$metadata?.httpStatusCode ?? null,
      },
    };
    return { isError: true, text: `${structured.error.name}: ${structured.error.message}`, structured, sent };
  }
  const { $metadata: _m, ...rest } = (result ?? {}) as Record<string, unknown>;
  const structured = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  return { isError: false, text: JSON.stringify(structured), structured, sent };
}
