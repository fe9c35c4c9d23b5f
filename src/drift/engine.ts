import { isDeepStrictEqual } from 'node:util';
import { canonicalCompact, sha256 } from '../util/canonical.js';
import type { FactChange } from '../facts/compare.js';
import type { JsonSchema, Snapshot, Tool } from '../snapshot/types.js';
import { docKey } from '../snapshot/docs.js';
import { inner } from '../util/maps.js';
import { hasOwn } from '../util/own.js';
import { resolveRef, type Resolved } from '../snapshot/refs.js';
import { unseenPaths } from './unseen.js';
import { lap, lapStart, type Laps } from '../util/laps.js';
import { PATH_SEPARATORS } from './paths.js';
import { NODE_FAMILIES, SERVICE_FAMILIES, TOOL_FAMILIES, ruleById } from './rules/registry.js';
import {
  CLASS_ORDER,
  worst,
  type Change,
  type DiffResult,
  type DriftClass,
  type NodeCtx,
  type ToolDiff,
} from './types.js';

/** Keys whose subtrees the walker descends into instead of comparing as values. */
const CHILD_KEYS = new Set([
  'properties',
  'items',
  'additionalProperties',
  'propertyNames',
  '$ref',
  '$defs',
  '$schema',
]);
const DOC_KEYS = new Set(['description', 'x-targetDescription', 'x-deprecatedInfo']);

// Most keywords hold strings and numbers: equal values short-cut the deep comparison (Object.is keeps 0 ≠ -0).
const same = (a: unknown, b: unknown) => Object.is(a, b) || isDeepStrictEqual(a, b);

/** Whether two objects have the same own keys (in any order). */
function sameNames(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!hasOwn(b, k)) return false;
  return true;
}

function makeChange(ruleId: string, path: string, message: string, detail?: unknown, facts?: FactChange[]): Change {
  const r = ruleById(ruleId);
  const c: Change = {
    rule: r.id,
    class: r.class,
    direction: r.direction,
    path,
    message,
    fingerprint: sha256(`${r.id}\u0000${path}\u0000${message}\u0000${canonicalCompact(detail ?? null)}`).slice(0, 16),
  };
  if (facts?.length) c.facts = facts;
  return c;
}

interface WalkState {
  tool: string;
  dir: 'input' | 'output';
  oldDoc: JsonSchema;
  newDoc: JsonSchema;
  protocol: string | null;
  crossFormat: boolean;
  /** Definition pairs met in this root, each with its place in `order`. */
  visited: Map<string, number>;
  order: string[];
  /** Every pair whose visited state the walk read, in order (see below). */
  tested: string[];
  changes: Emitted[];
  docPaths: string[];
  memo: SubtreeMemo;
}

function mark(st: WalkState, key: string): void {
  if (!st.visited.has(key)) (st.visited.set(key, st.order.length), st.order.push(key));
}

/**
 * What is below a definition pair met for the first time in a root (its members, items, values and keys),
 * kept for one diffSnapshots call: the same pair of definition bodies is reached from many tools. Below it,
 * the walk reads the root's state only through `tested` pairs; when none of them was met before the pair was
 * entered, the subtree's findings depend on the two bodies, the direction, the notes the members rule left
 * for the members, and the last segment of the path (the defaults rule names it), and replay where those
 * match again, relative to the path.
 */
interface Subtree extends Found {
  tested: string[];
  added: string[];
}
type SubtreeMemo = Map<object, Map<object, Map<string, Subtree>>>;
/** Keys beside a `$ref` that would change what is below the node (none in built schemas; kept safe). */
const STRUCTURAL = ['properties', 'required', 'items', 'additionalProperties', 'propertyNames'];
const plain = (r: Resolved) => !STRUCTURAL.some((k) => hasOwn(r.siblings, k));

/** A finding before it is fingerprinted: kept so a memoized document comparison can be replayed at a new path. */
interface Emitted {
  rule: string;
  path: string;
  /** The path of the node whose rules emitted it. */
  at: string;
  message: string;
  detail?: unknown;
}

