import { isDeepStrictEqual } from 'node:util';
import { docKey } from '../snapshot/docs.js';
import type { JsonSchema, ServiceInfo, Snapshot, Tool, ToolError } from '../snapshot/types.js';
import { canonicalCompact } from '../util/canonical.js';
import { inner } from '../util/maps.js';
import { getOwn, hasOwn } from '../util/own.js';
import { effectivePattern, stripAnchors } from './rules/patterns.js';
import { PATH_SEPARATORS } from './paths.js';
import type { Change } from './types.js';

/**
 * A deliberately simple, independent wire-level differ. It flattens each tool into paths (request,
 * response and error members; presence, required, type, bounds, pattern, enum values, wire names,
 * error codes, faults and statuses; tool traits; all docs) and the service into a few facts, and lists
 * every path whose facts differ. It shares nothing with the rule engine but the path spelling, so a
 * path it sees changed that no finding covers is a change the rules did not look at: `unseen`.
 */
const FACTS = [
  'type',
  'x-smithyType',
  'format',
  'x-timestampFormat',
  'contentEncoding',
  'contentMediaType',
  'x-document',
  'x-union',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'x-minBytes',
  'x-maxBytes',
  'uniqueItems',
  'x-sparse',
  'x-streaming',
  'default',
  'x-idempotencyToken',
  'x-jsonName',
  'x-xmlName',
  'x-xmlFlattened',
  'x-xmlAttribute',
  'x-ec2QueryName',
  'x-http',
  'x-sensitive',
  'deprecated',
];
const ZERO_FLOORS = new Set(['minLength', 'minItems', 'minProperties', 'x-minBytes']);
/** Facts one format does not state (pagination in a separate botocore file, defaults, implicit statuses). */
const CROSS_FORMAT_SILENT = new Set(['default']);

const UNSTATED = '(unstated)';
/** A path's facts, and its canonical key: where it sits inside a shared definition, if it does. */
type Flat = Map<string, { facts: string; canon: string }>;

/** A node's own keywords beside its `$ref`. */
const siblings = ({ $ref: _r, ...rest }: JsonSchema): JsonSchema => rest;

/** Every definition name reachable from a definition body (itself excluded), memoized per body. */
const reachMemo = new WeakMap<object, string[]>();
function reachable(def: JsonSchema, doc: JsonSchema): string[] {
  let r = reachMemo.get(def);
  if (r) return r;
  const names = new Set<string>();
  const todo: unknown[] = [def];
  while (todo.length) {
    const n = todo.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      todo.push(...n);
      continue;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = v.replace('#/$defs/', '');
        if (!names.has(name)) {
          names.add(name);
          const d = getOwn(doc.$defs as Record<string, JsonSchema> | undefined, name);
          if (d) todo.push(d);
        }
      } else if (v && typeof v === 'object') todo.push(v);
    }
  }
  r = [...names];
  reachMemo.set(def, r);
  return r;
}

/** One side's state in the walk of a root (one object for the whole root). */
interface Side {
  doc: JsonSchema;
  /** The definitions on the current path (entered, not yet left): the recursion stack. */
  onPath: Set<string>;
  /** Definitions visited in this root, each with its place in `order`. */
  visited: Map<string, number>;
  order: string[];
  /** Every definition name whose state (visited, on the stack) the walk read, in order: see Subtree. */
  tested: string[];
  memo: SubtreeMemo;
}

function mark(side: Side, ref: string): void {
  if (!side.visited.has(ref)) (side.visited.set(ref, side.order.length), side.order.push(ref));
}

/** What one side states at a path of a paired walk: its facts, canonical keys and where its walk goes on. */
interface At {
  node: JsonSchema;
  view: View;
  /** A definition met again in this root: its own (member-level) keywords only. */
  again: boolean;
  /** The node to descend into, or null (a definition met again, or one identical on both sides). */
  into: JsonSchema | null;
  key: string;
  ref: string | null;
  required: boolean;
}

