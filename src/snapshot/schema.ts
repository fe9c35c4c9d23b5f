import {
  QUERY_FAMILY,
  shortName,
  T,
  type MemberRef,
  type ServiceModel,
  type Shape,
  type Traits,
} from '../model/types.js';
import { sortKeys } from '../util/canonical.js';
import { hasOwn, setOwn } from '../util/own.js';
import { normDoc } from './docs.js';
import type { JsonSchema } from './types.js';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const AGGREGATE = new Set(['structure', 'union', 'list', 'map']);
const INT_TYPES: Record<string, string> = {
  byte: 'byte',
  short: 'short',
  integer: 'integer',
  long: 'long',
  bigInteger: 'bigInteger',
};
const NUM_TYPES: Record<string, string> = { float: 'float', double: 'double', bigDecimal: 'bigDecimal' };

/** Definition bodies handed from one side of a comparison to the other (see diffModels). */
export interface SchemaShare {
  bodies?: Map<string, { body: JsonSchema; deps: string[] }>;
  /** Shape ids whose closure is equal on both sides. */
  clean?: ReadonlySet<string>;
  /** Tools are compared, not stored: leave their fingerprints empty (the differs then walk every tool). */
  noFingerprints?: boolean;
  /**
   * Tools are compared, not stored: every document of the model holds the same `$defs` object (all definitions
   * built so far) instead of a copy of its own closure. Only where no two aggregates share a short name, so
   * a name means one shape in every document.
   */
  oneDefs?: boolean;
  /**
   * Tools are compared, not stored (with `oneDefs`): a document rooted at a shape of `clean` (its closure is
   * equal on both sides) is a stub, one object for both sides, which the differs pass by identity and find nothing
   * in — as in the two equal documents it stands for. The first side creates it, the second reuses it.
   */
  stubs?: Map<string, JsonSchema>;
  /**
   * Roots never made stubs: a place rooted at one shape on this side and at another (or none) on the other side
   * compares the two bodies, which a stub (an empty body) would hide.
   */
  unstubbed?: ReadonlySet<string>;
}

/**
 * Builds one JSON Schema 2020-12 document rooted at a shape. Aggregates become $defs (so
 * reuse and recursion are $refs); scalars are inlined with every constraint.
 */
export class SchemaBuilder {
  private defs: Record<string, JsonSchema> = {};
  private defName = new Map<string, string>();
  /** Definition bodies shared by every document of this model (with their direct dependencies). */
  private readonly bodies = new Map<string, { body: JsonSchema; deps: string[] }>();
  private readonly collecting: string[][] = [];
  private readonly shareable: boolean;
  private readonly oneDefs: boolean;
  private readonly stubs?: {
    clean: ReadonlySet<string>;
    docs: Map<string, JsonSchema>;
    unstubbed: ReadonlySet<string>;
  };
  private readonly timestampDefault: string;

  constructor(
    private readonly model: ServiceModel,
    protocols: string[],
    share?: SchemaShare,
  ) {
    // A timestamp without a format follows its protocol's default: ISO 8601 on query/XML protocols, epoch
    // seconds on JSON and CBOR. A service that adds JSON/CBOR beside query keeps the query default, so its
    // schemas do not flip; unknown protocol names change nothing.
    this.timestampDefault = protocols.some((p) => QUERY_FAMILY.has(p))
      ? 'date-time'
      : protocols.some((p) => /Json|Cbor/.test(p))
        ? 'epoch-seconds'
        : 'date-time';
    // Bodies hold $refs by short name: share them only when no two aggregates share a short name.
    const seen = new Set<string>();
    let clash = false;
    for (const sh of model.shapes.values()) {
      if (!AGGREGATE.has(sh.type)) continue;
      const n = shortName(sh.id);
      if (seen.has(n)) clash = true;
      seen.add(n);
    }
    this.shareable = !clash;
    this.oneDefs = !clash && !!share?.oneDefs;
    if (this.oneDefs && share?.stubs && share.clean)
      this.stubs = { clean: share.clean, docs: share.stubs, unstubbed: share.unstubbed ?? new Set() };
    if (share) {
      // The other side of a comparison lends the bodies of shapes whose whole closure is equal on both
      // sides: the same objects, so the differs can tell an untouched definition by identity.
      if (share.bodies && this.shareable) {
        for (const [id, b] of share.bodies) if (share.clean?.has(id)) this.bodies.set(id, b);
      }
      share.bodies = this.shareable ? this.bodies : undefined;
    }
  }

