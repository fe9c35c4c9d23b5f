import { serviceOperations } from '../model/smithy.js';
import { PROTOCOL_TRAITS, QUERY_FAMILY, shortName, T, type ServiceModel, type Shape } from '../model/types.js';
import { hashValue, sha256, sortKeys } from '../util/canonical.js';
import { normDoc } from './docs.js';
import { resetHasher, toolDocFingerprint, toolFingerprint } from './fingerprint.js';
import { SchemaBuilder, type SchemaShare } from './schema.js';
import type { ServiceInfo, Snapshot, SnapshotSource, Tool, ToolError } from './types.js';

export interface NormalizeOptions {
  pack: string;
  bytes: Uint8Array | string;
  location: string;
  kind?: SnapshotSource['kind'];
  etag?: string | null;
  lastModified?: string | null;
  fetchedAt?: string | null;
}

const infoMemo = new WeakMap<ServiceModel, ServiceInfo>();
/** Endpoint rule sets by object: the second side of a comparison holds the first side's (its shape lent). */
const rulesHashMemo = new WeakMap<object, string>();
function rulesHash(rules: unknown): string {
  if (!rules || typeof rules !== 'object') return hashValue(rules);
  let h = rulesHashMemo.get(rules);
  if (h === undefined) rulesHashMemo.set(rules, (h = hashValue(rules)));
  return h;
}

/** The service-level facts of a model (memoized: the endpoint rules hash is not free). */
export function serviceInfo(model: ServiceModel): ServiceInfo {
  let info = infoMemo.get(model);
  if (!info) infoMemo.set(model, (info = readServiceInfo(model)));
  return info;
}

function readServiceInfo(model: ServiceModel): ServiceInfo {
  const svc = model.shapes.get(model.serviceId)!;
  const tr = svc.traits;
  const protocols = Object.keys(tr)
    .filter((k) => PROTOCOL_TRAITS[k])
    .map((k) => PROTOCOL_TRAITS[k])
    .sort();
  const aws = (tr[T.awsService] ?? {}) as Record<string, unknown>;
  const sig = tr[T.sigv4] as { name?: string } | undefined;
  return {
    shapeId: model.format === 'smithy' ? svc.id : shortName(svc.id),
    name: shortName(svc.id),
    sdkId: typeof aws.sdkId === 'string' ? aws.sdkId : null,
    title: typeof tr[T.title] === 'string' ? (tr[T.title] as string) : null,
    version: svc.version || null,
    protocol: protocols.length ? protocols.join(',') : null,
    sigv4Name: sig?.name ?? null,
    endpointPrefix: typeof aws.endpointPrefix === 'string' ? aws.endpointPrefix : null,
    endpointRulesHash: tr[T.endpointRuleSet] ? rulesHash(tr[T.endpointRuleSet]) : null,
    documentation: normDoc(tr[T.documentation]),
  };
}

/**
 * Whether errors are identified on the wire by their awsQuery code: query services, and JSON/CBOR services
 * marked awsQueryCompatible (they send the query code in x-amzn-query-error so query-era clients keep matching).
 */
function usesQueryCodes(svc: Shape): boolean {
  return (
    svc.traits[T.awsQueryCompatible] !== undefined ||
    Object.keys(svc.traits).some((k) => QUERY_FAMILY.has(PROTOCOL_TRAITS[k]) && PROTOCOL_TRAITS[k] !== 'restXml')
  );
}

function errorInfo(builder: SchemaBuilder, shape: Shape, queryCodes: boolean): ToolError {
  const fault = shape.traits[T.error] === 'server' ? 'server' : 'client';
  const http = shape.traits[T.httpError];
  const name = shortName(shape.id);
  const q = shape.traits[T.awsQueryError] as { code?: unknown } | undefined;
  const code = queryCodes && typeof q?.code === 'string' ? q.code : name;
  const e: ToolError = {
    name,
    fault,
    httpStatus: typeof http === 'number' ? http : fault === 'server' ? 500 : 400,
    documentation: normDoc(shape.traits[T.documentation]),
    schema: builder.document(shape.id),
  };
  // The wire code is written only where it is not the shape name (snapshots of other services are unchanged).
  if (code !== name) e.code = code;
  if (typeof http !== 'number') e.httpStatusImplicit = true;
  if (shape.faultUnstated) e.faultImplicit = true;
  return e;
}

