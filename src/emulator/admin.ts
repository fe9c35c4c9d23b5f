import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './server.js';
import { FIXTURE_KEYS, type FaultConfig, type Fixtures } from './fixtures.js';

/** Admin requests are small JSON documents; anything larger is refused. */
export const MAX_ADMIN_BODY = 64 * 1024;

class AdminError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_ADMIN_BODY) throw new AdminError(`admin request body over ${MAX_ADMIN_BODY} bytes`, 413);
    chunks.push(c as Buffer);
  }
  const t = Buffer.concat(chunks).toString('utf8');
  try {
    return t ? JSON.parse(t) : {};
  } catch {
    throw new AdminError('admin request body is not valid JSON');
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const RATES = ['errorRate', 'throttleRate', 'partialFailureRate'] as const;
const STRING_FIXTURES = ['now', 'publicKeyRotationTimestamp'];
const ARRAY_FIXTURES = ['disabledOperations', 'customers', 'expiredPublicKeyVersions'];

/** `PUT /_emulator/faults`: an object of tool → fault settings, each checked (a bad one changes nothing). */
export function checkFaults(v: unknown, tools: string[]): Record<string, FaultConfig> {
  if (!isObject(v)) throw new AdminError('faults must be an object of tool name → fault settings');
  for (const [tool, f] of Object.entries(v)) {
    if (!tools.includes(tool)) throw new AdminError(`faults.${tool}: not a tool of this service (${tools.join(', ')})`);
    if (!isObject(f)) throw new AdminError(`faults.${tool}: must be an object`);
    for (const [k, x] of Object.entries(f)) {
      const ok = (RATES as readonly string[]).includes(k)
        ? typeof x === 'number' && x >= 0 && x <= 1
        : k === 'latencyMs'
          ? Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 60_000
          : k === 'malformedResponse'
            ? typeof x === 'boolean'
            : k === 'unmodelledError'
              ? typeof x === 'string' && /^[A-Za-z][A-Za-z0-9]{0,99}$/.test(x)
              : null;
      if (ok === null) throw new AdminError(`faults.${tool}.${k}: unknown fault setting`);
      if (!ok) throw new AdminError(`faults.${tool}.${k}: invalid value ${JSON.stringify(x)}`);
    }
  }
  return v as Record<string, FaultConfig>;
}

/** `PUT /_emulator/fixtures`: known keys only, each of the default's JSON type. */
export function checkFixtures(v: unknown, tools: string[]): Partial<Fixtures> {
  if (!isObject(v)) throw new AdminError('fixtures must be an object');
  for (const [k, x] of Object.entries(v)) {
    if (!FIXTURE_KEYS.includes(k)) throw new AdminError(`fixtures.${k}: unknown fixture key`);
    const want = STRING_FIXTURES.includes(k) ? 'string' : ARRAY_FIXTURES.includes(k) ? 'array' : 'object';
    const got = Array.isArray(x) ? 'array' : x === null ? 'null' : typeof x;
    if (got !== want)
      throw new AdminError(
        `fixtures.${k}: expected ${want === 'object' ? 'an object' : `a${want === 'array' ? 'n' : ''} ${want}`}`,
      );
  }
  if (v.faults !== undefined) checkFaults(v.faults, tools);
  return v as Partial<Fixtures>;
}

/** The fixtures as the admin API shows them: test secrets never leave the emulator. */
function shown(f: Fixtures): Fixtures {
  return f.credentials
    ? { ...f, credentials: Object.fromEntries(Object.keys(f.credentials).map((k) => [k, '***'])) }
    : f;
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(String(req.headers['x-emulator-admin-token'] ?? ''));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * /_emulator/*: inspect and steer the emulator (records, requests, reset, faults, fixtures, public key).
 * These are unauthenticated test tools for loopback use; with an admin token (required for a non-loopback
 * --host) every admin request must send it in `x-emulator-admin-token`.
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  emu: Emulator,
  adminToken?: string,
): Promise<void> {
  const route = url.split('?')[0].slice('/_emulator/'.length);
  const st = emu.state;
  const tools = emu.snapshot.tools.map((t) => t.name);
  try {
    if (!authorized(req, adminToken)) throw new AdminError('admin routes need the x-emulator-admin-token header', 401);
    if (route === 'health') return json(res, 200, { ok: true, service: emu.snapshot.service.name, tools });
    if (route === 'records' && req.method === 'GET') return json(res, 200, st.records);
    if (route === 'requests' && req.method === 'GET') return json(res, 200, st.requests);
    if (route === 'reset' && req.method === 'POST') {
      st.reset();
      return json(res, 200, { reset: true });
    }
    if (route === 'faults') {
      if (req.method === 'GET') return json(res, 200, st.fixtures.faults);
      if (req.method === 'PUT' || req.method === 'POST') {
        st.fixtures = { ...st.fixtures, faults: checkFaults(await body(req), tools) };
        return json(res, 200, st.fixtures.faults);
      }
    }
    if (route === 'fixtures') {
      if (req.method === 'GET') return json(res, 200, shown(st.fixtures));
      if (req.method === 'PUT' || req.method === 'POST') {
        st.reset({ ...st.fixtures, ...checkFixtures(await body(req), tools) });
        return json(res, 200, shown(st.fixtures));
      }
    }
    if (route === 'public-key') return json(res, 200, { jwk: emu.signer.publicJwk, pem: emu.signer.publicPem });
    return json(res, 404, { error: `unknown admin route ${req.method} /_emulator/${route}` });
  } catch (e) {
    return json(res, e instanceof AdminError ? e.status : 400, { error: (e as Error).message });
  }
}
