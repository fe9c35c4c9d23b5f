import { docKey } from '../snapshot/docs.js';
import type { JsonSchema, ServiceInfo, Snapshot, Tool } from '../snapshot/types.js';
import { canonicalCompact } from '../util/canonical.js';
import { getOwn, hasOwn } from '../util/own.js';
import { effectivePattern, stripAnchors } from './rules/patterns.js';
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
  'x-http',
  'x-sensitive',
  'deprecated',
];
const ZERO_FLOORS = new Set(['minLength', 'minItems', 'minProperties', 'x-minBytes']);
/** Facts one format does not state (pagination in a separate botocore file, defaults, implicit statuses). */
const CROSS_FORMAT_SILENT = new Set(['default']);

/** A path's facts, and its canonical key: where it sits inside a shared definition, if it does. */
const UNSTATED = '(unstated)';
type Flat = Map<string, { facts: string; canon: string }>;

function resolve(node: JsonSchema, doc: JsonSchema): { s: JsonSchema; ref: string | null; def?: JsonSchema } {
  const ref = typeof node.$ref === 'string' ? node.$ref.replace('#/$defs/', '') : null;
  if (!ref) return { s: node, ref: null };
  const { $ref: _r, ...rest } = node;
  const def = getOwn(doc.$defs as Record<string, JsonSchema> | undefined, ref);
  return { s: { ...(def ?? {}), ...rest }, ref, def };
}

/**
 * Paths where both sides reach the very same definition object (lent across a model comparison, see
 * diffModels): everything below them is equal, so the flattening does not descend there. Only an
 * optimisation: a path it misses is walked in full.
 */
function identicalPaths(
  a: JsonSchema,
  b: JsonSchema,
  docA: JsonSchema,
  docB: JsonSchema,
  path: string,
  out: Set<string>,
  seen: Set<string>,
): void {
  const ra = resolve(a, docA);
  const rb = resolve(b, docB);
  if (ra.def !== undefined && ra.def === rb.def) {
    out.add(path);
    return;
  }
  if (ra.ref || rb.ref) {
    const key = `${ra.ref}|${rb.ref}`;
    if (seen.has(key)) return;
    seen.add(key);
  }
  const pa = (ra.s.properties ?? {}) as Record<string, JsonSchema>;
  const pb = (rb.s.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of Object.keys(pa)) {
    if (hasOwn(pb, name)) identicalPaths(pa[name], pb[name], docA, docB, `${path}.${name}`, out, seen);
  }
  for (const [k, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
    ['propertyNames', '{key}'],
  ] as const) {
    const x = ra.s[k];
    const y = rb.s[k];
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      identicalPaths(x as JsonSchema, y as JsonSchema, docA, docB, path + suffix, out, seen);
    }
  }
}

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

function walk(
  out: Flat,
  doc: JsonSchema,
  node: JsonSchema,
  path: string,
  canon: string,
  required: boolean,
  cross: boolean,
  stack: string[],
  visited: Set<string>,
  skip?: Set<string>,
): void {
  const { s: merged, ref, def } = resolve(node, doc);
  // Inside a shared definition, a path is known by the definition: the rules report a change of a shared
  // definition once, at the first place it is reached.
  const key = ref ? `#${ref}` : canon;
  if (ref && stack.includes(ref)) return; // recursion: the cycle was walked once
  // So a shared definition is walked once per root, at its first place; later places keep only their
  // member-level facts (this also keeps the walk linear in the schema, not in its expansion).
  const again = ref !== null && visited.has(ref);
  if (ref) visited.add(ref);
  const s = again ? (({ $ref: _r, ...siblings }) => siblings)(node) : merged;
  const facts: Record<string, unknown> = { required };
  for (const k of FACTS) {
    const v = s[k];
    if (v === undefined || (ZERO_FLOORS.has(k) && v === 0) || (cross && CROSS_FORMAT_SILENT.has(k))) continue;
    facts[k] = v;
  }
  const p = effectivePattern(s);
  if (p !== null) facts.pattern = cross ? stripAnchors(p) : p; // anchors across formats: as the patterns rule
  if (Array.isArray(s.enum)) facts.enum = [...(s.enum as unknown[])].map(String).sort();
  out.set(path, { facts: JSON.stringify(facts), canon: `${key}|${required}` });
  const docs = ['description', 'x-targetDescription'].filter((k) => typeof s[k] === 'string').map((k) => docKey(s[k]));
  if (docs.length) out.set(`${path}#doc`, { facts: docs.join('\n'), canon: `${key}#doc` });
  if (again) return;
  if (skip?.has(path) && def) {
    // Identical on both sides below here: mark what the full walk would have visited, and stop.
    for (const n of reachable(def, doc)) visited.add(n);
    return;
  }
  const next = ref ? [...stack, ref] : stack;
  const req = new Set((s.required ?? []) as string[]);
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of Object.keys(props).sort()) {
    walk(out, doc, props[name], `${path}.${name}`, `${key}.${name}`, req.has(name), cross, next, visited, skip);
  }
  for (const [k, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
    ['propertyNames', '{key}'],
  ] as const) {
    const child = s[k];
    if (child && typeof child === 'object') {
      walk(out, doc, child as JsonSchema, path + suffix, key + suffix, false, cross, next, visited, skip);
    }
  }
}

