import { docParagraphs } from '../report/page-data.js';
import type { JsonSchema, Tool } from '../snapshot/types.js';
import { METERING_SERVICE } from '../replay/anchors.js';
import type { PackState, ToolGate } from './gate.js';

/** Metering operations that cannot meter whatever their input (the read-only policy lets every call through). */
export const ALWAYS_READ_ONLY = new Set(['ResolveCustomer']);
const DESCRIPTION_MAX = 1024;
const MEMBER_DOC_MAX = 400;

export type PackFormat = 'mcp' | 'openai' | 'json';

/** Documentation as plain text, cut at a sentence boundary within `max` characters. */
export function plainDoc(html: string, max: number): string {
  const text = docParagraphs(html).join(' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const end = cut.lastIndexOf('. ');
  return `${end > max / 2 ? cut.slice(0, end + 1) : cut}…`;
}

/**
 * A tool's input schema as consumers take it: self-contained (its `$defs` kept), the root an object schema,
 * descriptions in plain text, and specwatch's `x-` annotations left out (strict validators reject unknown
 * keywords; the snapshot keeps them for our own validation).
 */
export function agentSchema(tool: Tool): JsonSchema {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k.startsWith('x-') || k === '$schema') continue;
      if (k === 'description' && typeof x === 'string') out[k] = plainDoc(x, MEMBER_DOC_MAX);
      else if (k === 'properties' || k === '$defs') {
        out[k] = Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([n, s]) => [n, strip(s)]));
      } else out[k] = strip(x);
    }
    return out;
  };
  const doc = strip(tool.input) as JsonSchema;
  const ref = typeof doc.$ref === 'string' ? doc.$ref.replace('#/$defs/', '') : null;
  const defs = (doc.$defs ?? {}) as Record<string, JsonSchema>;
  const root = ref ? { ...defs[ref] } : { ...doc };
  delete root.$ref;
  delete root.$defs;
  const out: JsonSchema = { ...root, type: 'object' };
  if (!out.properties) out.properties = {};
  if (Object.keys(defs).length) out.$defs = defs;
  return out;
}

export interface ToolDefinition {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  annotations: {
    title: string;
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: boolean;
  };
  _meta: Record<string, unknown>;
}

/** One tool as agents see it, with its hints, drift, trust and gate. */
export function toolDefinition(tool: Tool, state: PackState, pack: string): ToolDefinition {
  const gate: ToolGate = state.gates.get(tool.name) ?? { enabled: true, reason: null, drift: 'CLEAN' };
  const metering = state.snapshot.service.name === METERING_SERVICE;
  const readOnly = tool.traits.readonly || (metering && ALWAYS_READ_ONLY.has(tool.name));
  // "Identical requests are idempotent" (BatchMeterUsage) counts like the trait; "not idempotent" does not.
  const idempotent = tool.traits.idempotent || /(?<!\bnot |\bnon-)\bidempotent\b/i.test(tool.documentation);
  // Metering only adds usage records. Another service's operation that is not @readonly may change or delete
  // state: nothing in the model says otherwise, so it keeps MCP's default (destructive).
  const destructive = !metering && !readOnly;
  const doc = plainDoc(tool.documentation, DESCRIPTION_MAX);
  return {
    name: tool.name,
    title: tool.name,
    description: gate.enabled ? doc : `DISABLED by specwatch: ${gate.reason}. ${doc}`.slice(0, DESCRIPTION_MAX + 600),
    inputSchema: agentSchema(tool),
    annotations: {
      title: tool.name,
      readOnlyHint: readOnly,
      destructiveHint: destructive,
      idempotentHint: idempotent,
      openWorldHint: true,
    },
    _meta: {
      'specwatch/pack': pack,
      'specwatch/enabled': gate.enabled,
      'specwatch/gate': gate.reason,
      'specwatch/drift': { class: gate.drift, baseline: state.baselineVersion },
      'specwatch/trust': state.trust,
      'specwatch/fingerprint': { snapshot: state.snapshot.fingerprint, tool: tool.fingerprint },
    },
  };
}

/** All tools of a pack in one format: MCP tool objects, OpenAI function tools, or specwatch JSON. */
export function packDefinitions(state: PackState, pack: string, format: PackFormat): unknown {
  const defs = state.snapshot.tools.map((t) => toolDefinition(t, state, pack));
  if (format === 'openai') {
    return defs.map((d) => ({
      type: 'function',
      function: { name: d.name, description: d.description, parameters: d.inputSchema },
    }));
  }
  if (format === 'mcp') return { tools: defs };
  return {
    pack,
    version: state.versionId,
    baseline: state.baselineVersion,
    trust: state.trust,
    fingerprint: state.snapshot.fingerprint,
    tools: defs,
  };
}