/** What a node states (facts and docs), computed once per node object: definition bodies repeat across tools. */
interface Stated {
  facts: string;
  doc: string | undefined;
}
interface View {
  def: JsonSchema | undefined;
  ref: string | null;
  /** The node with its definition's keywords beneath its own ($ref resolved). */
  s: JsonSchema;
  full?: Stated;
  /** Its own keywords only, for a definition met again. */
  own?: Stated;
}
const VIEWS = [new WeakMap<JsonSchema, View>(), new WeakMap<JsonSchema, View>()];

function viewOf(node: JsonSchema, doc: JsonSchema, cross: boolean): View {
  const ref = typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : null;
  const def = ref === null ? undefined : getOwn(doc.$defs as Record<string, JsonSchema> | undefined, ref);
  const memo = VIEWS[cross ? 1 : 0];
  let v = memo.get(node);
  if (v && v.def === def && v.ref === ref) return v;
  v = { def, ref, s: ref === null ? node : { ...(def ?? {}), ...siblings(node) } };
  memo.set(node, v);
  return v;
}

function stated(s: JsonSchema, cross: boolean): Stated {
  const facts: Record<string, unknown> = {};
  for (const k of FACTS) {
    const v = s[k];
    if (v === undefined || (ZERO_FLOORS.has(k) && v === 0) || (cross && CROSS_FORMAT_SILENT.has(k))) continue;
    facts[k] = v;
  }
  const p = effectivePattern(s);
  if (p !== null) facts.pattern = cross ? stripAnchors(p) : p; // anchors across formats: as the patterns rule
  if (Array.isArray(s.enum)) facts.enum = [...(s.enum as unknown[])].map(String).sort();
  const d = typeof s.description === 'string' ? docKey(s.description) : undefined;
  const t = typeof s['x-targetDescription'] === 'string' ? docKey(s['x-targetDescription']) : undefined;
  return { facts: JSON.stringify(facts), doc: d !== undefined && t !== undefined ? `${d}\n${t}` : (d ?? t) };
}

/**
 * One side's view of a node, exactly as a solo flattening of the side would record it: a definition on the
 * current path (recursion) or met again in this root records its member-level facts only and stops; one
 * identical on both sides (`twin`) marks what a full walk would visit, and stops. Where one side meets a
 * definition first and the other again, pairWalk lets both descend.
 */
function visit(
  side: Side,
  node: JsonSchema,
  view: View,
  canon: string,
  required: boolean,
  cross: boolean,
  twin: JsonSchema | undefined,
): At | null {
  const { ref, def } = view;
  // Inside a shared definition, a path is known by the definition: the rules report a change of a shared
  // definition once, at the first place it is reached.
  const key = ref ? `#${ref}` : canon;
  if (ref) side.tested.push(ref);
  // Recursion: the cycle was walked once; the member that closes it still states its own facts (as a repeat).
  if (ref && side.onPath.has(ref)) return { node, view, again: true, into: null, key, ref, required };
  // So a shared definition is walked once per root, at its first place; later places keep only their
  // member-level facts (this also keeps the walk linear in the schema, not in its expansion).
  const again = ref !== null && side.visited.has(ref);
  if (ref) mark(side, ref);
  let into: JsonSchema | null = again ? null : view.s;
  if (into && def && def === twin) {
    // Identical on both sides below here: mark what the full walk would have visited, and stop.
    for (const n of reachable(def, side.doc)) mark(side, n);
    into = null;
  }
  return { node, view, again, into, key, ref, required };
}

/**
 * What a visited node states; read only where the two sides may differ (see pairWalk). A definition met again
 * states its own keywords only, unless the other side meets it here for the first time (`full`): a definition
 * whose first place moved (a new member reaches it earlier) is then compared body with body, not body with
 * nothing, which would report an unchanged place.
 */
function statedAt(at: At, cross: boolean, full = !at.again): Stated {
  const v = at.view;
  return full ? (v.full ??= stated(v.s, cross)) : (v.own ??= stated(siblings(at.node), cross));
}

