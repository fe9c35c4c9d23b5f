/** One in-memory service model, the common ground of the Smithy JSON AST and AWS JSON loaders. */
export type Traits = Record<string, unknown>;

export interface MemberRef {
  target: string;
  traits: Traits;
}

export type ShapeType =
  | 'structure'
  | 'union'
  | 'list'
  | 'set'
  | 'map'
  | 'string'
  | 'enum'
  | 'intEnum'
  | 'blob'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'bigInteger'
  | 'bigDecimal'
  | 'timestamp'
  | 'document'
  | 'service'
  | 'operation'
  | 'resource';

export interface Shape {
  id: string;
  type: ShapeType;
  traits: Traits;
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  input?: string;
  output?: string;
  errors?: string[];
  operations?: string[];
  version?: string;
  /**
   * An AWS JSON error shape without `"fault": true`: botocore leaves the flag out of some server errors
   * (CloudWatch's InternalServiceFault, Comprehend Medical's ServiceUnavailableException), so its absence does
   * not say "client". Smithy always states @error.
   */
  faultUnstated?: true;
  /** JSON path of the shape in its source document, for error messages. */
  srcPath: string;
}

export type ModelFormat = 'smithy' | 'aws-json';

export interface ServiceModel {
  format: ModelFormat;
  /** Smithy IDL version ("1.0" / "2.0") or the AWS JSON model version. */
  formatVersion: string;
  file: string;
  serviceId: string;
  shapes: Map<string, Shape>;
}

export const T = {
  documentation: 'smithy.api#documentation',
  required: 'smithy.api#required',
  default: 'smithy.api#default',
  addedDefault: 'smithy.api#addedDefault',
  clientOptional: 'smithy.api#clientOptional',
  length: 'smithy.api#length',
  range: 'smithy.api#range',
  pattern: 'smithy.api#pattern',
  enum: 'smithy.api#enum',
  enumValue: 'smithy.api#enumValue',
  timestampFormat: 'smithy.api#timestampFormat',
  idempotencyToken: 'smithy.api#idempotencyToken',
  idempotent: 'smithy.api#idempotent',
  readonly: 'smithy.api#readonly',
  paginated: 'smithy.api#paginated',
  deprecated: 'smithy.api#deprecated',
  sensitive: 'smithy.api#sensitive',
  jsonName: 'smithy.api#jsonName',
  xmlName: 'smithy.api#xmlName',
  xmlFlattened: 'smithy.api#xmlFlattened',
  xmlAttribute: 'smithy.api#xmlAttribute',
  ec2QueryName: 'aws.protocols#ec2QueryName',
  streaming: 'smithy.api#streaming',
  error: 'smithy.api#error',
  httpError: 'smithy.api#httpError',
  uniqueItems: 'smithy.api#uniqueItems',
  sparse: 'smithy.api#sparse',
  box: 'smithy.api#box',
  title: 'smithy.api#title',
  mediaType: 'smithy.api#mediaType',
  awsService: 'aws.api#service',
  sigv4: 'aws.auth#sigv4',
  endpointRuleSet: 'smithy.rules#endpointRuleSet',
  awsQueryError: 'aws.protocols#awsQueryError',
  awsQueryCompatible: 'aws.protocols#awsQueryCompatible',
} as const;

export const PROTOCOL_TRAITS: Record<string, string> = {
  'aws.protocols#awsJson1_0': 'awsJson1_0',
  'aws.protocols#awsJson1_1': 'awsJson1_1',
  'aws.protocols#restJson1': 'restJson1',
  'aws.protocols#restXml': 'restXml',
  'aws.protocols#awsQuery': 'awsQuery',
  'aws.protocols#ec2Query': 'ec2Query',
  'smithy.protocols#rpcv2Cbor': 'rpcv2Cbor',
};

/** Protocol name → its Smithy trait id (the loaders of both formats write the same traits). */
export const PROTOCOL_TRAIT_OF: Record<string, string> = Object.fromEntries(
  Object.entries(PROTOCOL_TRAITS).map(([t, n]) => [n, t]),
);

/** Protocols whose wire carries query-style (ISO 8601) timestamps by default. */
export const QUERY_FAMILY = new Set(['awsQuery', 'ec2Query', 'restXml']);

/**
 * A member (or botocore shape, operation) name as Smithy defines it: an identifier. Members become path segments
 * (`Tool.input.a.b`, `a[]`): a name holding `.`, `[` or `#` would make two different members one path, so it is
 * refused.
 */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `ns#Name` → `Name`: the name the wire and the snapshot use. */
export const shortName = (id: string) => id.slice(id.indexOf('#') + 1);
