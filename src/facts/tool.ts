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
  if (!m) docsMemo.set(t, (m = docMap(t)));
  return m;
}

/** A definition's own documentation (its inline nodes, `$ref`s not followed) and the definitions it names. */
interface DefDocs {
  docs: Docs;
  refs: string[];
}
const defDocsMemo = new WeakMap<JsonSchema, { name: string; d: DefDocs }>();

/** The docs of a node and of everything inline below it, stopping at `$ref`s (collected, in walk order). */
function inlineDocs(node: JsonSchema, path: string, d: DefDocs): void {
  for (const k of ['description', 'x-targetDescription'] as const) {
    if (typeof node[k] === 'string') d.docs.push([k === 'description' ? path : `${path}(target)`, node[k] as string]);
  }
  if (typeof node.$ref === 'string') {
    d.refs.push(node.$ref.replace('#/$defs/', ''));
    return;
  }
  const props = (node.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of Object.keys(props).sort()) inlineDocs(props[name], `${path}.${name}`, d);
  for (const [k, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
    ['propertyNames', '{key}'],
  ] as const) {
    const child = node[k];
    if (child && typeof child === 'object') inlineDocs(child as JsonSchema, path + suffix, d);
  }
}

/** A definition's DefDocs, once per definition object: the bodies repeat across a model's tools. */
function defDocs(def: JsonSchema, name: string): DefDocs {
  const m = defDocsMemo.get(def);
  if (m && m.name === name) return m.d;
  const d: DefDocs = { docs: [], refs: [] };
  inlineDocs(def, `#${name}`, d);
  defDocsMemo.set(def, { name, d });
  return d;
}

/**
 * toolDocs as a map (path → text): the same entries, read from each definition's memoized docs instead of
 * walking every node of every tool. Paths inside a definition (`#Name…`) do not depend on where it is reached,
 * so only which definitions are read matters: the same ones (each name once, the first document that reaches it
 * decides, shared definitions skipped) whatever the order.
 */
function docMap(tool: Tool, same?: ReadonlySet<object>): Map<string, string> {
  const out = new Map<string, string>();
  const put = (docs: Docs) => {
    for (const [p, h] of docs) if (h) out.set(p, h);
  };
  put([[tool.name, tool.documentation]]);
  const seen = new Set<string>();
  const expand = (doc: JsonSchema, refs: string[]) => {
    for (const ref of refs) {
      if (seen.has(ref)) continue;
      seen.add(ref);
      const def = getOwn(doc.$defs as Record<string, JsonSchema> | undefined, ref);
      // A definition object both sides share (lent across a model comparison) has the same docs on both.
      if (!def || same?.has(def)) continue;
      const d = defDocs(def, ref);
      put(d.docs);
      expand(doc, d.refs);
    }
  };
  const root = (doc: JsonSchema, path: string) => {
    const d: DefDocs = { docs: [], refs: [] };
    inlineDocs(doc, path, d);
    put(d.docs);
    expand(doc, d.refs);
  };
  root(tool.input, `${tool.name}.input`);
  root(tool.output, `${tool.name}.output`);
  for (const e of tool.errors) root(e.schema, `${tool.name}.errors.${e.name}`);
  return out;
}

/**
 * The behavioural facts that changed between two versions of a tool: only documentation texts that differ
 * (and exist on both sides) are read, so an unchanged doc costs a string comparison.
 */
export function changedToolFacts(a: Tool, b: Tool): FactChange[] {
  const same = sharedDefs(a, b);
  const da = same.size ? docMap(a, same) : docsOf(a);
  const db = same.size ? docMap(b, same) : docsOf(b);
  const changed: string[] = [];
  for (const [path, html] of db) {
    const before = da.get(path);
    if (before !== undefined && before !== html) changed.push(path);
  }
  const out: FactChange[] = [];
  for (const path of changed.sort()) {
    const place = (h: string): PlacedFact[] => extractFacts(h).map((f) => ({ ...f, path }));
    out.push(...compareFacts(place(da.get(path)!), place(db.get(path)!), new Set([path])));
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
