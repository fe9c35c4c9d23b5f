import { awsJsonErrorName, awsJsonSigner, signedAwsJsonHeaders } from '../replay/awsjson-request.js';
import { liveEndpoint } from '../replay/derived.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Snapshot, Tool } from '../snapshot/types.js';
import { speaksAwsJson } from '../snapshot/wire.js';
import { refused, type CallOutcome } from './call.js';

/** Connection errors that mean the request never left. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Why this pack's tools cannot be called over MCP, or null when they can (awsJson: the request is generic). */
export function genericCallUnsupported(snapshot: Snapshot): string | null {
  if (speaksAwsJson(snapshot)) return null;
  return `calls are made for awsJson services only; this one speaks ${snapshot.service.protocol || '?'}`;
}

export interface GenericCallOptions {
  endpointUrl?: string;
  region?: string;
  allowWrite?: boolean;
  /** Default: the AWS default credential chain (environment, profile, SSO, instance role …). */
  credentials?: AwsCredentialIdentityProvider;
  /** Per call, including the answer's body (default 15 s, the metering SDK client's request timeout). */
  timeoutMs?: number;
}

/**
 * One call of an awsJson service without an SDK of its own: the validated arguments as the JSON body (the
 * snapshot's schema is the wire form), signed with SigV4 from the default credential chain, to --endpoint-url
 * or the service's regional endpoint. Without --allow-write only an operation the model marks @readonly leaves
 * (checked here, where the request is sent); for an unknown service nothing else is known to be safe.
 */
export async function callAwsJson(
  snapshot: Snapshot,
  tool: Tool,
  args: Record<string, unknown>,
  o: GenericCallOptions,
): Promise<CallOutcome> {
  const unsupported = genericCallUnsupported(snapshot);
  if (unsupported) return refused(`${tool.name}: ${unsupported}`);
  if (!o.allowWrite && !tool.traits.readonly) {
    return refused(
      `${tool.name} is not marked @readonly in the model: refused without --allow-write (it could change state)`,
    );
  }
  const region = o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = o.endpointUrl ?? liveEndpoint(snapshot, region);
  const credentials = o.credentials ?? (await import('@aws-sdk/credential-provider-node')).defaultProvider();
  const body = JSON.stringify(args);
  const headers = await signedAwsJsonHeaders(
    snapshot,
    awsJsonSigner(snapshot, region, credentials),
    endpoint,
    tool.name,
    body,
  );
  let res: Response;
  let text: string;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
    text = await res.text();
  } catch (e) {
    // No connection: nothing left. Anything later (a timeout waiting for the answer, a reset): the request may
    // have been executed, and the agent is told so.
    const cause = (e as Error).cause as (Error & { code?: string }) | undefined;
    const why = cause?.message ?? (e as Error).message;
    const sent = !NOT_SENT.has(cause?.code ?? '');
    const message = sent
      ? `no complete answer from ${endpoint} (${why}): the call may have taken effect`
      : `cannot reach ${endpoint}: ${why}`;
    const error = { name: sent ? 'NoAnswer' : 'Unreachable', message, fault: null, httpStatus: null };
    return { isError: true, text: `${error.name}: ${message}`, structured: { error }, sent };
  }
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    /* a non-JSON answer is reported as such below */
  }
  if (res.status === 200 && parsed && typeof parsed === 'object') {
    const structured = parsed as Record<string, unknown>;
    return { isError: false, text: JSON.stringify(structured), structured, sent: true };
  }
  const p = (parsed ?? {}) as { message?: unknown; Message?: unknown };
  const error = {
    name: awsJsonErrorName(parsed, res.headers) || (parsed ? 'Error' : 'NonJsonResponse'),
    message: String(p.message ?? p.Message ?? (parsed ? '' : text.slice(0, 200))),
    fault: res.status >= 500 ? 'server' : 'client',
    httpStatus: res.status,
  };
  return { isError: true, text: `${error.name}: ${error.message}`, structured: { error }, sent: true };
}