/**
 * Two nodes that state the same: the same keywords with equal values, resolving to the same definition
 * object (or none), met in the same way. Then their facts and docs are equal without computing them.
 */
function sameNode(x: At, y: At): boolean {
  if (x.again !== y.again || x.required !== y.required || x.view.def !== y.view.def) return false;
  const a = x.node;
  const b = y.node;
  if (a === b) return true;
  // A root's `$defs` and `$schema` state nothing of its own (its definitions are compared where they are met).
  let n = 0;
  for (const k of Object.keys(a)) {
    if (k === '$defs' || k === '$schema') continue;
    n++;
    if (!hasOwn(b, k) || !(Object.is(a[k], b[k]) || isDeepStrictEqual(a[k], b[k]))) return false;
  }
  for (const k of Object.keys(b)) if (k !== '$defs' && k !== '$schema') n--;
  return n === 0;
}

/** A changed path: recorded with the new side's canonical key when it has one. */
function differ(a: string | undefined, b: string | undefined, path: string, canon: () => string, out: Changed): void {
  if (a !== b && a !== UNSTATED && b !== UNSTATED) out.push([path, canon()]);
}
/** Changed paths with their canonical keys, in walk order (a path is met once: roots have their own prefix). */
type Changed = [path: string, canon: string][];

const NONE: Readonly<Record<string, JsonSchema>> = Object.freeze({});
const SORTED = new WeakMap<object, string[]>();
const REQUIRED = new WeakMap<object, Set<string>>();
const NO_NAMES: ReadonlySet<string> = new Set();

/** An object's keys, sorted, once per object (definition bodies repeat across tools). */
function sortedKeys(o: object): string[] {
  let k = SORTED.get(o);
  if (!k) SORTED.set(o, (k = Object.keys(o).sort()));
  return k;
}

function requiredOf(s: JsonSchema | null): ReadonlySet<string> {
  const r = s?.required;
  if (!Array.isArray(r)) return NO_NAMES;
  let set = REQUIRED.get(r);
  if (!set) REQUIRED.set(r, (set = new Set(r as string[])));
  return set;
}

/** Two sorted name lists merged, sorted, without repeats (the order `[...new Set(a, b)].sort()` gives). */
function union(a: string[], b: string[]): string[] {
  if (a === b || !b.length) return a;
  if (!a.length) return b;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else (out.push(a[i++]), j++);
  }
  return out;
}

const CHILDREN = [
  ['items', '[]'],
  ['additionalProperties', '{}'],
  ['propertyNames', '{key}'],
] as const;

/**
 * Both sides of one root walked together: the changed paths (and their canonical keys) a flattening of each
 * side followed by a comparison of every path would find, without building either flattening. Each side's
 * state (definitions visited, the recursion stack) moves exactly as in its own walk: its children are taken
 * in the same order (sorted member names, then items, values, keys), the other side's only interleaved.
 */
