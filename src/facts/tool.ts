import type { JsonSchema, Tool } from '../snapshot/types.js';
import { innerWeak } from '../util/maps.js';
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
  const changed = changedWithoutDefinitions(a, b) ?? changedDocs(a, b);
  const out: FactChange[] = [];
  for (const [path, before, after] of changed.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const place = (h: string): PlacedFact[] => extractFacts(h).map((f) => ({ ...f, path }));
    out.push(...compareFacts(place(before), place(after), new Set([path])));
  }
  return out;
}

/** A doc path documented on both sides with different texts. */
type ChangedDoc = [path: string, before: string, after: string];

/** Every doc path documented on both sides whose text differs (definitions once each, by name). */
function changedDocs(a: Tool, b: Tool): ChangedDoc[] {
  const same = sharedDefs(a, b);
  const da = same.size ? new Map(toolDocs(a, same)) : docsOf(a);
  const db = same.size ? new Map(toolDocs(b, same)) : docsOf(b);
  return differing(da, db);
}

/** The paths both maps document, with different texts (in the second map's order). */
function differing(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ChangedDoc[] {
  const out: ChangedDoc[] = [];
  for (const [path, html] of after) {
    const was = before.get(path);
    if (was !== undefined && was !== html) out.push([path, was, html]);
  }
  return out;
}

/** The doc texts among Items, by path (empty texts are no docs; the last text of a path wins, as in a map). */
function texts(items: readonly Item[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const it of items) if (Array.isArray(it) && it[1]) out.set(it[0], it[1]);
  return out;
}

/**
 * changedDocs without reading a definition, when no definition can hold a changed path: a path inside one
 * (`#Name…`) compares the texts of the definition each side expands under that name, and none of the tool's
 * `$defs` pairs holds, under any name, two objects whose texts differ at a path both state. Then only the
 * operation's docs and the roots' inline docs can differ. Null when that does not hold (or an error name
 * repeats): then the full comparison, which is always exact.
 */
function changedWithoutDefinitions(a: Tool, b: Tool): ChangedDoc[] | null {
  const [ea, eb] = [errorRoots(a), errorRoots(b)];
  if (!ea || !eb) return null;
  const [da, db] = [documentedDefs(a), documentedDefs(b)];
  for (const x of da) for (const y of db) if (defDocsDiffer(x, y)) return null;
  const changed: ChangedDoc[] = [];
  if (a.documentation && b.documentation && a.documentation !== b.documentation)
    changed.push([b.name, a.documentation, b.documentation]);
  const roots = (at: string, x: JsonSchema | undefined, y: JsonSchema) => {
    if (x && x !== y) changed.push(...differing(inlineDocs(x, at), inlineDocs(y, at)));
  };
  roots(`${b.name}.input`, a.input, b.input);
  roots(`${b.name}.output`, a.output, b.output);
  for (const [name, y] of eb) roots(`${b.name}.errors.${name}`, ea.get(name), y);
  return changed;
}

/** A tool's error bodies by name; null when a name repeats. */
function errorRoots(t: Tool): Map<string, JsonSchema> | null {
  const out = new Map<string, JsonSchema>();
  for (const e of t.errors) {
    if (out.has(e.name)) return null;
    out.set(e.name, e.schema);
  }
  return out;
}

/**
 * The `$defs` objects of a tool's documents that hold a doc text: one without (a comparison's stub holds one
 * empty body) adds no path on either side.
 */
function documentedDefs(t: Tool): Set<Defs> {
  const out = new Set<Defs>();
  const add = (d: JsonSchema) => {
    const defs = d.$defs as Defs | undefined;
    if (defs && !out.has(defs) && !docless(defs)) out.add(defs);
  };
  add(t.input);
  add(t.output);
  for (const e of t.errors) add(e.schema);
  return out;
}

/** A root's inline docs (down to its `$ref`s) by path. */
function inlineDocs(root: JsonSchema, path: string): Map<string, string> {
  const items: Item[] = [];
  inlineItems(root, path, items);
  return texts(items);
}

/** Whether no definition of a `$defs` object states a doc text, once per object. */
const doclessMemo = new WeakMap<Defs, boolean>();
function docless(defs: Defs): boolean {
  let out = doclessMemo.get(defs);
  if (out === undefined) {
    out = Object.keys(defs).every((name) => {
      const d = defs[name]; // a stored snapshot may hold anything here: only an object states docs
      return !d || typeof d !== 'object' || texts(defItems(d, name)).size === 0;
    });
    doclessMemo.set(defs, out);
  }
  return out;
}

/**
 * Whether two `$defs` objects hold, under some name, two different definitions whose docs differ at a path
 * both state: once per pair of objects (a comparison's documents share one `$defs` per side).
 */
const defDocsMemo = new WeakMap<Defs, WeakMap<Defs, boolean>>();
function defDocsDiffer(dx: Defs, dy: Defs): boolean {
  const byY = innerWeak(defDocsMemo, dx);
  let out = byY.get(dy);
  if (out === undefined) {
    out = false;
    // The names both hold, read from the smaller (a stub's `$defs` holds one name, a side's thousands).
    const [kx, ky] = [Object.keys(dx), Object.keys(dy)];
    for (const name of kx.length < ky.length ? kx : ky) {
      const [x, y] = [getOwn(dx, name), getOwn(dy, name)];
      if (!x || !y || x === y || typeof x !== 'object' || typeof y !== 'object') continue;
      out = differing(texts(defItems(x, name)), texts(defItems(y, name))).length > 0;
      if (out) break;
    }
    byY.set(dy, out);
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
  const byY = innerWeak(identicalMemo, dx);
  let out = byY.get(dy);
  if (!out) {
    const s = new Set<object>();
    for (const k of Object.keys(dy)) if (getOwn(dx, k) === dy[k]) s.add(dy[k]);
    byY.set(dy, (out = s));
  }
  return out;
}