  private shape(id: string): Shape {
    const s = this.model.shapes.get(id);
    if (!s) throw new Error(`internal: unknown shape ${id}`);
    return s;
  }

  document(rootId: string | undefined): JsonSchema {
    const st = this.stubs;
    if (rootId && st?.clean.has(rootId) && !st.unstubbed.has(rootId) && AGGREGATE.has(this.shape(rootId).type)) {
      let stub = st.docs.get(rootId);
      if (!stub) {
        const name = shortName(rootId);
        stub = { $schema: SCHEMA_DIALECT, $ref: `#/$defs/${name}`, $defs: { [name]: {} } };
        st.docs.set(rootId, stub);
      }
      return stub;
    }
    if (!this.oneDefs) {
      this.defs = {};
      this.defName = new Map();
    }
    const root = !rootId || rootId === 'smithy.api#Unit' ? { type: 'object', properties: {} } : this.ref(rootId);
    const doc: JsonSchema = { $schema: SCHEMA_DIALECT, ...root };
    // A root that is a $ref has a non-empty closure; one that is not reaches no aggregate.
    if (this.oneDefs ? typeof root.$ref === 'string' : Object.keys(this.defs).length) doc.$defs = this.defs;
    return doc;
  }

  private ref(id: string): JsonSchema {
    const s = this.shape(id);
    if (!AGGREGATE.has(s.type)) {
      // Scalars are inlined into every member that targets them: built once per shape, copied by the member.
      let sc = this.scalars.get(id);
      if (!sc) this.scalars.set(id, (sc = this.scalar(s)));
      return sc;
    }
    this.collecting.at(-1)?.push(id);
    let name = this.defName.get(id);
    if (!name) {
      name = shortName(id);
      let n = 2;
      while (hasOwn(this.defs, name)) name = `${shortName(id)}_${n++}`;
      this.defName.set(id, name);
      const cached = this.shareable ? this.bodies.get(id) : undefined;
      if (cached) {
        setOwn(this.defs, name, cached.body);
        // Shareable means no short-name clashes, so every definition of the closure keeps its short name.
        for (const cid of this.closureOf(id)) {
          if (this.defName.has(cid)) continue;
          this.defName.set(cid, shortName(cid));
          setOwn(this.defs, shortName(cid), this.bodies.get(cid)!.body);
        }
      } else {
        setOwn(this.defs, name, {}); // placeholder first: recursion ends at the $ref
        this.collecting.push([]);
        const body = this.aggregate(s);
        const deps = this.collecting.pop()!;
        setOwn(this.defs, name, body);
        if (this.shareable) this.bodies.set(id, { body, deps: [...new Set(deps)] });
      }
    }
    return { $ref: `#/$defs/${name}` };
  }

  private readonly closures = new Map<string, string[]>();
  /** Inline schemas of scalar shapes; callers copy them (member(), document()) and never modify them. */
  private readonly scalars = new Map<string, JsonSchema>();

  /** Every definition reachable from a cached one (itself first), computed once per model. */
  private closureOf(id: string): string[] {
    let c = this.closures.get(id);
    if (!c) {
      const seen = new Set<string>();
      const walk = (x: string) => {
        if (seen.has(x)) return;
        seen.add(x);
        for (const d of this.bodies.get(x)?.deps ?? []) walk(d);
      };
      walk(id);
      c = [...seen];
      this.closures.set(id, c);
    }
    return c;
  }

