import * as Metering from '@aws-sdk/client-marketplace-metering';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createEmulator, type Emulator } from '../emulator/server.js';
import { defaultFixtures, type Fixtures } from '../emulator/fixtures.js';
import type { Snapshot } from '../snapshot/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { CapturingHandler, type Exchange } from './capture.js';
import { ALL_CASES } from './cases/index.js';
import { LivePolicyViolation } from './policy.js';
import { trustFrom } from './trust.js';
import { behaviourAnchors } from './anchors.js';
import { staleLine } from '../facts/anchors.js';
import type { CaseEnv, CaseResult, ReplayCase, ReplayReport, Target, ToolCases, ToolReport, Verdict } from './types.js';
import { ResponseValidator, unknownFields } from './validate.js';
import { resolveTarget, unreachableCode } from './target.js';
import { groundOf } from './ground.js';
import { FetchError } from '../fetch/errors.js';

export interface ReplayOptions {
  snapshot: Snapshot;
  pack: string;
  target?: Target;
  endpoint?: string;
  /** Enforce the live read-only policy (always on for target live). */
  readOnly?: boolean;
  region?: string;
  /** Replay logs (JSON lines) go under this folder. */
  logDir?: string;
  fixtures?: Fixtures;
  cases?: ToolCases[];
  onProgress?: (msg: string) => void;
}

/** Well-formed AWS errors a credentialed but unprivileged live caller can get: a probe still passes. */
const AUTH_ERRORS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'InvalidClientTokenId',
  'UnauthorizedException',
  'ExpiredTokenException',
  'IncompleteSignatureException',
]);
const NOT_IMPLEMENTED = new Set([
  'UnknownOperationException',
  'NotImplemented',
  'NotImplementedException',
  'InvalidAction',
]);

function errorName(body: Record<string, unknown> | null, headers: Record<string, string>): string | null {
  const raw = String(body?.__type ?? body?.code ?? headers['x-amzn-errortype'] ?? '');
  if (!raw) return null;
  return raw.split(':')[0].split('#').pop() || null;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Converts SDK output back to plain data for semantic checks (the raw body is what gets validated). */
function plain(out: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _m, ...rest } = out;
  return rest;
}

export async function runReplay(opts: ReplayOptions): Promise<ReplayReport> {
  // Live only against the real AWS endpoint: a library caller cannot earn live-proven from localhost either.
  const builtIn = (opts.target ?? 'emulator') === 'emulator' && !opts.endpoint;
  const resolved = builtIn ? null : resolveTarget({ target: opts.target, endpoint: opts.endpoint });
  const target: Target = resolved?.target ?? 'emulator';
  const readOnly = target === 'live' || !!opts.readOnly || !!resolved?.readOnly;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const runId = randomUUID().slice(0, 8);
  const validator = new ResponseValidator(opts.snapshot);
  let emu: Emulator | null = null;
  let endpoint = opts.endpoint ?? null;
  const baseFixtures = opts.fixtures ?? defaultFixtures();
  if (target === 'emulator') {
    emu = await createEmulator({ snapshot: opts.snapshot, fixtures: structuredClone(baseFixtures) });
    endpoint = await emu.listen(0, '127.0.0.1');
  }
  const log: string[] = [];
  const tools: ToolReport[] = [];
  try {
    for (const tc of opts.cases ?? ALL_CASES) {
      const tool = opts.snapshot.tools.find((t) => t.name === tc.tool);
      if (!tool) {
        tools.push({ name: tc.tool, verdict: 'SKIP', reason: 'not in the current snapshot', cases: [] });
        continue;
      }
      const results: CaseResult[] = [];
      for (const c of tc.cases) {
        const r = await runCase(
          c,
          tc,
          { target, readOnly, endpoint, emu, fixtures: baseFixtures },
          opts,
          validator,
          runId,
          log,
        );
        results.push(r);
      }
      const t = toolVerdict(tc, results, target);
      opts.onProgress?.(`  ${t.name.padEnd(16)} ${t.verdict}${t.reason ? `  ${t.reason}` : ''}`);
      tools.push(t);
    }
  } finally {
    await emu?.close();
  }
  const summary = { PASS: 0, FAIL: 0, SKIP: 0, UNIMPLEMENTED: 0 } as Record<Verdict, number>;
  for (const t of tools) summary[t.verdict]++;
  const nCases = tools.reduce((s, t) => s + t.cases.length, 0);
  const durationMs = Date.now() - started;
  const parts = (['PASS', 'FAIL', 'UNIMPLEMENTED', 'SKIP'] as Verdict[])
    .filter((v) => summary[v])
    .map((v) => `${v}:${summary[v]}`);
  const line =
    `replay ${target}: ${[`${tools.length} tools`, ...parts].join(' ')} (${nCases} cases, ` +
    `${(durationMs / 1000).toFixed(1)}s)`;
  const toolMap = Object.fromEntries(tools.map((t) => [t.name, t.verdict]));
  // This run's own rung: an endpoint proves nothing about the pack (the stored verdict merges targets).
  const proof = { time: startedAt, line, tools: toolMap };
  const anchors = behaviourAnchors(opts.snapshot);
  const stale = anchors
    .filter((a) => a.status === 'stale')
    .map((a) => ({ behaviour: a.behaviour, tool: a.tool, path: a.path, fact: a.fact, reason: staleLine(a) }));
  const trust = trustFrom(target === 'emulator' ? proof : null, target === 'live' ? proof : null, stale);
  const report: ReplayReport = {
    pack: opts.pack,
    target,
    endpoint: target === 'emulator' ? null : endpoint,
    snapshotFingerprint: opts.snapshot.fingerprint,
    startedAt,
    durationMs,
    tools,
    summary: { ...summary, line },
    trust,
    behaviour: { anchors: anchors.length, stale },
  };
  if (opts.logDir) {
    writeFileAtomic(join(opts.logDir, `${target}.jsonl`), log.join('\n') + (log.length ? '\n' : ''));
    writeFileAtomic(join(opts.logDir, `${target}.json`), JSON.stringify(report, null, 2) + '\n');
  }
  return report;
}

