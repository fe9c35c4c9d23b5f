import equal from 'fast-deep-equal';
import { InputError, isObj, joinPath, need, pathOf, type PathArg } from '../util/errors.js';
import { preludeShapes } from './prelude.js';
import { copyOwn, getOwn, hasOwn, setOwn } from '../util/own.js';
import { IDENTIFIER, T, type MemberRef, type ServiceModel, type Shape, type ShapeType, type Traits } from './types.js';

const KNOWN_TYPES = new Set<string>([
  'structure',
  'union',
  'list',
  'set',
  'map',
  'string',
  'enum',
  'intEnum',
  'blob',
  'boolean',
  'byte',
  'short',
  'integer',
  'long',
  'float',
  'double',
  'bigInteger',
  'bigDecimal',
  'timestamp',
  'document',
  'service',
  'operation',
  'resource',
  'apply',
]);
const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double']);

type Json = Record<string, unknown>;

function targetOf(v: unknown, file: string, path: PathArg): string {
  need(isObj(v) && typeof v.target === 'string', file, path, 'expected {"target": "<shape id>"}');
  return (v as Json).target as string;
}

function memberRef(v: unknown, file: string, path: PathArg): MemberRef {
  const target = targetOf(v, file, path);
  const traits = (v as Json).traits;
  need(traits === undefined || isObj(traits), file, () => joinPath(pathOf(path), 'traits'), 'traits must be an object');
  return { target, traits: { ...((traits as Traits) ?? {}) } };
}

/** A model loaded from another document, whose shapes may be lent to this one (see loadSmithy). */
export interface LoadedDoc {
  /** The document as parsed, its nesting checked. */
  doc: unknown;
  model: ServiceModel;
  /** What `lendable` found for the document being loaded, when the caller asked it first. */
  lent?: Map<string, Shape> | null;
}

/**
 * The shapes of `doc` whose JSON equals `like`'s, each with like's loaded shape; null when lending does not
 * apply (both documents must be self-contained). The comparison recurses no deeper than like's checked JSON.
 */
export function lendable(doc: Json, like: LoadedDoc): Map<string, Shape> | null {
  if (!(like.model.format === 'smithy' && isObj(like.doc) && selfContained(like.doc) && selfContained(doc)))
    return null;
  const raw = like.doc.shapes as Json;
  const out = new Map<string, Shape>();
  const shapes = doc.shapes as Json;
  for (const id of Object.keys(shapes)) {
    const r = shapes[id];
    const twin = getOwn(raw, id);
    const loaded = like.model.shapes.get(id);
    if (twin !== undefined && loaded && equal(twin, r)) out.set(id, loaded);
  }
  return out;
}

/**
 * A members object that is already what loading it gives (every member exactly `{target, traits}`, an enum's
 * members targeting smithy.api#Unit), taken as it is: copying every member of every structure is a large part
 * of loading a model. Null when any member needs the general path (its checks, its copies).
 */
function loadedAsIs(members: Json, isEnum: boolean): Record<string, MemberRef> | null {
  for (const k in members) {
    if (!hasOwn(members, k)) continue;
    const m = members[k];
    if (!isObj(m) || !isObj(m.traits) || typeof m.target !== 'string') return null;
    if (isEnum ? m.target !== 'smithy.api#Unit' : !IDENTIFIER.test(k)) return null;
    let n = 0;
    for (const _ in m) n++;
    if (n !== 2) return null;
  }
  return members as Record<string, MemberRef>;
}

/**
 * Whether each shape of a document loads on its own: no `apply` statements, no mixins, IDL 2.0 (1.0's upgrade
 * gives a member a default from its target). Then a shape's loaded form depends on its own JSON only.
 */
function selfContained(doc: Json): boolean {
  if (typeof doc.smithy !== 'string' || !doc.smithy.startsWith('2') || !isObj(doc.shapes)) return false;
  const shapes = doc.shapes as Json;
  for (const id in shapes) {
    const raw = shapes[id];
    if (!isObj(raw) || raw.type === 'apply' || raw.mixins !== undefined) return false;
  }
  return true;
}

/**
 * Loads a Smithy JSON AST document (IDL 1.0 or 2.0) into the common model. With `like` (the other side of a
 * comparison, already loaded), a shape whose JSON equals the other document's is not loaded again: the other
 * model's shape object is taken as it is, so the comparison recognises it by identity. Only when both documents
 * are self-contained, and never in a way that changes the loaded result (shapes are not modified after load).
 */
