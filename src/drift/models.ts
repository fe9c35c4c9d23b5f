import equal from 'fast-deep-equal';
import { serviceOperations } from '../model/smithy.js';
import { shortName, T, type ServiceModel, type Shape } from '../model/types.js';
import { buildTools, serviceInfo } from '../snapshot/normalize.js';
import type { SchemaShare } from '../snapshot/schema.js';
import type { Snapshot, Tool } from '../snapshot/types.js';
import { diffSnapshots } from './engine.js';
import type { DiffResult } from './types.js';
import { lap, lapStart, type Laps } from '../util/laps.js';

/** The targets a shape refers to (members, list/map parts, operation input/output/errors). */
function targets(s: Shape): string[] {
  const out: string[] = [];
  if (s.members && s.type !== 'enum' && s.type !== 'intEnum') {
    for (const k of Object.keys(s.members)) out.push(s.members[k].target);
  }
  for (const m of [s.member, s.key, s.value]) if (m) out.push(m.target);
  if (s.input) out.push(s.input);
  if (s.output) out.push(s.output);
  if (s.errors) out.push(...s.errors);
  return out;
}

/** What the service shape lends every tool: protocols (timestamp defaults), shared errors, paging, error codes. */
function toolContext(m: ServiceModel): unknown {
  const svc = m.shapes.get(m.serviceId)!;
  const tr = svc.traits;
  return {
    protocols: serviceInfo(m).protocol,
    errors: svc.errors ?? [],
    paginated: tr[T.paginated] ?? null,
    queryCompatible: tr[T.awsQueryCompatible] !== undefined,
  };
}

/**
 * The names of tools whose contract may differ: an operation is unchanged when every shape of its closure
 * (the operation, its input, output, errors and everything they reach) is equal on both sides, compared on
 * the loaded shapes. A shape that differs marks every shape that reaches it (reverse reachability, so
 * recursion needs no special case). Returns null when the tool context differs (then every tool is built).
 */
export interface ToolPlan {
  changed: Set<string>;
  unchanged: string[];
  /** Shapes reached from the tools whose whole closure is equal on both sides. */
  clean: Set<string>;
  /**
   * Roots of a tool's document (input, output, an error by name) on one side whose counterpart on the other side
   * is another shape or none: their documents are compared body against body, so they are never stubs.
   */
  retargeted: Set<string>;
}

/** The shape ids a tool's documents are rooted at, by place (`input`, `output`, `error:Name`). */
function roots(op: Shape, svcErrors: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>([
    ['input', op.input ? [op.input] : []],
    ['output', op.output ? [op.output] : []],
  ]);
  for (const e of [...(op.errors ?? []), ...svcErrors]) {
    const place = `error:${shortName(e)}`;
    const ids = out.get(place) ?? [];
    if (!ids.includes(e)) out.set(place, [...ids, e]);
  }
  return out;
}

/**
 * Every root whose place, in a tool both sides have, is rooted elsewhere (or nowhere) on the other side. A place
 * holding two error shapes of one short name has no single root either: all of them are listed.
 */
function retargetedRoots(
  a: ServiceModel,
  b: ServiceModel,
  opsA: Map<string, string>,
  opsB: Map<string, string>,
  changed: Set<string>,
) {
  const out = new Set<string>();
  const [errA, errB] = [a, b].map((m) => m.shapes.get(m.serviceId)!.errors ?? []);
  // Only changed tools: an unchanged tool's operation shape, and so each of its roots, is equal on both sides.
  for (const name of changed) {
    const [ia, ib] = [opsA.get(name), opsB.get(name)];
    if (ia === undefined) continue;
    const [sa, sb] = [a.shapes.get(ia), ib === undefined ? undefined : b.shapes.get(ib)];
    if (!sa || !sb) continue;
    const [ra, rb] = [roots(sa, errA), roots(sb, errB)];
    for (const [place, x] of ra) {
      const y = rb.get(place);
      if (!y) continue; // an error only one side lists: its body is compared with nothing
      if (x.length === y.length && x.length <= 1 && x[0] === y[0]) continue;
      for (const id of [...x, ...y]) out.add(id);
    }
  }
  return out;
}