function toolVerdict(tc: ToolCases, results: CaseResult[], target: Target): ToolReport {
  // UNIMPLEMENTED only for a tool that never answered a request as modelled: once it has, a valid
  // request that gets a 5xx or no JSON is the API failing, named by its case.
  const answered = results.some((c) => c.verdict === 'PASS');
  const cases = answered
    ? results.map((c) =>
        c.verdict === 'UNIMPLEMENTED'
          ? {
              ...c,
              verdict: 'FAIL' as const,
              reason:
                `${c.reason.replace(/: \S+ is not implemented there$/, '')} to a valid request, ` +
                `though ${tc.tool} answered other requests as modelled`,
            }
          : c,
      )
    : results;
  const by = (v: Verdict) => cases.filter((c) => c.verdict === v);
  if (by('FAIL').length) {
    const f = by('FAIL')[0];
    return {
      name: tc.tool,
      verdict: 'FAIL',
      reason: `${by('FAIL').length} case(s) failed; first: "${f.name}": ${f.reason}`,
      cases,
    };
  }
  if (by('UNIMPLEMENTED').length && !by('PASS').length)
    return { name: tc.tool, verdict: 'UNIMPLEMENTED', reason: by('UNIMPLEMENTED')[0].reason, cases };
  if (!by('PASS').length) {
    return {
      name: tc.tool,
      verdict: 'SKIP',
      reason: target === 'live' && tc.liveSkip ? tc.liveSkip : (by('SKIP')[0]?.reason ?? 'no cases'),
      cases,
    };
  }
  const notes = [
    by('SKIP').length ? `${by('SKIP').length} skipped` : '',
    by('UNIMPLEMENTED').length ? `${by('UNIMPLEMENTED').length} unimplemented` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    name: tc.tool,
    verdict: 'PASS',
    reason: `${by('PASS').length}/${cases.length} cases pass${notes ? ` (${notes})` : ''}`,
    cases,
  };
}

function makeClient(
  endpoint: string | null,
  target: Target,
  c: ReplayCase,
  region: string | undefined,
  handler: CapturingHandler,
) {
  const client = new Metering.MarketplaceMeteringClient({
    region: c.region ?? region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    // Live mode uses the standard credential chain; anything else static test credentials.
    ...(target === 'live'
      ? {}
      : { credentials: { accessKeyId: c.accessKeyId ?? 'AKIDEMULATORECS', secretAccessKey: 'specwatch-test-secret' } }),
    maxAttempts: 1,
    requestHandler: handler,
  });
  return client;
}