  private sorted(members: Record<string, MemberRef> | undefined): [string, MemberRef][] {
    return Object.entries(members ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private aggregate(s: Shape): JsonSchema {
    const out: JsonSchema = {};
    if (s.type === 'structure' || s.type === 'union') {
      out.type = 'object';
      const props: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [name, m] of this.sorted(s.members)) {
        setOwn(props, name, this.member(m));
        if (m.traits[T.required] !== undefined && s.type === 'structure') required.push(name);
      }
      out.properties = props;
      if (required.length) out.required = required;
      if (s.type === 'union') {
        out['x-union'] = true;
        out.minProperties = 1;
        out.maxProperties = 1;
      }
    } else if (s.type === 'list') {
      out.type = 'array';
      out.items = this.member(s.member!);
      if (s.traits[T.uniqueItems] !== undefined) out.uniqueItems = true;
      if (s.traits[T.sparse] !== undefined) out['x-sparse'] = true;
    } else if (s.type === 'map') {
      out.type = 'object';
      out.propertyNames = this.member(s.key!);
      out.additionalProperties = this.member(s.value!);
      if (s.traits[T.sparse] !== undefined) out['x-sparse'] = true;
    }
    this.constraints(s.type, s.traits, out);
    this.annotations(s.traits, out);
    return out;
  }

  private member(m: MemberRef): JsonSchema {
    const target = this.shape(m.target);
    const base = this.ref(m.target);
    const out: JsonSchema = { ...base };
    // Member-level traits refine the target's (Smithy allows constraints on members too).
    if (AGGREGATE.has(target.type)) this.constraints(target.type, m.traits, out);
    else {
      this.constraints(target.type, m.traits, out);
      if (target.type === 'timestamp' && m.traits[T.timestampFormat])
        Object.assign(out, this.timestamp(String(m.traits[T.timestampFormat])));
    }
    // A member's own documentation must not hide its target's: an edit to a shared type's docs is a DOC
    // change of every tool that reaches it. (Aggregates keep theirs in $defs; scalars are inlined here.)
    const targetDoc = out.description;
    this.annotations(m.traits, out);
    if (typeof targetDoc === 'string' && out.description !== targetDoc) out['x-targetDescription'] = targetDoc;
    // A shape-level default (e.g. prelude PrimitiveInteger) applies to members that target it.
    const def = m.traits[T.default] !== undefined ? m.traits[T.default] : target.traits[T.default];
    if (def !== undefined && def !== null) out.default = typeof def === 'object' ? sortKeys(def) : def;
    if (m.traits[T.addedDefault] !== undefined) out['x-addedDefault'] = true;
    if (m.traits[T.clientOptional] !== undefined) out['x-clientOptional'] = true;
    if (m.traits[T.idempotencyToken] !== undefined) out['x-idempotencyToken'] = true;
    if (typeof m.traits[T.jsonName] === 'string') out['x-jsonName'] = m.traits[T.jsonName];
    // XML and query wire names (restXml, awsQuery, ec2Query read them; see the wire-names rules).
    if (typeof m.traits[T.xmlName] === 'string') out['x-xmlName'] = m.traits[T.xmlName];
    if (m.traits[T.xmlFlattened] !== undefined) out['x-xmlFlattened'] = true;
    if (m.traits[T.xmlAttribute] !== undefined) out['x-xmlAttribute'] = true;
    if (typeof m.traits[T.ec2QueryName] === 'string') out['x-ec2QueryName'] = m.traits[T.ec2QueryName];
    const http = httpBinding(m.traits);
    if (http) out['x-http'] = http;
    return out;
  }

  private annotations(traits: Traits, out: JsonSchema): void {
    const doc = normDoc(traits[T.documentation]);
    if (doc) out.description = doc;
    if (traits[T.deprecated] !== undefined) {
      out.deprecated = true;
      const d = traits[T.deprecated] as Record<string, unknown>;
      if (d && (d.message || d.since)) out['x-deprecatedInfo'] = { message: d.message ?? null, since: d.since ?? null };
    }
    if (traits[T.sensitive] !== undefined) out['x-sensitive'] = true;
    if (traits[T.streaming] !== undefined) out['x-streaming'] = true;
  }

  private constraints(type: string, traits: Traits, out: JsonSchema): void {
    const len = traits[T.length] as { min?: number; max?: number } | undefined;
    if (len) {
      const [lo, hi] =
        type === 'list'
          ? ['minItems', 'maxItems']
          : type === 'map'
            ? ['minProperties', 'maxProperties']
            : type === 'blob'
              ? ['x-minBytes', 'x-maxBytes']
              : ['minLength', 'maxLength'];
      if (typeof len.min === 'number') out[lo] = len.min;
      if (typeof len.max === 'number') out[hi] = len.max;
    }
    const range = traits[T.range] as { min?: number | string; max?: number | string } | undefined;
    if (range) {
      if (range.min !== undefined) out.minimum = Number(range.min);
      if (range.max !== undefined) out.maximum = Number(range.max);
    }
    if (typeof traits[T.pattern] === 'string') out.pattern = traits[T.pattern];
  }

  private timestamp(format: string): JsonSchema {
    if (format === 'date-time') return { type: 'string', format: 'date-time', 'x-timestampFormat': 'date-time' };
    if (format === 'http-date') return { type: 'string', 'x-timestampFormat': 'http-date' };
    return { type: 'number', 'x-timestampFormat': 'epoch-seconds' };
  }

  private scalar(s: Shape): JsonSchema {
    const out: JsonSchema = {};
    switch (s.type) {
      case 'string':
        out.type = 'string';
        if (typeof s.traits[T.mediaType] === 'string') out.contentMediaType = s.traits[T.mediaType];
        break;
      case 'enum':
        out.type = 'string';
        out.enum = Object.values(s.members ?? {})
          .map((m) => String(m.traits[T.enumValue] ?? ''))
          .sort();
        break;
      case 'intEnum':
        out.type = 'integer';
        out.enum = Object.values(s.members ?? {})
          .map((m) => Number(m.traits[T.enumValue]))
          .sort((a, b) => a - b);
        break;
      case 'blob':
        out.type = 'string';
        out.contentEncoding = 'base64';
        break;
      case 'boolean':
        out.type = 'boolean';
        break;
      case 'timestamp': {
        const fmt = s.traits[T.timestampFormat];
        Object.assign(out, this.timestamp(typeof fmt === 'string' ? fmt : this.timestampDefault));
        break;
      }
      case 'document':
        out['x-document'] = true;
        break;
      default:
        if (INT_TYPES[s.type]) {
          out.type = 'integer';
          out['x-smithyType'] = INT_TYPES[s.type];
        } else if (NUM_TYPES[s.type]) {
          out.type = 'number';
          out['x-smithyType'] = NUM_TYPES[s.type];
        } else throw new Error(`internal: cannot map shape type ${s.type} of ${s.id}`);
    }
    this.constraints(s.type, s.traits, out);
    this.annotations(s.traits, out);
    return out;
  }
}

function httpBinding(traits: Traits): string | null {
  if (typeof traits['smithy.api#httpHeader'] === 'string') return `header:${traits['smithy.api#httpHeader']}`;
  if (typeof traits['smithy.api#httpQuery'] === 'string') return `query:${traits['smithy.api#httpQuery']}`;
  if (traits['smithy.api#httpLabel'] !== undefined) return 'label';
  if (traits['smithy.api#httpPayload'] !== undefined) return 'payload';
  if (traits['smithy.api#httpResponseCode'] !== undefined) return 'status';
  if (typeof traits['smithy.api#httpPrefixHeaders'] === 'string')
    return `prefix-headers:${traits['smithy.api#httpPrefixHeaders']}`;
  return null;
}
