import { isObj, joinPath, need, pathOf, type PathArg } from '../util/errors.js';
import { getOwn, hasOwn, setOwn } from '../util/own.js';
import {
  IDENTIFIER,
  PROTOCOL_TRAIT_OF,
  T,
  type MemberRef,
  type ServiceModel,
  type Shape,
  type ShapeType,
  type Traits,
} from './types.js';

type Json = Record<string, unknown>;
const NS = 'aws.json';

const TYPES: Record<string, ShapeType> = {
  structure: 'structure',
  list: 'list',
  map: 'map',
  string: 'string',
  blob: 'blob',
  boolean: 'boolean',
  byte: 'byte',
  short: 'short',
  integer: 'integer',
  long: 'long',
  float: 'float',
  double: 'double',
  timestamp: 'timestamp',
  character: 'string',
  bigdecimal: 'bigDecimal',
  biginteger: 'bigInteger',
};
const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double', 'bigInteger', 'bigDecimal']);
const TS_FORMATS: Record<string, string> = {
  iso8601: 'date-time',
  unixtimestamp: 'epoch-seconds',
  rfc822: 'http-date',
};
const PROTOCOLS: Record<string, string> = {
  json: 'awsJson',
  'rest-json': 'restJson1',
  'rest-xml': 'restXml',
  query: 'awsQuery',
  ec2: 'ec2Query',
  'smithy-rpc-v2-cbor': 'rpcv2Cbor',
};

const id = (name: string) => `${NS}#${name}`;

function docTraits(src: Json, traits: Traits): void {
  if (typeof src.documentation === 'string' && src.documentation.trim()) traits[T.documentation] = src.documentation;
  if (src.deprecated === true)
    traits[T.deprecated] = typeof src.deprecatedMessage === 'string' ? { message: src.deprecatedMessage } : {};
}