function walk(
  st: WalkState,
  path: string,
  oNode: JsonSchema,
  nNode: JsonSchema,
  parentNotes?: Map<string, unknown>,
): void {
  const o = resolveRef(oNode, st.oldDoc);
  const n = resolveRef(nNode, st.newDoc);
  let oldS = o.merged;
  let newS = n.merged;
  let descend = true;
  if (o.ref && n.ref && o.ref === n.ref && o.def !== undefined && o.def === n.def) {
    // The same definition object on both sides (lent across a model comparison): nothing inside can differ, so
    // nothing below is walked. The node itself is compared as for two equal bodies: whole where the pair is met
    // first (a member restating its target's keyword, `x-sensitive` on a member of a sensitive map, is no
    // change), its own keywords where met again.
    const key = `${o.ref}|${n.ref}`;
    st.tested.push(key);
    if (st.visited.has(key)) [oldS, newS] = [o.siblings, n.siblings];
    else mark(st, key);
    descend = false;
  } else if (o.ref && n.ref) {
    // A shared definition is compared once per direction: one finding per logical change.
    const key = `${o.ref}|${n.ref}`;
    st.tested.push(key);
    if (st.visited.has(key)) {
      oldS = o.siblings;
      newS = n.siblings;
      descend = false;
    } else mark(st, key);
  }
  const diffKeys = new Set<string>();
  for (const k of Object.keys(oldS)) if (!CHILD_KEYS.has(k) && !same(oldS[k], newS[k])) diffKeys.add(k);
  for (const k of Object.keys(newS))
    if (!CHILD_KEYS.has(k) && !hasOwn(oldS, k) && !same(oldS[k], newS[k])) diffKeys.add(k);
  // A map on one side only (a structure became a map, or the reverse): both are JSON objects, and the map's values
  // are a child the walk descends into, so only this key says it (the types family reads it).
  if (hasOwn(oldS, 'additionalProperties') !== hasOwn(newS, 'additionalProperties'))
    diffKeys.add('additionalProperties');
  const oProps = (oldS.properties ?? {}) as Record<string, JsonSchema>;
  const nProps = (newS.properties ?? {}) as Record<string, JsonSchema>;
  if (descend && oProps !== nProps && !sameNames(oProps, nProps)) diffKeys.add('properties');
  for (const k of DOC_KEYS) {
    if (diffKeys.has(k)) {
      diffKeys.delete(k);
      if (k !== 'x-deprecatedInfo' && docKey(oldS[k]) !== docKey(newS[k])) st.docPaths.push(path);
    }
  }
  // Most nodes a walk meets differ in nothing of their own: no rule can fire there, so none is asked.
  let childNotes: ReadonlyMap<string, unknown> = NO_NOTES;
  if (diffKeys.size) {
    const notes = new Map<string, unknown>();
    if (!classify(st, path, oldS, newS, diffKeys, parentNotes ?? new Map(), notes)) return;
    childNotes = notes;
  }
  if (!descend) return;
  const below = () => members(st, path, oldS, newS, oProps, nProps, childNotes);
  if (o.ref && n.ref && o.def && n.def && plain(o) && plain(n)) {
    const notes = [...childNotes.keys()].sort().join(',');
    const key = `${o.ref}|${n.ref}\u0000${st.dir}\u0000${notes}`;
    subtree(st, o.def, n.def, key, `${o.ref}|${n.ref}`, path, below);
  } else below();
}

const NO_NOTES: ReadonlyMap<string, unknown> = new Map();

/**
 * The node families' findings at one node, and what no rule explains. False when a type changed (nothing below
 * is compared then). `childNotes` receives what the members family records for the members.
 */
function classify(
  st: WalkState,
  path: string,
  oldS: JsonSchema,
  newS: JsonSchema,
  diffKeys: Set<string>,
  notes: Map<string, unknown>,
  childNotes: Map<string, unknown>,
): boolean {
  const explained = new Set<string>();
  const ctx: NodeCtx = {
    dir: st.dir,
    tool: st.tool,
    path,
    old: oldS,
    new: newS,
    protocol: st.protocol,
    crossFormat: st.crossFormat,
    diffKeys,
    emit: (rule, message, p, detail) => st.changes.push({ rule, path: p ?? path, at: path, message, detail }),
    explain: (...keys) => keys.forEach((k) => explained.add(k)),
    notes,
  };
  for (const fam of NODE_FAMILIES) {
    if (notes.get('type-changed')) break;
    if (!fam.keywords.some((k) => diffKeys.has(k))) continue;
    // The members family records, per member, facts its children's rules need.
    ctx.notes = fam.name === 'members' ? childNotes : notes;
    fam.detect(ctx);
    if (childNotes.get('type-changed')) notes.set('type-changed', true);
  }
  if (childNotes.get('type-changed') || notes.get('type-changed')) return false;
  for (const k of diffKeys) {
    if (explained.has(k)) continue;
    const [was, now] = [JSON.stringify(oldS[k]), JSON.stringify(newS[k])];
    const message = `${st.dir} ${k} changed: ${was} → ${now} (no rule explains it)`;
    st.changes.push({ rule: 'unclassified', path, at: path, message });
  }
  return true;
}

