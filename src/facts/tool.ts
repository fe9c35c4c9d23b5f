import type { JsonSchema, Tool } from '../snapshot/types.js';
import { getOwn } from '../util/own.js';
import { compareFacts, type FactChange } from './compare.js';
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
export function toolDocs(tool: Tool, same?: ReadonlySet<object>): Docs {
  const out: Docs = [[tool.name, tool.documentation]];
  const seen = new Set<string>();
  const visit = (node: JsonSchema, doc: JsonSchema, path: string) => {
    // A definition object both sides share (lent across a model comparison) has the same docs on both.
    if (same?.has(node)) return;
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
    for (const [k, suffix] of [
      ['items', '[]'],
      ['additionalProperties', '{}'],
      ['propertyNames', '{key}'],
    ] as const) {
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
  const pa = new Set(docsOf(a).keys());
  return new Set([...docsOf(b).keys()].filter((p) => pa.has(p)));
}

const docsMemo = new WeakMap<Tool, Map<string, string>>();
function docsOf(t: Tool): Map<string, string> {
  let m = docsMemo.get(t);
  if (!m) docsMemo.set(t, (m = new Map(toolDocs(t))));
  return m;
}

/**
 * The behavioural facts that changed between two versions of a tool: only documentation texts that differ
 * (and exist on both sides) are read, so an unchanged doc costs a string comparison.
 */
export function changedToolFacts(a: Tool, b: Tool): FactChange[] {
  const same = sharedDefs(a, b);
  const da = same.size ? new Map(toolDocs(a, same)) : docsOf(a);
  const db = same.size ? new Map(toolDocs(b, same)) : docsOf(b);
  const out: FactChange[] = [];
  for (const [path, html] of [...db].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const before = da.get(path);
    if (before === undefined || before === html) continue;
    const place = (h: string): PlacedFact[] => extractFacts(h).map((f) => ({ ...f, path }));
    out.push(...compareFacts(place(before), place(html), new Set([path])));
  }
  return out;
}

/** Definition objects that both versions of a tool hold under the same name (identical by identity). */
function sharedDefs(a: Tool, b: Tool): Set<object> {
  const out = new Set<object>();
  const pairs: [JsonSchema, JsonSchema][] = [
    [a.input, b.input],
    [a.output, b.output],
  ];
  const errs = new Map(a.errors.map((e) => [e.name, e.schema]));
  for (const e of b.errors) if (errs.has(e.name)) pairs.push([errs.get(e.name)!, e.schema]);
  for (const [x, y] of pairs) {
    const dx = (x.$defs ?? {}) as Record<string, JsonSchema>;
    const dy = (y.$defs ?? {}) as Record<string, JsonSchema>;
    for (const k of Object.keys(dy)) if (getOwn(dx, k) === dy[k]) out.add(dy[k]);
  }
  return out;
}