function pairWalk(
  a: Side | null,
  b: Side | null,
  na: JsonSchema | undefined,
  nb: JsonSchema | undefined,
  path: string,
  canonA: string,
  canonB: string,
  reqA: boolean,
  reqB: boolean,
  cross: boolean,
  out: Changed,
): void {
  // Both sides reach the very same definition object (lent across a model comparison, see diffModels):
  // nothing below can differ.
  const va = a && na ? viewOf(na, a.doc, cross) : null;
  const vb = b && nb ? viewOf(nb, b.doc, cross) : null;
  const x = va ? visit(a!, na!, va, canonA, reqA, cross, vb?.def) : null;
  const y = vb ? visit(b!, nb!, vb, canonB, reqB, cross, va?.def) : null;
  if (!x && !y) return;
  if (x && y && x.again !== y.again) {
    // One side meets the definition here first, the other again (its first place moved: a new or retargeted member
    // reaches it earlier). Both descend, so the two bodies are compared here, as two full expansions would be.
    const [first, again] = x.again ? [y, x] : [x, y];
    if (first.into) again.into = again.view.s;
  }
  if (!x || !y || !sameNode(x, y)) {
    const full = x && y ? !x.again || !y.again : undefined; // a one-sided node: as its side meets it
    const sx = x && statedAt(x, cross, full);
    const sy = y && statedAt(y, cross, full);
    // `required` leads the facts: the same path compares equal only with the same requiredness.
    const facts = (z: At | null, st: Stated | null) => z && (z.required ? 'R' : 'O') + st!.facts;
    differ(
      facts(x, sx) ?? undefined,
      facts(y, sy) ?? undefined,
      path,
      () => `${(y ?? x)!.key}|${(y ?? x)!.required}`,
      out,
    );
    differ(sx?.doc, sy?.doc, `${path}#doc`, () => `${(sy?.doc !== undefined ? y : x)!.key}#doc`, out);
  }
  const sa = x?.into ?? null;
  const sb = y?.into ?? null;
  if (!sa && !sb) return;
  const sideA = sa ? a : null;
  const sideB = sb ? b : null;
  // Entered: on the path until its children are done.
  // A side that descends into a definition already on its path (the mixed case above, at a member closing a cycle)
  // leaves the path as it found it: only what this call entered is removed after it.
  const enterA = !!(sideA && x!.ref && !sideA.onPath.has(x!.ref));
  const enterB = !!(sideB && y!.ref && !sideB.onPath.has(y!.ref));
  if (enterA) sideA!.onPath.add(x!.ref!);
  if (enterB) sideB!.onPath.add(y!.ref!);
  const walk = () => children(sideA, sideB, sa, sb, x, y, path, cross, out);
  if (sideA && sideB && x!.ref && y!.ref && va!.def && vb!.def && plain(na!) && plain(nb!)) {
    subtree(sideA, sideB, [x!.ref, y!.ref], va!.def, vb!.def, `${x!.ref}\u0000${y!.ref}`, path, out, walk);
  } else walk();
  if (enterA) sideA!.onPath.delete(x!.ref!);
  if (enterB) sideB!.onPath.delete(y!.ref!);
}

/** Keys beside a `$ref` that would change what is below the node (none in built schemas; kept safe). */
const STRUCTURAL = ['properties', 'required', 'items', 'additionalProperties', 'propertyNames'];
const plain = (n: JsonSchema) => !STRUCTURAL.some((k) => hasOwn(n, k));

/**
 * What is below a definition met for the first time in a root, kept for one unseenPaths call: the same pair
 * of definition bodies is reached from many tools. Below it, the walk reads each side's state only through
 * `tested` names; when none of them was visited before the definition was entered, the subtree is a function
 * of the two bodies alone, and replays (its changed paths relative to where it is met, the names it visited)
 * wherever that holds again. Canonical keys below a definition start with its `#Name`: they do not move.
 */
interface Subtree {
  changed: Changed;
  tested: [string[], string[]];
  added: [string[], string[]];
}
type SubtreeMemo = Map<object, Map<object, Map<string, Subtree>>>;
/** Per pair of `$defs` objects: inside a definition a `$ref` names a definition of the same `$defs`. */
type Subtrees = Map<object, Map<object, SubtreeMemo>>;
const NO_DEFS = {};

function subtreesOf(all: Subtrees, a: JsonSchema | undefined, b: JsonSchema | undefined): SubtreeMemo {
  const [da, db] = [(a?.$defs as object | undefined) ?? NO_DEFS, (b?.$defs as object | undefined) ?? NO_DEFS];
  return inner(inner(all, da), db);
}