/** Loads a botocore-style AWS JSON service model (service-2.json) into the common model. */
export function loadAwsJson(doc: Json, file: string): ServiceModel {
  need(isObj(doc.metadata), file, '$.metadata', 'missing "metadata" object');
  need(isObj(doc.operations), file, '$.operations', 'missing "operations" object');
  need(isObj(doc.shapes), file, '$.shapes', 'missing "shapes" object');
  const meta = doc.metadata as Json;
  const shapes = new Map<string, Shape>();
  const rawShapes = doc.shapes as Json;
  /** Own keys only: a target named `constructor` or `toString` must not find Object.prototype's. */
  const exists = (name: string) => hasOwn(rawShapes, name) && isObj(rawShapes[name]);
  // A service one of whose protocols is query, ec2 or rest-xml: there `locationName` (without a location) names
  // the member on the wire, as Smithy's xmlName does (on rest-json it is the jsonName).
  const declared = [meta.protocol, ...(Array.isArray(meta.protocols) ? meta.protocols : [])];
  const xmlWire = declared.some((p) => p === 'query' || p === 'ec2' || p === 'rest-xml');

  for (const [name, raw] of Object.entries(rawShapes)) {
    const p = joinPath('$.shapes', name);
    need(isObj(raw), file, p, 'shape must be an object');
    // Names become path segments and definition names: an identifier, as in every botocore model so far.
    need(IDENTIFIER.test(name), file, p, () => `invalid shape name ${JSON.stringify(name)} (not an identifier)`);
    const rawType = String(raw.type ?? '').toLowerCase();
    let type: ShapeType | undefined = TYPES[rawType];
    if (rawType === 'structure' && raw.union === true) type = 'union';
    if (rawType === 'structure' && raw.document === true) type = 'document';
    need(type, file, () => joinPath(p, 'type'), `unknown shape type ${JSON.stringify(raw.type)}`);
    const traits: Traits = {};
    docTraits(raw, traits);
    if (raw.sensitive === true) traits[T.sensitive] = {};
    if (typeof raw.pattern === 'string') traits[T.pattern] = raw.pattern;
    const hasMin = typeof raw.min === 'number';
    const hasMax = typeof raw.max === 'number';
    if (hasMin || hasMax) {
      const bound: Json = {};
      if (hasMin) bound.min = raw.min;
      if (hasMax) bound.max = raw.max;
      traits[NUMERIC.has(type!) ? T.range : T.length] = bound;
    }
    if (typeof raw.timestampFormat === 'string')
      traits[T.timestampFormat] = TS_FORMATS[raw.timestampFormat.toLowerCase()] ?? raw.timestampFormat;
    if (raw.streaming === true || raw.eventstream === true) traits[T.streaming] = {};
    if (raw.exception === true) {
      traits[T.error] = raw.fault === true ? 'server' : 'client';
      const err = raw.error;
      if (isObj(err) && typeof err.httpStatusCode === 'number') traits[T.httpError] = err.httpStatusCode;
      if (isObj(err) && typeof err.code === 'string') traits[T.awsQueryError] = { code: err.code };
    }
    const shape: Shape = { id: id(name), type: type!, traits, srcPath: p };
    if (raw.exception === true && raw.fault !== true) shape.faultUnstated = true;
    if (type === 'string' && Array.isArray(raw.enum)) {
      shape.type = 'enum';
      shape.members = {};
      (raw.enum as unknown[]).forEach((v, i) => {
        need(typeof v === 'string', file, () => joinPath(p, 'enum', i), 'enum values must be strings');
        setOwn(shape.members!, v as string, { target: 'smithy.api#Unit', traits: { [T.enumValue]: v } });
      });
    }
    const ref = (v: unknown, mp: PathArg): MemberRef => {
      need(isObj(v) && typeof v.shape === 'string', file, mp, 'expected {"shape": "<name>"}');
      const target = (v as Json).shape as string;
      need(
        exists(target),
        file,
        () => joinPath(pathOf(mp), 'shape'),
        () => `target ${target} does not exist`,
      );
      const mt: Traits = {};
      docTraits(v as Json, mt);
      const m = v as Json;
      if (m.idempotencyToken === true) mt[T.idempotencyToken] = {};
      if (m.jsonvalue === true) mt[T.mediaType] = 'application/json';
      if (typeof m.timestampFormat === 'string')
        mt[T.timestampFormat] = TS_FORMATS[m.timestampFormat.toLowerCase()] ?? m.timestampFormat;
      if (m.location === 'header' && typeof m.locationName === 'string') mt['smithy.api#httpHeader'] = m.locationName;
      else if (m.location === 'querystring' && typeof m.locationName === 'string')
        mt['smithy.api#httpQuery'] = m.locationName;
      else if (m.location === 'uri') mt['smithy.api#httpLabel'] = {};
      else if (m.location === 'statusCode') mt['smithy.api#httpResponseCode'] = {};
      else if (typeof m.locationName === 'string' && PROTOCOLS[String(meta.protocol)] === 'restJson1')
        mt[T.jsonName] = m.locationName;
      else if (typeof m.locationName === 'string' && xmlWire) mt[T.xmlName] = m.locationName;
      // The XML-family wire names, written where Smithy writes them: on the member (`flattened` is the list's).
      if (xmlWire && typeof m.queryName === 'string') mt[T.ec2QueryName] = m.queryName;
      if (xmlWire && m.xmlAttribute === true) mt[T.xmlAttribute] = {};
      if (xmlWire && (rawShapes[target] as Json).flattened === true) mt[T.xmlFlattened] = {};
      return { target: id(target), traits: mt };
    };
    if (rawType === 'structure') {
      need(
        raw.members === undefined || isObj(raw.members),
        file,
        () => joinPath(p, 'members'),
        'members must be an object',
      );
      const required = raw.required ?? [];
      need(Array.isArray(required), file, () => joinPath(p, 'required'), 'required must be an array');
      shape.members = {};
      for (const [mn, mv] of Object.entries((raw.members as Json) ?? {})) {
        const mp = () => joinPath(p, 'members', mn);
        need(IDENTIFIER.test(mn), file, mp, () => `invalid member name ${JSON.stringify(mn)} (not an identifier)`);
        const m = ref(mv, mp);
        if ((required as unknown[]).includes(mn)) m.traits[T.required] = {};
        setOwn(shape.members, mn, m);
      }
      (required as unknown[]).forEach((r, i) => {
        const known = typeof r === 'string' && getOwn(shape.members!, r);
        need(known, file, () => joinPath(p, 'required', i), `required member ${JSON.stringify(r)} is not a member`);
      });
      const payload = typeof raw.payload === 'string' ? getOwn(shape.members, raw.payload) : undefined;
      if (payload) payload.traits['smithy.api#httpPayload'] = {};
    }
    if (rawType === 'list') shape.member = ref(raw.member, () => joinPath(p, 'member'));
    if (rawType === 'map') {
      shape.key = ref(raw.key, () => joinPath(p, 'key'));
      shape.value = ref(raw.value, () => joinPath(p, 'value'));
    }
    shapes.set(shape.id, shape);
  }

  const opIds: string[] = [];
  for (const [name, raw] of Object.entries(doc.operations as Json)) {
    const p = joinPath('$.operations', name);
    need(isObj(raw), file, p, 'operation must be an object');
    const badOp = () => `invalid operation name ${JSON.stringify(name)} (not an identifier)`;
    need(IDENTIFIER.test(name), file, p, badOp);
    const traits: Traits = {};
    docTraits(raw, traits);
    if (raw.idempotent === true) traits[T.idempotent] = {};
    const op: Shape = { id: id(name), type: 'operation', traits, srcPath: p, errors: [] };
    const io = (key: 'input' | 'output') => {
      const v = raw[key];
      if (v === undefined) return undefined;
      need(isObj(v) && typeof v.shape === 'string', file, () => joinPath(p, key), 'expected {"shape": "<name>"}');
      const target = (v as Json).shape as string;
      need(exists(target), file, () => joinPath(p, key, 'shape'), `target ${target} does not exist`);
      return id((v as Json).shape as string);
    };
    op.input = io('input');
    op.output = io('output');
    const errs = raw.errors ?? [];
    need(Array.isArray(errs), file, () => joinPath(p, 'errors'), 'errors must be an array');
    (errs as unknown[]).forEach((e, i) => {
      need(
        isObj(e) && typeof e.shape === 'string',
        file,
        () => joinPath(p, 'errors', i),
        'expected {"shape": "<name>"}',
      );
      const target = (e as Json).shape as string;
      need(exists(target), file, () => joinPath(p, 'errors', i, 'shape'), `target ${target} does not exist`);
      op.errors!.push(id((e as Json).shape as string));
    });
    shapes.set(op.id, op);
    opIds.push(op.id);
  }

  // Identity only from what the model states, in an order that metadata merely being added cannot change:
  // the awsJson target prefix (on the wire), else the endpoint prefix (every botocore model has it).
  const svcName = String(meta.targetPrefix ?? meta.endpointPrefix ?? meta.serviceId ?? 'Service').replace(/[^\w]/g, '');
  const svcTraits: Traits = {};
  docTraits(doc, svcTraits);
  need(
    PROTOCOLS[String(meta.protocol)],
    file,
    '$.metadata.protocol',
    `unknown protocol ${JSON.stringify(meta.protocol)}`,
  );
  // `metadata.protocols` (newer models) lists every protocol the service speaks; names we do not know are
  // skipped, never mapped onto a default.
  const names = Array.isArray(meta.protocols) ? (meta.protocols as unknown[]).map(String) : [String(meta.protocol)];
  for (const name of names) {
    let protocol = PROTOCOLS[name];
    if (!protocol) continue;
    if (protocol === 'awsJson') protocol = meta.jsonVersion === '1.0' ? 'awsJson1_0' : 'awsJson1_1';
    svcTraits[PROTOCOL_TRAIT_OF[protocol]] = {};
  }
  if (isObj(meta.awsQueryCompatible)) svcTraits[T.awsQueryCompatible] = {};
  // The SDK id is what the model states: botocore's serviceId (added to old models in 2018), no fallback.
  svcTraits[T.awsService] = { sdkId: meta.serviceId ?? null, endpointPrefix: meta.endpointPrefix };
  if (typeof meta.serviceFullName === 'string') svcTraits[T.title] = meta.serviceFullName;
  if (meta.signatureVersion === 'v4' || meta.signingName)
    svcTraits[T.sigv4] = { name: meta.signingName ?? meta.endpointPrefix };
  const svcId = `${NS}#${svcName}`;
  shapes.set(svcId, {
    id: svcId,
    type: 'service',
    traits: svcTraits,
    operations: opIds,
    version: String(meta.apiVersion ?? ''),
    srcPath: '$.metadata',
  });
  return { format: 'aws-json', formatVersion: String(doc.version ?? '2.0'), file, serviceId: svcId, shapes };
}