export function changedTools(a: ServiceModel, b: ServiceModel): ToolPlan | null {
  if (!equal(toolContext(a), toolContext(b))) return null;
  const parents = new Map<string, string[]>();
  const dirty = new Set<string>();
  const seen = new Set<string>();
  const todo: string[] = [];
  const opsA = new Map(serviceOperations(a).map((o) => [shortName(o.id), o.id]));
  const opsB = new Map(serviceOperations(b).map((o) => [shortName(o.id), o.id]));
  const svcErrors = a.shapes.get(a.serviceId)!.errors ?? [];
  for (const id of [...opsA.values(), ...opsB.values(), ...svcErrors]) if (!seen.has(id)) (seen.add(id), todo.push(id));
  while (todo.length) {
    const id = todo.pop()!;
    const x = a.shapes.get(id);
    const y = b.shapes.get(id);
    if (!x || !y || !equal(x, y)) dirty.add(id);
    // Edges of both sides: a target only one side has is reached (and found dirty) from that side.
    const kids = x && y && !dirty.has(id) ? targets(x) : [...(x ? targets(x) : []), ...(y ? targets(y) : [])];
    for (const k of kids) {
      let p = parents.get(k);
      if (!p) parents.set(k, (p = []));
      p.push(id);
      if (!seen.has(k)) (seen.add(k), todo.push(k));
    }
  }
  const stack = [...dirty];
  while (stack.length) {
    for (const p of parents.get(stack.pop()!) ?? []) if (!dirty.has(p)) (dirty.add(p), stack.push(p));
  }
  const errorsDirty = svcErrors.some((e) => dirty.has(e));
  const changed = new Set<string>();
  const unchanged: string[] = [];
  for (const name of new Set([...opsA.keys(), ...opsB.keys()])) {
    const ia = opsA.get(name);
    const ib = opsB.get(name);
    if (ia === undefined || ib === undefined || ia !== ib || errorsDirty || dirty.has(ia)) changed.add(name);
    else unchanged.push(name);
  }
  const clean = new Set([...seen].filter((id) => !dirty.has(id)));
  return { changed, unchanged, clean, retargeted: retargetedRoots(a, b, opsA, opsB, changed) };
}

function partial(m: ServiceModel, tools: Tool[]): Snapshot {
  return {
    specwatchSnapshot: 1,
    pack: '',
    service: serviceInfo(m),
    tools,
    fingerprint: '',
    source: {
      kind: 'file',
      location: m.file,
      format: m.format,
      formatVersion: m.formatVersion,
      sha256: '',
      etag: null,
      lastModified: null,
      fetchedAt: null,
    },
  };
}

/**
 * Classifies two loaded models without building what did not change: the same result as normalizing both
 * and calling diffSnapshots, but schemas, fingerprints and docs are built only for tools whose closure
 * differs. Models of different formats (compared across formats) take the full path.
 */
export function diffModels(a: ServiceModel, b: ServiceModel, laps?: Laps): DiffResult {
  const t0 = lapStart(laps);
  const plan = a.format === b.format ? changedTools(a, b) : null;
  const t1 = lap(laps, 'plan', t0);
  if (!plan) {
    const [sa, sb] = [partial(a, buildTools(a)), partial(b, buildTools(b))];
    lap(laps, 'schemas', t1);
    return diffSnapshots(sa, sb, { laps });
  }
  // `clean` lends the second side the first side's bodies, and marks the documents both sides share as stubs.
  const share: SchemaShare = {
    noFingerprints: true,
    oneDefs: true,
    stubs: new Map(),
    clean: plan.clean,
    unstubbed: plan.retargeted,
  };
  const toolsA = buildTools(a, plan.changed, share);
  const toolsB = buildTools(b, plan.changed, share);
  lap(laps, 'schemas', t1);
  return diffSnapshots(partial(a, toolsA), partial(b, toolsB), { unchanged: plan.unchanged, laps });
}
