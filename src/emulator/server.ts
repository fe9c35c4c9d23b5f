import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../snapshot/types.js';
import { parseAuthorization, verifySignature } from './auth.js';
import { batchMeterUsage } from './behaviours/batch-meter-usage.js';
import type { OpHandler } from './behaviours/context.js';
import { meterUsage } from './behaviours/meter-usage.js';
import { registerUsage } from './behaviours/register-usage.js';
import { resolveCustomer } from './behaviours/resolve-customer.js';
import { defaultFixtures, type Fixtures } from './fixtures.js';
import { createSigner, type Signer } from './jwt.js';
import { AwsError, newRequestId, sendError, sendJson } from './protocol.js';
import { sampleValue } from './sample.js';
import { awsJsonContentType, signingName, speaksAwsJson } from '../snapshot/wire.js';
import { METERING_SERVICE } from './anchors.js';
import { malformedOutput, seededRandom, shapeOutput } from './serialize.js';
import { EmulatorState } from './state.js';
import { InputValidator, validationError } from './validate.js';
import { handleAdmin } from './admin.js';
import { docWindows, type Windows } from './doc-rules.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** The request log keeps the most recent requests only (a long-running emulator must not grow without bound). */
export const MAX_LOGGED = 10_000;
export const SIGNING_SERVICE = 'aws-marketplace';

export const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i.test(host);

const HANDLERS: Record<string, OpHandler> = {
  MeterUsage: meterUsage,
  BatchMeterUsage: batchMeterUsage,
  ResolveCustomer: resolveCustomer,
  RegisterUsage: registerUsage,
};

export interface EmulatorOptions {
  snapshot: Snapshot;
  fixtures?: Fixtures;
  /** Per-request log kept for /_emulator/requests (the live-mode proof reads it). */
  logRequests?: boolean;
  seed?: number;
  /** Required on every admin request when set (and required to listen beyond loopback). */
  adminToken?: string;
}

