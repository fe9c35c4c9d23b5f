import { FetchError } from '../fetch/errors.js';
import {
  AWS_JSON_PROTOCOLS,
  awsJsonErrorName,
  awsJsonSigner,
  signedAwsJsonHeaders,
} from '../replay/awsjson-request.js';
import { liveEndpoint } from '../replay/derived.js';
import type { Snapshot, Tool } from '../snapshot/types.js';
import type { CallOutcome } from './call.js';

/** A call that never leaves: why, as the agent reads it. */
export const refused = (text: string): CallOutcome => ({
  isError: true,
  text,
  structured: { refused: text },
  sent: false,
});

/** Why this pack's tools cannot be called over MCP, or null when they can (awsJson: the request is generic). */
export function genericCallUnsupported(snapshot: Snapshot): string | null {
  const p = snapshot.service.protocol ?? '';
  return AWS_JSON_PROTOCOLS.test(p) ? null : `calls are made for awsJson services only; this one speaks ${p || '?'}`;
}

export interface GenericCallOptions {
  endpointUrl?: string;
  region?: string;
  allowWrite?: boolean;
  /** Per call, including the body (default 30 s). */
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
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const body = JSON.stringify(args);
  const headers = await signedAwsJsonHeaders(
    snapshot,
    awsJsonSigner(snapshot, region, defaultProvider()),
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
      signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    });
    text = await res.text();
  } catch (e) {
    const why = ((e as Error).cause as Error)?.message ?? (e as Error).message;
    return refused(new FetchError(`cannot reach ${endpoint}: ${why}`).message);
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
