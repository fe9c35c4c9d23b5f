import type { JsonSchema, Tool } from '../snapshot/types.js';
import { getOwn } from '../util/own.js';
import { extractFacts, type Fact } from './extract.js';

/** A fact and where in a tool's documentation it is stated. */
export interface PlacedFact extends Fact {
  /**
   * The doc path: `Tool` (the operation), `Tool.input.Member` (an inline member), `#Shape` / `#Shape.Member`
   * (a shared definition and its members, named once however many places reach them; errors are `#Name`).
   */
  path: string;
}

type Docs = [path: string, html: string][];

/** Every documentation text of a tool with its doc path (definitions once, by name). */
export function toolDocs(tool: Tool): Docs {
  const out: Docs = [[tool.name, tool.documentation]];
  const seen = new Set<string>();
  const visit = (node: JsonSchema, doc: JsonSchema, path: string) => {
    for (const k of ['description', 'x-targetDescription'] as const) {
      if (typeof node[k] === 'string') out.push([k === 'description' ? path : `${path}(target)`, node[k] as string]);
    }
    const ref = typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : null;
    if (ref !== null) {
      if (seen.has(ref)) return;
      seen.add(ref);
      const def = getOwn(doc.$defs as Record<string, JsonSchema> | undefined, ref);
      if (def) visit(def, doc, `#${ref}`);
      return;
    }
    const props = (node.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of Object.keys(props).sort()) visit(props[name], doc, `${path}.${name}`);
    for (const [k, suffix] of [['items', '[]'], ['additionalProperties', '{}'], ['propertyNames', '{key}']] as const) {
      const child = node[k];
      if (child && typeof child === 'object') visit(child as JsonSchema, doc, path + suffix);
    }
  };
  visit(tool.input, tool.input, `${tool.name}.input`);
  visit(tool.output, tool.output, `${tool.name}.output`);
  // An error's documentation is its schema's root description (`#ErrorName`): read once, there.
  for (const e of tool.errors) visit(e.schema, e.schema, `${tool.name}.errors.${e.name}`);
  return out.filter(([, html]) => !!html);
}

const memo = new WeakMap<Tool, PlacedFact[]>();

/** The behavioural facts of a tool's documentation, each with its doc path. */
export function toolFacts(tool: Tool): PlacedFact[] {
  let f = memo.get(tool);
  if (!f) {
    f = toolDocs(tool).flatMap(([path, html]) => extractFacts(html).map((x) => ({ ...x, path })));
    memo.set(tool, f);
  }
  return f;
}

/** Doc paths documented in both versions of a tool. */
export function sharedDocPaths(a: Tool, b: Tool): Set<string> {
  const pa = new Set(toolDocs(a).map(([p]) => p));
  return new Set(toolDocs(b).map(([p]) => p).filter((p) => pa.has(p)));
}