export function loadSmithy(doc: Json, file: string, serviceHint?: string, like?: LoadedDoc): ServiceModel {
  const version = doc.smithy;
  need(typeof version === 'string', file, '$.smithy', 'missing Smithy version string');
  const major = /^(\d+)(?:\.(\d+))?$/.exec(version as string);
  need(
    major && (major[1] === '1' || major[1] === '2'),
    file,
    '$.smithy',
    `unsupported Smithy version "${version}" (supported: 1.0, 2.0)`,
  );
  const idl = major![1] === '1' ? '1.0' : '2.0';
  need(isObj(doc.shapes), file, '$.shapes', 'missing "shapes" object');

  const shapes = preludeShapes();
  const applies: [string, Traits, string][] = [];
  const mixinRefs = new Map<string, string[]>();
  const lent = like ? (like.lent !== undefined ? like.lent : lendable(doc, like)) : null;
  // Nothing changes a self-contained document's members after this loop (no apply, mixin or IDL 1.0 upgrade).
  // Lending found this document self-contained already.
  const reuse = lent !== null || selfContained(doc);
  const rawShapes = doc.shapes as Json;
  // Keys, not entries: a pair per shape is a large part of loading a big model (the same order either way).
  for (const id of Object.keys(rawShapes)) {
    const raw = rawShapes[id];
    const loaded = lent?.get(id);
    if (loaded) {
      shapes.set(id, loaded);
      continue;
    }
    const p = joinPath('$.shapes', id);
    need(isObj(raw), file, p, 'shape must be an object');
    need(/^[A-Za-z_][\w.]*#[A-Za-z_]\w*(\$[A-Za-z_]\w*)?$/.test(id), file, p, () => `invalid shape id "${id}"`);
    const type = raw.type;
    need(
      typeof type === 'string' && KNOWN_TYPES.has(type),
      file,
      () => joinPath(p, 'type'),
      () => `unknown shape type ${JSON.stringify(type)}`,
    );
    const traits = raw.traits ?? {};
    need(isObj(traits), file, () => joinPath(p, 'traits'), 'traits must be an object');
    if (type === 'apply') {
      applies.push([id, traits as Traits, p]);
      continue;
    }
    // A self-contained document's traits objects are taken as parsed, like its members (nothing writes to them
    // after this loop), but for an @enum trait, which loading moves into members (upgradeEnumTrait).
    const own = reuse && (traits as Traits)[T.enum] === undefined;
    const shape: Shape = {
      id,
      type: type as ShapeType,
      traits: own ? (traits as Traits) : { ...(traits as Traits) },
      srcPath: p,
    };
    const asIs = reuse && isObj(raw.members) ? loadedAsIs(raw.members, type === 'enum' || type === 'intEnum') : null;
    if (asIs) shape.members = asIs;
    else if (isObj(raw.members) || type === 'structure' || type === 'union' || type === 'enum' || type === 'intEnum') {
      const members: Record<string, MemberRef> = {};
      const rawMembers = raw.members ?? {};
      need(isObj(rawMembers), file, () => joinPath(p, 'members'), 'members must be an object');
      for (const [name, m] of Object.entries(rawMembers)) {
        if (type === 'enum' || type === 'intEnum') {
          const mp = () => joinPath(p, 'members', name);
          need(isObj(m), file, mp, 'enum member must be an object');
          setOwn(members, name, { target: 'smithy.api#Unit', traits: { ...((m.traits as Traits) ?? {}) } });
        } else {
          const mp = () => joinPath(p, 'members', name);
          const bad = () => `invalid member name ${JSON.stringify(name)} (not an identifier)`;
          need(IDENTIFIER.test(name), file, mp, bad);
          setOwn(members, name, memberRef(m, file, mp));
        }
      }
      shape.members = members;
    }
    if (type === 'list' || type === 'set') shape.member = memberRef(raw.member, file, () => joinPath(p, 'member'));
    if (type === 'map') {
      shape.key = memberRef(raw.key, file, () => joinPath(p, 'key'));
      shape.value = memberRef(raw.value, file, () => joinPath(p, 'value'));
    }
    if (type === 'operation') {
      if (raw.input !== undefined) shape.input = targetOf(raw.input, file, () => joinPath(p, 'input'));
      if (raw.output !== undefined) shape.output = targetOf(raw.output, file, () => joinPath(p, 'output'));
      const errs = raw.errors ?? [];
      need(Array.isArray(errs), file, () => joinPath(p, 'errors'), 'errors must be an array');
      shape.errors = (errs as unknown[]).map((e, i) => targetOf(e, file, () => joinPath(p, 'errors', i)));
    }
    if (type === 'service' || type === 'resource') {
      const ops: string[] = [];
      for (const key of ['operations', 'collectionOperations']) {
        const list = raw[key] ?? [];
        need(Array.isArray(list), file, () => joinPath(p, key), `${key} must be an array`);
        (list as unknown[]).forEach((o, i) => ops.push(targetOf(o, file, () => joinPath(p, key, i))));
      }
      for (const key of ['create', 'put', 'read', 'update', 'delete', 'list']) {
        if (raw[key] !== undefined) ops.push(targetOf(raw[key], file, () => joinPath(p, key)));
      }
      const res = raw.resources ?? [];
      need(Array.isArray(res), file, () => joinPath(p, 'resources'), 'resources must be an array');
      (res as unknown[]).forEach((r, i) =>
        ops.push('resource:' + targetOf(r, file, () => joinPath(p, 'resources', i))),
      );
      shape.operations = ops;
      if (typeof raw.version === 'string') shape.version = raw.version;
    }
    if (Array.isArray(raw.mixins)) {
      mixinRefs.set(
        id,
        (raw.mixins as unknown[]).map((m, i) => targetOf(m, file, () => joinPath(p, 'mixins', i))),
      );
    }
    shapes.set(id, shape);
  }
  for (const [id, traits, p] of applies) {
    const target = shapes.get(id.includes('$') ? id.split('$')[0] : id);
    need(target, file, p, `"apply" targets unknown shape ${id}`);
    if (id.includes('$')) {
      const m = getOwn(target!.members, id.split('$')[1]);
      need(m, file, p, `"apply" targets unknown member ${id}`);
      Object.assign(m!.traits, traits);
    } else Object.assign(target!.traits, traits);
  }
  applyMixins(shapes, mixinRefs, file);
  upgradeEnumTrait(shapes);
  if (idl === '1.0') upgradeIdl1(shapes);
  const serviceId = pickService(shapes, file, serviceHint);
  checkTargets(shapes, serviceId, file);
  return { format: 'smithy', formatVersion: idl, file, serviceId, shapes };
}

function applyMixins(shapes: Map<string, Shape>, mixinRefs: Map<string, string[]>, file: string): void {
  const done = new Set<string>();
  const visit = (id: string, stack: Set<string>) => {
    if (done.has(id)) return;
    const shape = shapes.get(id)!;
    if (stack.has(id)) throw new InputError(file, shape.srcPath, 'mixin cycle');
    stack.add(id);
    const inherited: Record<string, MemberRef> = {};
    const traits: Traits = {};
    for (const mid of mixinRefs.get(id) ?? []) {
      const mixin = shapes.get(mid);
      if (!mixin) throw new InputError(file, joinPath(shape.srcPath, 'mixins'), `mixin target ${mid} does not exist`);
      visit(mid, stack);
      for (const [k, m] of Object.entries(mixin.members ?? {})) {
        setOwn(inherited, k, { target: m.target, traits: { ...m.traits } });
      }
      for (const [k, v] of Object.entries(mixin.traits))
        if (k !== 'smithy.api#mixin' && k !== 'smithy.api#private') traits[k] = v;
    }
    if (mixinRefs.has(id)) {
      // Local members and traits refine the mixin's (Smithy "member traits override" rule).
      const own = shape.members ?? {};
      const merged = copyOwn(inherited);
      for (const [k, m] of Object.entries(own)) {
        const base = getOwn(inherited, k);
        setOwn(merged, k, base ? { target: base.target, traits: { ...base.traits, ...m.traits } } : m);
      }
      if (shape.members || Object.keys(merged).length) shape.members = merged;
      shape.traits = { ...traits, ...shape.traits };
    }
    stack.delete(id);
    done.add(id);
  };
  for (const id of mixinRefs.keys()) visit(id, new Set());
  for (const s of shapes.values()) if (s.traits['smithy.api#mixin'] !== undefined) shapes.delete(s.id);
}

/**
 * IDL 1.0 semantics expressed as 2.0: the enum trait becomes an enum shape, sets become unique lists,
 * and members targeting unboxed numbers/booleans get the zero default 2.0 would write.
 */
/** The @enum trait (IDL 1.0, still accepted in 2.0 files) is the same contract as an enum shape. */
function upgradeEnumTrait(shapes: Map<string, Shape>): void {
  for (const s of shapes.values()) {
    if (s.type === 'string' && Array.isArray(s.traits[T.enum])) {
      s.type = 'enum';
      s.members = {};
      (s.traits[T.enum] as { value: string; name?: string }[]).forEach((e, i) => {
        setOwn(s.members!, e.name ?? `V${i}`, { target: 'smithy.api#Unit', traits: { [T.enumValue]: e.value } });
      });
      delete s.traits[T.enum];
    }
  }
}

function upgradeIdl1(shapes: Map<string, Shape>): void {
  for (const s of shapes.values()) {
    if (s.type === 'set') {
      s.type = 'list';
      s.traits[T.uniqueItems] = {};
    }
  }
  for (const s of shapes.values()) {
    if (s.type !== 'structure' || !s.members) continue;
    for (const m of Object.values(s.members)) {
      const t = shapes.get(m.target);
      if (!t || !(NUMERIC.has(t.type) || t.type === 'boolean')) continue;
      if (t.traits[T.box] !== undefined || m.traits[T.box] !== undefined || m.traits[T.required] !== undefined)
        continue;
      if (t.traits[T.default] !== undefined || m.traits[T.default] !== undefined) continue;
      m.traits[T.default] = t.type === 'boolean' ? false : 0;
    }
  }
  for (const s of shapes.values()) {
    delete s.traits[T.box];
    for (const m of Object.values(s.members ?? {})) delete m.traits[T.box];
  }
}

function pickService(shapes: Map<string, Shape>, file: string, hint?: string): string {
  const services = [...shapes.values()]
    .filter((s) => s.type === 'service')
    .map((s) => s.id)
    .sort();
  if (hint) {
    const found = services.find((s) => s === hint || s.endsWith('#' + hint));
    if (!found)
      throw new InputError(file, '$.shapes', `service ${hint} not found (have: ${services.join(', ') || 'none'})`);
    return found;
  }
  if (services.length === 0) throw new InputError(file, '$.shapes', 'no service shape in the model');
  return services[0];
}

/** Every shape reachable from the service must exist: a dangling target is a clear error, not a crash later. */
function checkTargets(shapes: Map<string, Shape>, serviceId: string, file: string): void {
  const seen = new Set<string>([serviceId]);
  const todo = [serviceId];
  // The path is built only for a missing target (this runs for every member of every model).
  const check = (target: string, s: Shape, a: string, b?: string | number) => {
    if (!shapes.has(target)) {
      const at = b === undefined ? joinPath(s.srcPath, a, 'target') : joinPath(s.srcPath, a, b, 'target');
      throw new InputError(file, at, `target ${target} does not exist`);
    }
    if (!seen.has(target)) {
      seen.add(target);
      todo.push(target);
    }
  };
  // Iterative: a chain of thousands of structures must not overflow the stack.
  while (todo.length) {
    const s = shapes.get(todo.pop()!)!;
    if (s.members && s.type !== 'enum' && s.type !== 'intEnum') {
      for (const k of Object.keys(s.members)) check(s.members[k].target, s, 'members', k);
    }
    if (s.member) check(s.member.target, s, 'member');
    if (s.key) check(s.key.target, s, 'key');
    if (s.value) check(s.value.target, s, 'value');
    if (s.input) check(s.input, s, 'input');
    if (s.output) check(s.output, s, 'output');
    s.errors?.forEach((e, i) => check(e, s, 'errors', i));
    s.operations?.forEach((o, i) => check(o.replace(/^resource:/, ''), s, 'operations', i));
  }
}

/** All operations of a service, including those bound through resources, sorted by shape id. */
export function serviceOperations(model: ServiceModel): Shape[] {
  const ops = new Map<string, Shape>();
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const s = model.shapes.get(id);
    if (!s) return;
    for (const o of s.operations ?? []) {
      if (o.startsWith('resource:')) walk(o.slice(9));
      else {
        const op = model.shapes.get(o);
        if (op && op.type === 'operation') ops.set(o, op);
      }
    }
  };
  walk(model.serviceId);
  return [...ops.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}