type Skips = Map<string, Set<string>>;

/** Per root document of a tool pair, the paths below which both sides are the same objects. */
function skipsOf(x: Tool, y: Tool): Skips {
  const out: Skips = new Map();
  const add = (root: string, a: JsonSchema, b: JsonSchema) => {
    const set = new Set<string>();
    identicalPaths(a, b, a, b, root, set, new Set());
    out.set(root, set);
  };
  add(`${y.name}.input`, x.input, y.input);
  add(`${y.name}.output`, x.output, y.output);
  const errs = new Map(x.errors.map((e) => [e.name, e]));
  for (const e of y.errors) {
    const p = errs.get(e.name);
    if (p) add(`${y.name}.errors.${e.name}`, p.schema, e.schema);
  }
  return out;
}

function flattenTool(t: Tool, cross: boolean, skips?: Skips): Flat {
  const out: Flat = new Map();
  const set = (path: string, facts: unknown) => {
    out.set(path, { facts: typeof facts === 'string' ? facts : canonicalCompact(facts), canon: path });
  };
  set(`${t.name}.traits`, {
    idempotent: t.traits.idempotent,
    readonly: t.traits.readonly,
    deprecated: !!t.traits.deprecated,
    ...(cross ? {} : { paginated: t.traits.paginated }),
  });
  set(`${t.name}#doc`, docKey(t.documentation));
  const inp = `${t.name}.input`;
  const outp = `${t.name}.output`;
  walk(out, t.input, t.input, inp, inp, true, cross, [], new Set(), skips?.get(inp));
  walk(out, t.output, t.output, outp, outp, true, cross, [], new Set(), skips?.get(outp));
  for (const e of t.errors) {
    const implicit = e.httpStatusImplicit || (cross && e.httpStatus === (e.fault === 'server' ? 500 : 400));
    const at = `${t.name}.errors.${e.name}`;
    walk(out, e.schema, e.schema, at, at, true, cross, [], new Set(), skips?.get(at));
    set(`${at}#error`, { code: e.code ?? e.name });
    set(`${at}#fault`, e.faultImplicit ? UNSTATED : e.fault);
    set(`${at}#status`, implicit ? UNSTATED : String(e.httpStatus));
  }
  return out;
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

/** Every proper prefix of a path at a separator: `A.b[]{}#doc` → `A`, `A.b`, `A.b[]`, `A.b[]{}`. */
function prefixes(path: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < path.length; i++) if ('.[{#'.includes(path[i])) out.push(path.slice(0, i));
  return out;
}

/**
 * Which changed paths findings cover: a finding covers its own path, everything inside it and every path
 * it is inside; a tool's documentation finding (`Tool.documentation`) covers every doc path of the tool.
 * Indexed, so the check is linear in the paths (a big model has thousands of both).
 */
function coverage(findings: string[]): (p: string) => boolean {
  const at = new Set(findings);
  const around = new Set(findings.flatMap(prefixes));
  const suffix = '.documentation';
  const docTools = new Set(findings.filter((f) => f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length)));
  return (p) =>
    at.has(p) ||
    around.has(p) ||
    prefixes(p).some((x) => at.has(x)) ||
    (p.includes('#doc') && docTools.has(p.split(/[.#[{]/)[0]));
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
  for (const name of new Set([...ta.keys(), ...tb.keys()])) {
    const x = ta.get(name);
    const y = tb.get(name);
    if (!x || !y) {
      changed.push(name); // a tool added or removed
      continue;
    }
    if (x.fingerprint && x.fingerprint === y.fingerprint && x.docFingerprint === y.docFingerprint && !crossFormat)
      continue;
    const skips = skipsOf(x, y);
    diffFlat(flattenTool(x, crossFormat, skips), flattenTool(y, crossFormat, skips), changed, canon);
  }
  diffFlat(a, b, changed, canon);
  const covered = coverage(changes.map((c) => c.path));
  const seen = new Set(changed.filter(covered));
  const seenCanon = new Set([...seen].map((p) => canon.get(p)));
  // A change inside a shared definition is covered where the rules reported it, once.
  return changed.filter((p) => !seen.has(p) && !seenCanon.has(canon.get(p))).sort();
}