async function send(client: Metering.MarketplaceMeteringClient, command: string, input: Record<string, unknown>) {
  const Cmd = (Metering as unknown as Record<string, new (i: unknown) => unknown>)[command];
  return (await client.send(new Cmd(input) as never)) as unknown as Record<string, unknown>;
}

/** Nothing about the API was shown: the whole run stops (exit 3) and no verdict changes. */
const cannotConnect = (endpoint: string | null, code: string) =>
  new FetchError(`cannot connect to ${endpoint ?? 'the live endpoint'} (${code}): nothing was replayed`);

interface RunTarget {
  target: Target;
  readOnly: boolean;
  endpoint: string | null;
  emu: Emulator | null;
  fixtures: Fixtures;
}

async function runCase(
  c: ReplayCase,
  tc: ToolCases,
  t: RunTarget,
  opts: ReplayOptions,
  validator: ResponseValidator,
  runId: string,
  log: string[],
): Promise<CaseResult> {
  const { target, endpoint, emu, fixtures } = t;
  const t0 = Date.now();
  const done = (verdict: Verdict, reason: string, extra: Partial<CaseResult> = {}, ex?: Exchange): CaseResult => {
    const r: CaseResult = { name: c.name, kind: c.kind, verdict, reason, durationMs: Date.now() - t0, ...extra };
    log.push(
      JSON.stringify({
        tool: tc.tool,
        case: c.name,
        kind: c.kind,
        request: ex?.request ?? null,
        response: ex?.response ?? null,
        error: ex?.error ?? null,
        verdict,
        reason,
        durationMs: r.durationMs,
      }),
    );
    return r;
  };
  if (t.readOnly && (tc.liveSkip || !c.liveProbe))
    return done('SKIP', tc.liveSkip ?? 'not a read-only probe: never sent live');
  const ground = groundOf(
    c,
    opts.snapshot.tools.find((x) => x.name === tc.tool)!,
  );
  if (ground) return done('SKIP', ground);
  if (c.emulator && !emu) return done('SKIP', "needs the built-in emulator's fault injection");
  if (emu) {
    const f = structuredClone(fixtures);
    f.now = undefined;
    if (c.emulator?.faults) f.faults = c.emulator.faults;
    if (c.emulator?.disabled) f.disabledOperations = c.emulator.disabled;
    emu.state.reset(f);
  }
  const env: CaseEnv = {
    snapshot: opts.snapshot,
    now: new Date(),
    runId: `${runId}-${Math.random().toString(36).slice(2, 8)}`,
    emulatorUrl: emu ? endpoint : null,
  };
  const handler = new CapturingHandler(t.readOnly);
  const client = makeClient(endpoint, target, c, opts.region, handler);
  const tool = opts.snapshot.tools.find((t) => t.name === tc.tool)!;
  let first: Record<string, unknown> | undefined;
  try {
    const primeInput = c.prime?.(env) ?? (c.repeat ? c.input(env) : undefined);
    if (primeInput) {
      try {
        first = plain(await send(client, tc.command, primeInput));
      } catch (e) {
        const ex = handler.exchanges.at(-1);
        const down = ex?.response ? null : unreachableCode(e);
        if (down) throw cannotConnect(endpoint, down);
        if (ex?.response && !parseJson(ex.response.body) && (ex.response.status >= 500 || ex.response.status === 404)) {
          return done(
            'UNIMPLEMENTED',
            `the target answered HTTP ${ex.response.status} with a non-JSON body: ${tc.tool} is not implemented there`,
            {},
            ex,
          );
        }
        return done('FAIL', `the priming call failed: ${(e as Error).name}: ${(e as Error).message}`, {}, ex);
      }
    }
    let out: Record<string, unknown> | null = null;
    let err: (Error & { $metadata?: { httpStatusCode?: number } }) | null = null;
    try {
      out = await send(client, tc.command, c.input(env));
    } catch (e) {
      err = e as Error;
    } finally {
      client.destroy();
    }
    const ex = handler.exchanges.at(-1);
    if (err instanceof LivePolicyViolation) return done('FAIL', err.message, {}, ex);
    const resp = ex?.response ?? null;
    const body = resp ? parseJson(resp.body) : null;
    if (err) {
      const down = resp ? null : unreachableCode(err);
      // Nothing was shown about the API: the whole run stops, and no verdict changes.
      if (down) throw cannotConnect(endpoint, down);
      if (!resp) return done('FAIL', `no response: ${err.name}: ${err.message}`, {}, ex);
      if (!body) {
        if (resp.status >= 500 || resp.status === 404 || resp.status === 501) {
          return done(
            'UNIMPLEMENTED',
            `the target answered HTTP ${resp.status} with a non-JSON body: ${tc.tool} is not implemented there`,
            {},
            ex,
          );
        }
        return done('FAIL', `HTTP ${resp.status} with a non-JSON body`, {}, ex);
      }
      const name = errorName(body, resp.headers) ?? err.name;
      const modelled = tool.errors.find((e) => e.name === name);
      if (NOT_IMPLEMENTED.has(name) && c.expectError !== name)
        return done('UNIMPLEMENTED', `the target does not implement ${tc.tool} (${name})`, {}, ex);
      if (modelled) {
        const faultOk = modelled.fault === 'server' ? resp.status >= 500 : resp.status >= 400 && resp.status < 500;
        if (!faultOk)
          return done(
            'FAIL',
            `${name} is a ${modelled.fault} fault in the model but came with HTTP ${resp.status}`,
            {},
            ex,
          );
        // A status other than the awsJson defaults (400/500) is the model's @httpError: it must match exactly.
        const explicit = modelled.httpStatus !== 400 && modelled.httpStatus !== 500;
        if (explicit && resp.status !== modelled.httpStatus) {
          return done(
            'FAIL',
            `${name} is HTTP ${modelled.httpStatus} in the model but came with HTTP ${resp.status}`,
            {},
            ex,
          );
        }
        const bad = validator.check(tc.tool, body, name);
        if (bad.length) return done('FAIL', `error body of ${name} violates the snapshot: ${bad.join('; ')}`, {}, ex);
      } else if (c.expectError === name) {
        // Documented but not modelled (DryRunOperation): still the awsJson shape and the documented status.
        if (!body.__type) return done('FAIL', `${name} came without __type in the body`, {}, ex);
        if (c.expectStatus !== undefined && resp.status !== c.expectStatus) {
          return done(
            'FAIL',
            `${name} is documented with HTTP ${c.expectStatus} but came with HTTP ${resp.status}`,
            {},
            ex,
          );
        }
      }
      if (c.expectError === name) return done('PASS', `answered ${name} as expected`, {}, ex);
      if (t.readOnly && c.liveProbe && (modelled || AUTH_ERRORS.has(name)))
        return done(
          'PASS',
          `answered the well-formed ${modelled ? 'modelled' : 'authorization'} error ${name}`,
          {},
          ex,
        );
      const expected = c.expectError ? `expected ${c.expectError}` : 'expected success';
      return done(
        'FAIL',
        `${expected}, got ${modelled ? '' : 'unmodelled error '}${name} (HTTP ${resp.status}): ` +
          `${String(body.message ?? body.Message ?? '')}`.trim(),
        {},
        ex,
      );
    }
    if (c.expectError) return done('FAIL', `expected ${c.expectError}, got success`, {}, ex);
    if (!resp || !body) return done('FAIL', `success without a JSON body (HTTP ${resp?.status})`, {}, ex);
    const bad = validator.check(tc.tool, body);
    if (bad.length) return done('FAIL', `response violates the snapshot's output schema: ${bad.join('; ')}`, {}, ex);
    const unknown = unknownFields(body, tool.output);
    const semantic = c.check ? await c.check(plain(out!), env, first) : null;
    if (semantic) return done('FAIL', semantic, unknown.length ? { unknownFields: unknown } : {}, ex);
    return done(
      'PASS',
      unknown.length ? `ok; unmodelled fields: ${unknown.join(', ')}` : 'ok',
      unknown.length ? { unknownFields: unknown } : {},
      ex,
    );
  } catch (e) {
    if (e instanceof FetchError) throw e;
    return done('FAIL', `case crashed: ${(e as Error).message}`, {}, handler.exchanges.at(-1));
  }
}