function subtree(
  a: Side,
  b: Side,
  entry: [string, string],
  defA: object,
  defB: object,
  names: string,
  path: string,
  out: Changed,
  walk: () => void,
): void {
  const byNames = inner(inner(a.memo, defA), defB);
  const sides = [a, b];
  const known = byNames.get(names);
  if (known && sides.every((s, i) => known.tested[i].every((r) => r === entry[i] || !s.visited.has(r)))) {
    sides.forEach((s, i) => {
      for (const r of known.added[i]) mark(s, r);
      s.tested.push(...known.tested[i]);
    });
    for (const [p, c] of known.changed) out.push([path + p, c]);
    return;
  }
  const t0 = sides.map((s) => s.tested.length);
  const o0 = sides.map((s) => s.order.length);
  const c0 = out.length;
  walk();
  if (known) return;
  const tested = sides.map((s, i) => [...new Set(s.tested.slice(t0[i]))]);
  // Replayable only if every name the walk read was first visited inside it (or is the definition itself).
  const own = sides.every((s, i) => tested[i].every((r) => r === entry[i] || s.visited.get(r)! >= o0[i]));
  if (!own) return;
  byNames.set(names, {
    changed: out.slice(c0).map(([p, c]) => [p.slice(path.length), c]),
    tested: tested as [string[], string[]],
    added: sides.map((s, i) => s.order.slice(o0[i])) as [string[], string[]],
  });
}

/** The children of a node pair (sorted member names, then items, values, keys), walked on both sides. */
function children(
  sideA: Side | null,
  sideB: Side | null,
  sa: JsonSchema | null,
  sb: JsonSchema | null,
  x: At | null,
  y: At | null,
  path: string,
  cross: boolean,
  out: Changed,
): void {
  const pa = (sa?.properties ?? NONE) as Record<string, JsonSchema>;
  const pb = (sb?.properties ?? NONE) as Record<string, JsonSchema>;
  const ra = requiredOf(sa);
  const rb = requiredOf(sb);
  const names = union(sortedKeys(pa), sortedKeys(pb));
  for (const name of names) {
    pairWalk(
      sideA,
      sideB,
      getOwn(pa, name),
      getOwn(pb, name),
      `${path}.${name}`,
      `${x?.key}.${name}`,
      `${y?.key}.${name}`,
      ra.has(name),
      rb.has(name),
      cross,
      out,
    );
  }
  for (const [k, suffix] of CHILDREN) {
    const ca = sa?.[k];
    const cb = sb?.[k];
    if (ca === undefined && cb === undefined) continue; // most nodes have none of these: nothing to walk
    pairWalk(
      sideA,
      sideB,
      ca && typeof ca === 'object' ? (ca as JsonSchema) : undefined,
      cb && typeof cb === 'object' ? (cb as JsonSchema) : undefined,
      path + suffix,
      `${x?.key}${suffix}`,
      `${y?.key}${suffix}`,
      false,
      false,
      cross,
      out,
    );
  }
}

/**
 * A tool's facts outside its documents, on both sides: traits, docs, and each error's code, fault and status,
 * each compared as diffFlat compares two flattenings (a fact one side leaves unstated is no change). Paths are
 * built only for what differs: most tools list many errors that differ in nothing.
 */
function diffToolFacts(x: Tool, y: Tool, cross: boolean, changed: string[], canon: Map<string, string>): void {
  const differ = (path: () => string, a: string | undefined, b: string | undefined) => {
    if (a === b || a === UNSTATED || b === UNSTATED) return;
    const p = path();
    changed.push(p);
    canon.set(p, p);
  };
  differ(() => `${y.name}.traits`, traitFacts(x, cross), traitFacts(y, cross));
  differ(() => `${y.name}#doc`, docKey(x.documentation), docKey(y.documentation));
  // By name, the last of a repeated name counting (as in a map of paths).
  const byName = (t: Tool) => new Map(t.errors.map((e) => [e.name, e]));
  const [ex, ey] = [byName(x), byName(y)];
  const errors = (name: string, a: ToolError | undefined, b: ToolError | undefined) => {
    const [fa, fb] = [a && errorFacts(a, cross), b && errorFacts(b, cross)];
    ERROR_SUFFIXES.forEach((suffix, i) => differ(() => `${y.name}.errors.${name}${suffix}`, fa?.[i], fb?.[i]));
  };
  for (const [name, a] of ex) errors(name, a, ey.get(name));
  for (const [name, b] of ey) if (!ex.has(name)) errors(name, undefined, b);
}
const ERROR_SUFFIXES = ['#error', '#fault', '#status'];