function subtree(
  st: WalkState,
  defA: object,
  defB: object,
  key: string,
  entry: string,
  path: string,
  below: () => void,
): void {
  const byKey = inner(inner(st.memo, defA), defB);
  // Nodes chained to the entry (`[]`, `{}`, no `.` between) end in its last segment, which messages may name.
  const named = `${key}\u0000${path.slice(path.lastIndexOf('.') + 1)}`;
  const known = byKey.get(key) ?? byKey.get(named);
  if (known && known.tested.every((k) => k === entry || !st.visited.has(k))) {
    for (const k of known.added) mark(st, k);
    st.tested.push(...known.tested);
    replayAt(known, path, st.changes, st.docPaths);
    return;
  }
  const [t0, o0, c0, d0] = [st.tested.length, st.order.length, st.changes.length, st.docPaths.length];
  below();
  if (known) return;
  const tested = [...new Set(st.tested.slice(t0))];
  // Replayable only if every pair the walk read was first met inside it (or is the entry pair itself).
  if (!tested.every((k) => k === entry || st.visited.get(k)! >= o0)) return;
  const found = relativeTo(path, st.changes.slice(c0), st.docPaths.slice(d0));
  if (!found) return;
  const chained = found.changes.some((c) => !c.at.includes('.'));
  byKey.set(chained ? named : key, { ...found, tested, added: st.order.slice(o0) });
}

/** Below a node pair: the members both sides have (sorted), then items, values and keys. */
function members(
  st: WalkState,
  path: string,
  oldS: JsonSchema,
  newS: JsonSchema,
  oProps: Record<string, JsonSchema>,
  nProps: Record<string, JsonSchema>,
  childNotes: ReadonlyMap<string, unknown>,
): void {
  for (const name of Object.keys(nProps).sort()) {
    if (!hasOwn(oProps, name)) continue;
    const memberNotes = new Map<string, unknown>();
    if (childNotes.get(`required-removed:${name}`)) memberNotes.set('parent-required-removed', true);
    walk(st, `${path}.${name}`, oProps[name], nProps[name], memberNotes);
  }
  for (const [key, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
    ['propertyNames', '{key}'],
  ] as const) {
    const a = oldS[key];
    const b = newS[key];
    if (a && b && typeof a === 'object' && typeof b === 'object')
      walk(st, path + suffix, a as JsonSchema, b as JsonSchema);
  }
}

export interface DiffOptions {
  crossFormat?: boolean;
  /**
   * Tools known unchanged without being built (their whole shape closure is equal on both sides): they
   * count as present and CLEAN, exactly as they would if both sides had built them.
   */
  unchanged?: readonly string[];
  /** Time by phase: `rules` (the rule engine) and `unseen` (the independent differ). */
  laps?: Laps;
}

/**
 * Comparisons of documents that tools share (an error's body is one object, built once per error shape, in
 * every tool that lists it), kept for one diffSnapshots call. A comparison is a function of the two documents,
 * the direction and where it is rooted; its findings and doc paths are kept relative to the root and replayed
 * under the next tool's path. Null: a finding left the root's path, so the comparison is walked each time.
 */
type Replay = Found | null;
interface DocMemo {
  docs: Map<JsonSchema, Map<JsonSchema, Map<string, Replay>>>;
  /** Per pair of `$defs` objects: inside a definition a `$ref` names a definition of the same `$defs`. */
  subtrees: Map<object, Map<object, SubtreeMemo>>;
}
const NO_DEFS = {};

function subtreesOf(memo: DocMemo, a: JsonSchema, b: JsonSchema): SubtreeMemo {
  const [da, db] = [(a.$defs as object | undefined) ?? NO_DEFS, (b.$defs as object | undefined) ?? NO_DEFS];
  return inner(inner(memo.subtrees, da), db);
}

