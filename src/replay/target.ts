import { UsageError } from '../util/errors.js';
import type { Target } from './types.js';

/** The real regional AWS endpoints of the service: the only place a replay can be "live". */
const AWS_ENDPOINT = /^metering\.marketplace\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com(\.cn)?$/;

export interface ResolvedTarget {
  target: Target;
  /** null: the SDK's own regional endpoint (live) or the built-in emulator (started later). */
  endpoint: string | null;
  /** The live read-only policy applies (enforced in the HTTP handler). */
  readOnly: boolean;
  /** Said to the user when a request was narrowed (e.g. live asked for, endpoint given). */
  note: string | null;
}

/** An --endpoint-url as a URL, or a usage error (exit 2) when it is not http(s). */
export function endpointUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint-url must be an http(s) URL (got "${endpoint}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--endpoint-url must be an http(s) URL (got "${endpoint}")`);
  }
  return url;
}

/**
 * Which target a replay really has. `live` only for the real regional AWS endpoint over HTTPS: any other
 * `--endpoint-url` is target `endpoint` and can never raise the trust ladder — whatever it answers.
 * Asking for live with such an endpoint keeps the read-only policy and says so.
 */
export function resolveTarget(o: { target?: string; endpoint?: string }): ResolvedTarget {
  if (o.target && !['emulator', 'live', 'endpoint'].includes(o.target)) {
    throw new UsageError(`--target must be emulator or live (got "${o.target}")`);
  }
  const url = o.endpoint ? endpointUrl(o.endpoint) : null;
  if (o.target === 'live') {
    if (!url) return { target: 'live', endpoint: null, readOnly: true, note: null };
    if (url.protocol === 'https:' && AWS_ENDPOINT.test(url.hostname)) {
      return { target: 'live', endpoint: o.endpoint!, readOnly: true, note: null };
    }
    return {
      target: 'endpoint',
      endpoint: o.endpoint!,
      readOnly: true,
      note:
        `${o.endpoint} is not the real AWS endpoint (https://metering.marketplace.<region>.amazonaws.com): ` +
        'replayed as target "endpoint" with the live read-only policy; it cannot prove the live API',
    };
  }
  if (url) return { target: 'endpoint', endpoint: o.endpoint!, readOnly: false, note: null };
  return { target: 'emulator', endpoint: null, readOnly: false, note: null };
}

/** Connection-level failures: the target was never reached, so nothing about the API was shown. */
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|CERT_|ERR_TLS|SSL|self[- ]signed/i;

export function unreachableCode(e: unknown): string | null {
  const err = e as { code?: string; message?: string; cause?: { code?: string }; errors?: { code?: string }[] };
  const text = [err.code, err.cause?.code, ...(err.errors ?? []).map((x) => x.code), err.message]
    .filter(Boolean)
    .join(' ');
  return UNREACHABLE.exec(text)?.[0] ?? null;
}
