/** The snapshot document: one canonical JSON document per observed model version. */
export type JsonSchema = Record<string, unknown>;

export interface SnapshotSource {
  kind: 'file' | 'url' | 'vendored';
  location: string;
  format: 'smithy' | 'aws-json';
  formatVersion: string;
  sha256: string;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: string | null;
}

export interface ServiceInfo {
  shapeId: string;
  name: string;
  sdkId: string | null;
  title: string | null;
  version: string | null;
  protocol: string | null;
  sigv4Name: string | null;
  endpointPrefix: string | null;
  endpointRulesHash: string | null;
  documentation: string;
}

export interface ToolError {
  name: string;
  /** The error's code on the wire when it is not `name` (awsQuery and awsQueryCompatible services). */
  code?: string;
  /** true when the model states no HTTP status (httpStatus is then the fault's default, 400 or 500). */
  httpStatusImplicit?: true;
  /** true when the model does not state the fault (AWS JSON without `"fault": true`; fault is then client). */
  faultImplicit?: true;
  fault: 'client' | 'server';
  httpStatus: number;
  documentation: string;
  schema: JsonSchema;
}

export interface ToolTraits {
  idempotent: boolean;
  readonly: boolean;
  paginated: Record<string, unknown> | null;
  deprecated: Record<string, unknown> | null;
}

export interface Tool {
  name: string;
  documentation: string;
  input: JsonSchema;
  output: JsonSchema;
  errors: ToolError[];
  traits: ToolTraits;
  fingerprint: string;
  docFingerprint: string;
}

export interface Snapshot {
  specwatchSnapshot: 1;
  pack: string;
  service: ServiceInfo;
  source: SnapshotSource;
  tools: Tool[];
  fingerprint: string;
}