/** A path below (or at) a root, relative to it; null when it lies elsewhere. */
function relative(path: string, root: string): string | null {
  if (path === root) return '';
  return path.startsWith(root) && PATH_SEPARATORS.has(path[root.length]) ? path.slice(root.length) : null;
}

/** Findings and doc paths of a walk, relative to where it started (to be replayed elsewhere). */
interface Found {
  changes: Emitted[];
  docPaths: string[];
}

/** What a walk from `root` found, relative to it; null when something lies outside it (then not replayable). */
function relativeTo(root: string, changes: Emitted[], docPaths: string[]): Found | null {
  const out: Found = { changes: [], docPaths: [] };
  for (const c of changes) {
    const [path, at] = [relative(c.path, root), relative(c.at, root)];
    if (path === null || at === null) return null;
    out.changes.push({ ...c, path, at });
  }
  for (const p of docPaths) {
    const r = relative(p, root);
    if (r === null) return null;
    out.docPaths.push(r);
  }
  return out;
}

/** Relative findings and doc paths replayed below `root`. */
function replayAt(found: Found, root: string, changes: Emitted[], docPaths: string[]): void {
  for (const c of found.changes) changes.push({ ...c, path: root + c.path, at: root + c.at });
  for (const p of found.docPaths) docPaths.push(root + p);
}

/** The same text (often the same string, shared by the tools that list an error) needs no normalizing. */
const docChanged = (a: string, b: string) => a !== b && docKey(a) !== docKey(b);

function diffTool(oldT: Tool, newT: Tool, protocol: string | null, crossFormat: boolean, memo: DocMemo): Change[] {
  const emitted: Emitted[] = [];
  const docPaths: string[] = [];
  const walkRoot = (path: string, a: JsonSchema, b: JsonSchema, st: WalkState) => {
    const { $defs: _a, $schema: _s, ...ra } = a;
    const { $defs: _b, $schema: _t, ...rb } = b;
    walk(st, path, ra, rb);
  };
  const run = (dir: 'input' | 'output', path: string, a: JsonSchema, b: JsonSchema, shared?: string) => {
    const state = (changes: Emitted[], paths: string[]): WalkState => ({
      tool: newT.name,
      dir,
      oldDoc: a,
      newDoc: b,
      protocol,
      crossFormat,
      visited: new Map(),
      order: [],
      tested: [],
      changes,
      docPaths: paths,
      memo: subtreesOf(memo, a, b),
    });
    if (shared === undefined) return walkRoot(path, a, b, state(emitted, docPaths));
    const byKey = inner(inner(memo.docs, a), b);
    const key = `${dir}\u0000${shared}`;
    let r = byKey.get(key);
    if (r === undefined) {
      const st = state([], []);
      walkRoot(path, a, b, st);
      byKey.set(key, (r = relativeTo(path, st.changes, st.docPaths)));
      if (!r) return (emitted.push(...st.changes), docPaths.push(...st.docPaths));
    } else if (r === null) return walkRoot(path, a, b, state(emitted, docPaths));
    replayAt(r, path, emitted, docPaths);
  };
  run('input', `${newT.name}.input`, oldT.input, newT.input);
  run('output', `${newT.name}.output`, oldT.output, newT.output);
  const oErr = new Map(oldT.errors.map((e) => [e.name, e]));
  for (const e of newT.errors) {
    const prev = oErr.get(e.name);
    // Error bodies are read by consumers, like responses.
    if (prev) run('output', `${newT.name}.errors.${e.name}`, prev.schema, e.schema, `errors.${e.name}`);
    if (prev && docChanged(prev.documentation, e.documentation)) docPaths.push(`${newT.name}.errors.${e.name}`);
  }
  const changes = emitted.map((c) => makeChange(c.rule, c.path, c.message, c.detail));
  const emit = (ruleId: string, message: string, path?: string, detail?: unknown, facts?: FactChange[]) =>
    changes.push(makeChange(ruleId, path ?? newT.name, message, detail, facts));
  for (const fam of TOOL_FAMILIES) fam.detect({ tool: newT.name, old: oldT, new: newT, crossFormat, emit });
  // Docs are compared across formats too: Smithy and botocore carry the same text (a same-day pair is CLEAN),
  // and dropping them would hide a botocore model months ahead of api-models-aws.
  if (docChanged(oldT.documentation, newT.documentation)) docPaths.unshift(`${newT.name}`);
  const places = [...new Set(docPaths)];
  if (places.length) {
    const shown = places.slice(0, 5).join(', ') + (places.length > 5 ? `, … (${places.length - 5} more)` : '');
    changes.push(
      makeChange(
        'tool.doc.changed',
        `${newT.name}.documentation`,
        `documentation changed in ${places.length} place(s): ${shown}`,
        places,
      ),
    );
  }
  return changes.sort((a, b) =>
    a.path === b.path ? (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) : a.path < b.path ? -1 : 1,
  );
}