/** The tools of a model; with `only`, just the tools of those names (the rest are never built). */
export function buildTools(model: ServiceModel, only?: ReadonlySet<string>, share?: SchemaShare): Tool[] {
  // A comparison's second side keeps the first side's hashes: shared definitions are hashed once.
  if (!share?.bodies) resetHasher();
  const svc = model.shapes.get(model.serviceId)!;
  const info = serviceInfo(model);
  const builder = new SchemaBuilder(model, info.protocol ? info.protocol.split(',') : [], share);
  const queryCodes = usesQueryCodes(svc);
  const svcErrors = (svc.errors ?? []).map((e) => model.shapes.get(e)!).filter(Boolean);
  const svcPaginated = svc.traits[T.paginated] as Record<string, unknown> | undefined;
  // One ToolError per error shape, shared by every tool that lists it (errors repeat across tools).
  const errorCache = new Map<string, ToolError>();
  const errorOf = (sh: Shape) =>
    errorCache.get(sh.id) ?? errorCache.set(sh.id, errorInfo(builder, sh, queryCodes)).get(sh.id)!;
  const ops = serviceOperations(model).filter((op) => !only || only.has(shortName(op.id)));
  const tools = ops.map((op): Tool => {
    const errShapes = [...(op.errors ?? []).map((e) => model.shapes.get(e)!), ...svcErrors];
    const seen = new Set<string>();
    const errors = errShapes
      .filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)))
      .map(errorOf)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const pag = op.traits[T.paginated] as Record<string, unknown> | undefined;
    const dep = op.traits[T.deprecated] as Record<string, unknown> | undefined;
    const base = {
      name: shortName(op.id),
      documentation: normDoc(op.traits[T.documentation]),
      input: builder.document(op.input),
      output: builder.document(op.output),
      errors,
      traits: {
        idempotent: op.traits[T.idempotent] !== undefined,
        readonly: op.traits[T.readonly] !== undefined,
        // Keys sorted, as the stored snapshot has them: a snapshot read back from disk and a fresh one compare
        // equal (AWS writes `items` after `outputToken`).
        paginated: pag ? (sortKeys({ ...(svcPaginated ?? {}), ...pag }) as Record<string, unknown>) : null,
        deprecated: dep ? { message: dep.message ?? null, since: dep.since ?? null } : null,
      },
    };
    // Without fingerprints (a model comparison that already knows these tools differ) the differs walk them.
    if (share?.noFingerprints) return { ...base, fingerprint: '', docFingerprint: '' };
    return { ...base, fingerprint: toolFingerprint(base), docFingerprint: toolDocFingerprint(base) };
  });
  return tools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Normalizes a loaded model into the deterministic snapshot document. */
export function normalize(model: ServiceModel, opts: NormalizeOptions): Snapshot {
  const service = serviceInfo(model);
  const tools = buildTools(model);
  const { documentation: _d, ...serviceContract } = service;
  return {
    specwatchSnapshot: 1,
    pack: opts.pack,
    service,
    source: {
      kind: opts.kind ?? 'file',
      location: opts.location,
      format: model.format,
      formatVersion: model.formatVersion,
      sha256: sha256(opts.bytes),
      etag: opts.etag ?? null,
      lastModified: opts.lastModified ?? null,
      fetchedAt: opts.fetchedAt ?? null,
    },
    tools,
    fingerprint: hashValue({ service: serviceContract, tools: tools.map((t) => [t.name, t.fingerprint]) }),
  };
}
