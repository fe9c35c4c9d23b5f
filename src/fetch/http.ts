import { FetchError } from './errors.js';

export interface HttpOptions {
  timeoutMs: number;
  deadlineMs: number;
  retries: number;
  backoffMs: number;
  maxBytes: number;
  etag?: string | null;
  lastModified?: string | null;
  /** Injected in tests to observe backoff without waiting. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}

export type HttpResult =
  | {
      status: 'ok';
      bytes: Buffer;
      etag: string | null;
      lastModified: string | null;
      contentType: string;
      attempts: number;
    }
  | { status: 'not-modified'; etag: string | null; lastModified: string | null; attempts: number };

/**
 * A signal that aborts after `ms`, on a plain timer. Not AbortSignal.timeout inside AbortSignal.any:
 * on Node 20 the combined signal can be garbage-collected with its timer, and then never fires
 * (a stalled upstream hung refresh forever). A timer held by the event loop always fires.
 */
function abortAfter(ms: number, message: string): { signal: AbortSignal; clear: () => void } {
  const ac = new AbortController();
  const t = setTimeout(() => ac.abort(Object.assign(new Error(message), { name: 'TimeoutError' })), ms);
  return { signal: ac.signal, clear: () => clearTimeout(t) };
}

const abortReason = (s: AbortSignal) => String((s.reason as Error | undefined)?.message ?? 'timed out');

function splitUserinfo(raw: string): { url: string; authorization: string | null } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('not a valid URL');
  }
  if (!u.username && !u.password) return { url: raw, authorization: null };
  const basic = Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { url: u.toString(), authorization: `Basic ${basic}` };
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Retry-After as seconds or an HTTP date; null when absent or unparsable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

async function readCapped(res: Response, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new FetchError(`response is ${declared} bytes, over the ${maxBytes}-byte cap`);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new FetchError(`response exceeds the ${maxBytes}-byte cap`);
      }
      chunks.push(Buffer.from(value));
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    if (signal.aborted) throw new FetchError(`${abortReason(signal)} after ${size} bytes`, true);
    throw new FetchError(`truncated body after ${size} bytes (${(e as Error).message})`, true);
  }
  if (Number.isFinite(declared) && size < declared)
    throw new FetchError(`truncated body: ${size} of ${declared} bytes`, true);
  return Buffer.concat(chunks);
}

function describeNetworkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  return err.cause?.message ?? err.message;
}

/**
 * GET with conditional headers, per-request timeout, overall deadline, size cap, and retries with
 * exponential backoff and full jitter on network errors, 429 and 5xx (Retry-After honoured).
 * Node's own fetch (undici) is enough here: AbortSignal.timeout/any and web streams cover it.
 */
export async function httpGet(rawUrl: string, o: HttpOptions): Promise<HttpResult> {
  // fetch() refuses URLs with credentials: userinfo becomes Basic auth, and never appears in a message.
  const { url, authorization } = splitUserinfo(rawUrl);
  const sleep = o.sleep ?? defaultSleep;
  const random = o.random ?? Math.random;
  const deadline = Date.now() + o.deadlineMs;
  let lastReason = '';
  for (let attempt = 1; attempt <= o.retries + 1; attempt++) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'specwatch/0.1 (+spec drift watcher)',
    };
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    if (authorization) headers.authorization = authorization;
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    const timer = abortAfter(
      Math.min(o.timeoutMs, remaining),
      remaining <= o.timeoutMs ? `the overall ${o.deadlineMs} ms deadline passed` : `timed out after ${o.timeoutMs} ms`,
    );
    const signal = timer.signal;
    let retryAfter: number | null = null;
    try {
      const res = await fetch(url, { headers, signal, redirect: 'follow' });
      if (res.status === 304) {
        await res.body?.cancel();
        // A 304 answers a conditional request; without validators it says nothing about our copy.
        if (!o.etag && !o.lastModified) {
          throw new FetchError('HTTP 304 Not Modified to a request that sent no validators');
        }
        return {
          status: 'not-modified',
          etag: res.headers.get('etag') ?? o.etag ?? null,
          lastModified: res.headers.get('last-modified') ?? o.lastModified ?? null,
          attempts: attempt,
        };
      }
      if (res.status === 429 || res.status >= 500) {
        retryAfter = retryAfterMs(res.headers.get('retry-after'));
        await res.body?.cancel();
        lastReason = `HTTP ${res.status}`;
      } else if (res.status >= 400) {
        await res.body?.cancel();
        throw new FetchError(`HTTP ${res.status} ${res.statusText}`.trim());
      } else {
        const bytes = await readCapped(res, o.maxBytes, signal);
        return {
          status: 'ok',
          bytes,
          etag: res.headers.get('etag'),
          lastModified: res.headers.get('last-modified'),
          contentType: res.headers.get('content-type') ?? '',
          attempts: attempt,
        };
      }
    } catch (e) {
      if (e instanceof FetchError && !e.retryable) throw e;
      lastReason = signal.aborted ? abortReason(signal) : e instanceof FetchError ? e.message : describeNetworkError(e);
    } finally {
      timer.clear();
    }
    if (attempt > o.retries) break;
    const backoff = Math.round(random() * o.backoffMs * 2 ** (attempt - 1));
    const delay = retryAfter !== null ? retryAfter : backoff;
    if (Date.now() + delay > deadline) {
      lastReason += ` (next retry would pass the ${o.deadlineMs} ms deadline)`;
      break;
    }
    o.onRetry?.(attempt, lastReason, delay);
    await sleep(delay);
  }
  if (Date.now() >= deadline && !lastReason.includes('deadline')) {
    lastReason += ` (the overall ${o.deadlineMs} ms deadline passed)`;
  }
  throw new FetchError(`${lastReason || 'deadline passed'}`);
}