export interface Emulator {
  server: Server;
  state: EmulatorState;
  signer: Signer;
  snapshot: Snapshot;
  url: string;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the cap, keep draining (so the client can read our answer) but stop storing.
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        reject(new AwsError('RequestEntityTooLargeException', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Bodies over this many bytes are logged as their size only: the log's memory stays bounded. */
export const MAX_LOGGED_BODY = 4096;
function logged(body: unknown): unknown {
  if (body === null || typeof body !== 'object') return body;
  const text = JSON.stringify(body);
  return text.length <= MAX_LOGGED_BODY ? body : { specwatchTruncated: true, bytes: Buffer.byteLength(text) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Why the emulator cannot serve this snapshot, or null: it speaks awsJson1_0/1_1 (`POST /`, `X-Amz-Target`), so
 * a restJson1, awsQuery or CBOR service would be answered in a protocol its clients do not speak.
 */
export function unservable(snapshot: Snapshot): string | null {
  if (speaksAwsJson(snapshot)) return null;
  const speaks = snapshot.service.protocol || 'no protocol the model states';
  return `${snapshot.service.name} speaks ${speaks}; the emulator serves awsJson1_0/1_1 only`;
}

/** The model-driven awsJson1_1 emulator: generic protocol layer + metering behaviours. */
export async function createEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const state = new EmulatorState(opts.fixtures ?? defaultFixtures());
  const signer = await createSigner();
  const validator = new InputValidator(opts.snapshot);
  const prefix = `${opts.snapshot.service.name}.`;
  // The metering behaviours serve the metering service; any other awsJson service gets the generic layer:
  // validation against its snapshot, and a minimal valid answer synthesized from the output schema.
  const metering = opts.snapshot.service.name === METERING_SERVICE;
  const contentType = awsJsonContentType(opts.snapshot);
  const signingService = metering ? SIGNING_SERVICE : signingName(opts.snapshot);
  const random = seededRandom(opts.seed ?? 20160114);
  const tools = new Map(opts.snapshot.tools.map((t) => [t.name, t]));
  const log = opts.logRequests ?? true;
  const fromDocs = docWindows(opts.snapshot).windows;
  let windowsFor: Fixtures | null = null;
  let current: Windows = fromDocs;
  const windows = () => {
    if (windowsFor !== state.fixtures) {
      windowsFor = state.fixtures;
      current = { ...fromDocs, ...(state.fixtures.windows ?? {}) };
    }
    return current;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const url = req.url ?? '/';
    if (url.startsWith('/_emulator/')) return handleAdmin(req, res, url, emu, opts.adminToken);
    let target: string | null = null;
    let op: string | null = null;
    let parsed: unknown = null;
    const finish = (status: number, body: unknown, errorType: string | null) => {
      if (log) {
        const time = new Date().toISOString();
        state.requests.push({ time, requestId, target, operation: op, status, errorType, body: logged(parsed) });
        if (state.requests.length > MAX_LOGGED) state.requests.splice(0, state.requests.length - MAX_LOGGED);
      }
      if (errorType) sendError(res, body as AwsError, requestId);
      else sendJson(res, status, body, requestId);
    };
    try {
      if (req.method !== 'POST' || url.split('?')[0] !== '/')
        throw new AwsError('UnknownOperationException', `Only POST / is served (got ${req.method} ${url})`, 404);
      const body = await readBody(req);
      target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : null;
      if (!target || !target.startsWith(prefix) || !tools.has(target.slice(prefix.length))) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${target ?? '(no X-Amz-Target)'}`);
      }
      op = target.slice(prefix.length);
      const ct = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      if (ct !== contentType)
        throw new AwsError('SerializationException', `Content-Type must be ${contentType} (got ${ct || 'none'})`, 400);
      const auth = parseAuthorization(req.headers.authorization, signingService);
      const creds = state.fixtures.credentials ?? {};
      if (Object.keys(creds).length) {
        const secret = creds[auth.accessKeyId];
        if (secret === undefined)
          throw new AwsError(
            'UnrecognizedClientException',
            'The security token included in the request is invalid.',
            403,
          );
        await verifySignature(auth, secret, { method: req.method!, path: url, headers: req.headers, body });
      }
      try {
        parsed = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new AwsError('SerializationException', 'The request body is not valid JSON', 400);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new AwsError('SerializationException', 'The request body must be a JSON object', 400);
      const fault = state.fixtures.faults[op] ?? {};
      if (fault.latencyMs) await sleep(fault.latencyMs);
      if (state.fixtures.disabledOperations.includes(op))
        throw new AwsError('DisabledApiException', `The API ${op} is disabled`);
      if (!state.bucket(op).take() || (fault.throttleRate && random() < fault.throttleRate))
        throw new AwsError('ThrottlingException', 'Rate exceeded');
      if (fault.errorRate && random() < fault.errorRate)
        throw new AwsError('InternalServiceErrorException', 'An internal error occurred (injected fault)', 500);
      if (fault.unmodelledError)
        throw new AwsError(fault.unmodelledError, 'An error the model does not know (injected fault)', 400);
      const errs = validator.errors(op, parsed);
      if (errs.length) {
        // Tag problems have their own modelled error (InvalidTagException).
        if (
          errs.some((e) => /\/Tags(\/|$)/.test(e.instancePath)) &&
          tools.get(op)!.errors.some((e) => e.name === 'InvalidTagException')
        ) {
          throw new AwsError('InvalidTagException', validationError(errs).message);
        }
        throw validationError(errs);
      }
      const tool = tools.get(op)!;
      if (!metering) {
        finish(200, shapeOutput(sampleValue(tool.output, tool.output), tool.output, tool.output), null);
        return;
      }
      const caller = state.caller(auth.accessKeyId);
      const result = await HANDLERS[op]({
        body: parsed as Record<string, unknown>,
        caller,
        region: auth.region,
        now: state.now(),
        state,
        snapshot: opts.snapshot,
        signer,
        random,
        windows: windows(),
      });
      finish(
        200,
        fault.malformedResponse ? malformedOutput(tool) : shapeOutput(result, tool.output, tool.output),
        null,
      );
    } catch (e) {
      const err =
        e instanceof AwsError ? e : new AwsError('InternalServiceErrorException', 'An internal error occurred', 500);
      if (!(e instanceof AwsError) && process.env.SPECWATCH_DEBUG)
        process.stderr.write(`emulator: ${(e as Error).stack}\n`);
      if (!res.headersSent) finish(err.status, err, err.type);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        sendError(
          res,
          new AwsError('InternalServiceErrorException', 'An internal error occurred', 500),
          newRequestId(),
        );
    });
  });
  server.keepAliveTimeout = 5000;
  const emu: Emulator = {
    server,
    state,
    signer,
    snapshot: opts.snapshot,
    url: '',
    listen(port = 0, host = '127.0.0.1') {
      if (!isLoopback(host) && !opts.adminToken) {
        return Promise.reject(
          Object.assign(
            new Error(
              `--host ${host}: the admin routes are unauthenticated test tools; ` +
                'beyond loopback, set an admin token (--admin-token)',
            ),
            { name: 'UsageError', exitCode: 2 },
          ),
        );
      }
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const a = server.address() as AddressInfo;
          emu.url = `http://${host.includes(':') ? `[${host}]` : host}:${a.port}`;
          resolve(emu.url);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
  return emu;
}
