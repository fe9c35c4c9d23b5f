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

/** Docs of a node and everything inline below it, in walk order, each `$ref` met where it stands. */
type Item = [path: string, html: string] | { ref: string };

/** The Items of a node and of everything inline below it, stopping at `$ref`s. */
function inlineItems(node: JsonSchema, path: string, out: Item[]): void {
  for (const k of ['description', 'x-targetDescription'] as const) {
    if (typeof node[k] === 'string') out.push([k === 'description' ? path : `${path}(target)`, node[k] as string]);
  }
  if (typeof node.$ref === 'string') {
    out.push({ ref: node.$ref.replace('#/$defs/', '') });
    return;
  }
  const props = (node.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of Object.keys(props).sort()) inlineItems(props[name], `${path}.${name}`, out);
  for (const [k, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
    ['propertyNames', '{key}'],
  ] as const) {
    const child = node[k];
    if (child && typeof child === 'object') inlineItems(child as JsonSchema, path + suffix, out);
  }
}

/**
 * A definition's Items, once per definition object: bodies repeat across a model's tools, and paths inside a
 * definition (`#Name…`) do not depend on where it is reached.
 */
const defItemsMemo = new WeakMap<JsonSchema, { name: string; items: Item[] }>();
function defItems(def: JsonSchema, name: string): Item[] {
  const m = defItemsMemo.get(def);
  if (m && m.name === name) return m.items;
  const items: Item[] = [];
  inlineItems(def, `#${name}`, items);
  defItemsMemo.set(def, { name, items });
  return items;
}

/** Every documentation text of a tool with its doc path (definitions once, by name), in walk order. */
export function toolDocs(tool: Tool, same?: ReadonlySet<object>): Docs {
  const out: Docs = [[tool.name, tool.documentation]];
  const seen = new Set<string>();
  const expand = (items: Item[], doc: JsonSchema) => {
    for (const it of items) {
      if (Array.isArray(it)) {
        out.push(it);
        continue;
      }
      if (seen.has(it.ref)) continue;
      seen.add(it.ref);
      const def = getOwn(doc.$defs as Record<string, JsonSchema> | undefined, it.ref);
      // A definition object both sides share (lent across a model comparison) has the same docs on both.
      if (def && !same?.has(def)) expand(defItems(def, it.ref), doc);
    }
  };
  const root = (doc: JsonSchema, path: string) => {
    const items: Item[] = [];
    inlineItems(doc, path, items);
    expand(items, doc);
  };
  root(tool.input, `${tool.name}.input`);
  root(tool.output, `${tool.name}.output`);
  // An error's documentation is its schema's root description (`#ErrorName`): read once, there.
  for (const e of tool.errors) root(e.schema, `${tool.name}.errors.${e.name}`);
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
function sharedDefs(a: Tool, b: Tool): ReadonlySet<object> {
  const pairs: [JsonSchema, JsonSchema][] = [
    [a.input, b.input],
    [a.output, b.output],
  ];
  const errs = new Map(a.errors.map((e) => [e.name, e.schema]));
  for (const e of b.errors) if (errs.has(e.name)) pairs.push([errs.get(e.name)!, e.schema]);
  const sets = new Set<ReadonlySet<object>>();
  // One document on both sides (a comparison's stub) is the same throughout: nothing in it is read as changed.
  for (const [x, y] of pairs) if (x !== y && x.$defs && y.$defs) sets.add(identical(x.$defs as Defs, y.$defs as Defs));
  if (sets.size === 1) return [...sets][0];
  const out = new Set<object>();
  for (const s of sets) for (const d of s) out.add(d);
  return out;
}

type Defs = Record<string, JsonSchema>;
/**
 * The definitions two `$defs` objects hold identically, once per pair of objects: documents share them (an
 * error's body is one document in every tool that lists it; a comparison's documents share one `$defs`).
 */
const identicalMemo = new WeakMap<Defs, WeakMap<Defs, ReadonlySet<object>>>();
function identical(dx: Defs, dy: Defs): ReadonlySet<object> {
  let byY = identicalMemo.get(dx);
  if (!byY) identicalMemo.set(dx, (byY = new WeakMap()));
  let out = byY.get(dy);
  if (!out) {
    const s = new Set<object>();
    for (const k of Object.keys(dy)) if (getOwn(dx, k) === dy[k]) s.add(dy[k]);
    byY.set(dy, (out = s));
  }
  return out;
}