/** `4 tools CLEAN:3 BREAKING:1 residual 0%`; a service-level change (protocol, auth, endpoints, docs) shows too. */
export function summaryLine(
  toolCount: number,
  counts: Partial<Record<DriftClass, number>>,
  residual: number,
  serviceClass: DriftClass = 'CLEAN',
): string {
  const parts = CLASS_ORDER.filter((c) => counts[c]).map((c) => `${c}:${counts[c]}`);
  const svc = serviceClass !== 'CLEAN' ? ` service:${serviceClass}` : '';
  const classes = parts.length ? ` ${parts.join(' ')}` : ''; // a model with no operations: `0 tools residual 0%`
  return `${toolCount} tools${classes}${svc} residual ${Math.round(residual * 100)}%`;
}

/** Compares two snapshots: every change of the contract, classified, per tool and for the service. */
export function diffSnapshots(oldS: Snapshot, newS: Snapshot, opts: DiffOptions = {}): DiffResult {
  const t0 = lapStart(opts.laps);
  const crossFormat = opts.crossFormat ?? oldS.source.format !== newS.source.format;
  const protocol = newS.service.protocol;
  const serviceChanges: Change[] = [];
  const emit = (ruleId: string, message: string, path?: string, detail?: unknown) =>
    serviceChanges.push(makeChange(ruleId, path ?? 'service', message, detail));
  for (const fam of SERVICE_FAMILIES) fam.detect({ old: oldS.service, new: newS.service, crossFormat, emit });

  const oldTools = new Map(oldS.tools.map((t) => [t.name, t]));
  const newTools = new Map(newS.tools.map((t) => [t.name, t]));
  const unchanged = new Set(opts.unchanged ?? []);
  const names = [...new Set([...oldTools.keys(), ...newTools.keys(), ...unchanged])].sort();
  const memo: DocMemo = { docs: new Map(), subtrees: new Map() };
  const tools: ToolDiff[] = names.map((name) => {
    if (unchanged.has(name)) return { name, status: 'present', class: 'CLEAN', changes: [] };
    const a = oldTools.get(name);
    const b = newTools.get(name);
    let changes: Change[];
    let status: ToolDiff['status'] = 'present';
    if (!a) {
      status = 'added';
      changes = [makeChange('tool.tool.added', name, `tool ${name} added`)];
    } else if (!b) {
      status = 'removed';
      changes = [makeChange('tool.tool.removed', name, `tool ${name} removed`)];
    } else if (
      a.fingerprint &&
      a.fingerprint === b.fingerprint &&
      a.docFingerprint === b.docFingerprint &&
      !crossFormat
    ) {
      changes = []; // same contract and same docs: nothing to walk
    } else changes = diffTool(a, b, protocol, crossFormat, memo);
    return { name, status, class: worst(changes.map((c) => c.class)), changes };
  });
  const counts: Partial<Record<DriftClass, number>> = {};
  for (const t of tools) counts[t.class] = (counts[t.class] ?? 0) + 1;
  const all = [...serviceChanges, ...tools.flatMap((t) => t.changes)];
  const unexplained = all.filter((c) => c.class === 'UNCLASSIFIED').length;
  const residual = all.length ? Math.round((unexplained / all.length) * 10000) / 10000 : 0;
  const serviceClass = worst(serviceChanges.map((c) => c.class));
  const t1 = lap(opts.laps, 'rules', t0);
  const unseen = unseenPaths(oldS, newS, all, crossFormat);
  lap(opts.laps, 'unseen', t1);
  const line =
    summaryLine(tools.length, counts, residual, serviceClass) + (unseen.length ? ` unseen ${unseen.length}` : '');
  return {
    service: { class: serviceClass, changes: serviceChanges },
    tools,
    summary: { tools: tools.length, counts, residual, unseen: unseen.length, line },
    unseen,
  };
}