function traitFacts(t: Tool, cross: boolean): string {
  return canonicalCompact({
    idempotent: t.traits.idempotent,
    readonly: t.traits.readonly,
    deprecated: !!t.traits.deprecated,
    ...(cross ? {} : { paginated: t.traits.paginated }),
  });
}

/** An error's code, fault and status facts, once per error object (one object in every tool that lists it). */
const ERROR_FACTS = [new WeakMap<ToolError, string[]>(), new WeakMap<ToolError, string[]>()];
function errorFacts(e: ToolError, cross: boolean): string[] {
  const memo = ERROR_FACTS[cross ? 1 : 0];
  let f = memo.get(e);
  if (!f) {
    const implicit = e.httpStatusImplicit || (cross && e.httpStatus === (e.fault === 'server' ? 500 : 400));
    f = [
      canonicalCompact({ code: e.code ?? e.name }),
      e.faultImplicit ? UNSTATED : e.fault,
      implicit ? UNSTATED : String(e.httpStatus),
    ];
    memo.set(e, f);
  }
  return f;
}

/**
 * Roots that tools share (an error's body is one object in every tool that lists it), kept for one unseenPaths
 * call: a root's changed paths are a function of its two documents, kept relative to the root and replayed
 * under the next tool's path. Canonical keys inside a definition (`#Name…`) do not depend on the root.
 */
type RootMemo = Map<object, Map<object, Changed>>;
const ABSENT = {};

/** The changed paths of a tool's documents (input, output, every error body), each root walked on both sides. */
function diffDocuments(x: Tool, y: Tool, cross: boolean, out: Changed, memo: RootMemo, subtrees: Subtrees): void {
  const root = (at: string, a: JsonSchema | undefined, b: JsonSchema | undefined, into: Changed = out) => {
    const m = subtreesOf(subtrees, a, b);
    const side = (doc: JsonSchema): Side => ({
      doc,
      onPath: new Set(),
      visited: new Map(),
      order: [],
      tested: [],
      memo: m,
    });
    const sa = a ? side(a) : null;
    const sb = b ? side(b) : null;
    pairWalk(sa, sb, a, b, at, at, at, true, true, cross, into);
  };
  root(`${y.name}.input`, x.input, y.input);
  root(`${y.name}.output`, x.output, y.output);
  const errs = new Map<string, [JsonSchema | undefined, JsonSchema | undefined]>();
  for (const e of x.errors) errs.set(e.name, [e.schema, undefined]);
  for (const e of y.errors) errs.set(e.name, [errs.get(e.name)?.[0], e.schema]);
  for (const [name, [a, b]] of errs) {
    const at = `${y.name}.errors.${name}`;
    const byB = inner(memo, a ?? ABSENT);
    let found = byB.get(b ?? ABSENT);
    if (!found) {
      const mine: Changed = [];
      root(at, a, b, mine);
      // Every path starts with the root; a canonical key with it or with a definition's `#Name`.
      const rel = (p: string) => (p.startsWith(at) ? p.slice(at.length) : null);
      found = mine.map(([p, c]) => [rel(p)!, c.startsWith('#') ? c : `\u0000${rel(c)}`]);
      byB.set(b ?? ABSENT, found);
    }
    for (const [p, c] of found) out.push([at + p, c.startsWith('\u0000') ? at + c.slice(1) : c]);
  }
}

function flattenService(s: ServiceInfo): Flat {
  const protocols = (s.protocol ?? '').split(',').filter(Boolean).sort();
  const facts: [string, string][] = [
    ['service.protocol', JSON.stringify(protocols)],
    ['service.version', String(s.version)],
    ['service.sigv4Name', String(s.sigv4Name)],
    ['service.documentation', docKey(s.documentation)],
  ];
  if (s.endpointPrefix) facts.push(['service.endpointPrefix', s.endpointPrefix]);
  return new Map(facts.map(([p, f]) => [p, { facts: f, canon: p }]));
}

/** Whether a proper prefix of a path, cut at a separator (`A.b[]{}#doc` → `A`, `A.b`, `A.b[]`, …), is in a set. */
function somePrefixIn(path: string, set: ReadonlySet<string>): boolean {
  for (let i = 1; i < path.length; i++) if (PATH_SEPARATORS.has(path[i]) && set.has(path.slice(0, i))) return true;
  return false;
}

/**
 * Which changed paths findings cover: a finding covers its own path, everything inside it and every path
 * it is inside; a tool's documentation finding (`Tool.documentation`) covers every doc path of the tool.
 * Indexed, so the check is linear in the paths (a big model has thousands of both).
 */
function coverage(findings: string[]): (p: string) => boolean {
  const at = new Set(findings);
  const around = new Set<string>();
  for (const f of at) for (let i = 1; i < f.length; i++) if (PATH_SEPARATORS.has(f[i])) around.add(f.slice(0, i));
  const suffix = '.documentation';
  const docTools = new Set(findings.filter((f) => f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length)));
  return (p) =>
    at.has(p) || around.has(p) || somePrefixIn(p, at) || (p.includes('#doc') && docTools.has(p.split(/[.#[{]/)[0]));
}

function diffFlat(x: Flat, y: Flat, changed: string[], canon: Map<string, string>): void {
  for (const p of new Set([...x.keys(), ...y.keys()])) {
    if (x.get(p)?.facts === y.get(p)?.facts) continue;
    // A fact one side does not state (older models lack the endpoint prefix; most JSON models the error
    // statuses) is no change.
    if (p.startsWith('service.') && (!x.has(p) || !y.has(p))) continue;
    if (x.get(p)?.facts === UNSTATED || y.get(p)?.facts === UNSTATED) continue;
    changed.push(p);
    canon.set(p, (y.get(p) ?? x.get(p))!.canon);
  }
}

/** The changed paths the simple differ sees that no finding covers. */
export function unseenPaths(oldS: Snapshot, newS: Snapshot, changes: Change[], crossFormat: boolean): string[] {
  const a: Flat = flattenService(oldS.service);
  const b: Flat = flattenService(newS.service);
  const byName = (s: Snapshot) => new Map(s.tools.map((t) => [t.name, t]));
  const [ta, tb] = [byName(oldS), byName(newS)];
  const changed: string[] = [];
  const canon = new Map<string, string>();
  const memo: RootMemo = new Map();
  const subtrees: Subtrees = new Map();
  for (const name of new Set([...ta.keys(), ...tb.keys()])) {
    const x = ta.get(name);
    const y = tb.get(name);
    if (!x || !y) {
      changed.push(name); // a tool added or removed
      continue;
    }
    if (x.fingerprint && x.fingerprint === y.fingerprint && x.docFingerprint === y.docFingerprint && !crossFormat)
      continue;
    diffToolFacts(x, y, crossFormat, changed, canon);
    const docs: Changed = [];
    diffDocuments(x, y, crossFormat, docs, memo, subtrees);
    for (const [p, c] of docs) (changed.push(p), canon.set(p, c));
  }
  diffFlat(a, b, changed, canon);
  // A tool named `service` has paths that start like the service's own facts: each kind is covered only by
  // findings of its kind (a tool's documentation finding `service.documentation` is not the service's).
  const serviceFacts = new Set([...a.keys(), ...b.keys()]);
  const ofService = coverage(changes.filter((c) => c.direction === 'service').map((c) => c.path));
  const ofTools = coverage(changes.filter((c) => c.direction !== 'service').map((c) => c.path));
  const covered = (p: string) => (serviceFacts.has(p) ? ofService(p) : ofTools(p));
  const seen = new Set(changed.filter(covered));
  const seenCanon = new Set([...seen].map((p) => canon.get(p)));
  // A change inside a shared definition is covered where the rules reported it, once.
  return changed.filter((p) => !seen.has(p) && !seenCanon.has(canon.get(p))).sort();
}
