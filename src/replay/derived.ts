import { createEmulator } from '../emulator/server.js';
import { defaultFixtures } from '../emulator/fixtures.js';
import { NoSample, sampleValue } from '../emulator/sample.js';
import { createAjv } from '../snapshot/ajv.js';
import { deref } from '../snapshot/refs.js';
import type { JsonSchema, Snapshot, Tool } from '../snapshot/types.js';
import { SENTENCES } from './trust.js';
import type { CaseResult, ReplayReport, Target, ToolReport } from './types.js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { FetchError } from '../fetch/errors.js';
import { UsageError } from '../util/errors.js';
import { LivePolicyViolation } from './policy.js';
import { ResponseValidator } from './validate.js';
import { AWS_JSON_PROTOCOLS } from '../snapshot/wire.js';
import { awsJsonErrorName, awsJsonSigner, signedAwsJsonHeaders } from './awsjson-request.js';

/** Protocols the generic emulator layer and this runner speak. */
export const DERIVED_PROTOCOLS = AWS_JSON_PROTOCOLS;

interface Derived {
  name: string;
  kind: CaseResult['kind'];
  input: Record<string, unknown>;
  expect: 'ok' | 'client-error' | 'answer';
}

/**
 * Cases derived from the snapshot, for services without hand-written ones: a minimal valid input, a string
 * member at its maxLength (boundary), and one invalid input per constraint kind the root input states — a
 * required member left out, a string over its maxLength, a value outside its enum.
 */
export function deriveCases(tool: Tool): { cases: Derived[]; skipped: string | null } {
  let base: Record<string, unknown>;
  try {
    base = sampleValue(tool.input, tool.input) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof NoSample) return { cases: [], skipped: `no valid input can be derived: ${e.message}` };
    throw e;
  }
  const root = deref(tool.input, tool.input);
  const props = (root.properties ?? {}) as Record<string, JsonSchema>;
  const required = (root.required ?? []) as string[];
  const cases: Derived[] = [{ name: 'a minimal valid input', kind: 'happy', input: base, expect: 'ok' }];
  const member = (k: string) => deref(props[k], tool.input);
  const long = Object.keys(props).find(
    (k) =>
      member(k).type === 'string' &&
      typeof member(k).maxLength === 'number' &&
      typeof member(k).pattern !== 'string' &&
      member(k).enum === undefined &&
      (member(k).maxLength as number) <= 4096,
  );
  if (long) {
    const max = member(long).maxLength as number;
    cases.push({
      name: `${long} at its maxLength ${max}`,
      kind: 'boundary',
      input: { ...base, [long]: 'a'.repeat(max) },
      expect: 'ok',
    });
    cases.push({
      name: `${long} over its maxLength ${max}`,
      kind: 'negative',
      input: { ...base, [long]: 'a'.repeat(max + 1) },
      expect: 'client-error',
    });
  }
  if (required.length) {
    const { [required[0]]: _gone, ...rest } = base;
    cases.push({ name: `required ${required[0]} left out`, kind: 'negative', input: rest, expect: 'client-error' });
  }
  const enumerated = Object.keys(props).find((k) => Array.isArray(member(k).enum));
  if (enumerated) {
    cases.push({
      name: `${enumerated} outside its enum`,
      kind: 'negative',
      input: { ...base, [enumerated]: 'SPECWATCH_NOT_A_VALUE' },
      expect: 'client-error',
    });
  }
  return { cases, skipped: null };
}

function uncompilable(tool: Tool): string | null {
  const ajv = createAjv({ allErrors: false });
  for (const [what, schema] of [
    ['input', tool.input],
    ['output', tool.output],
  ] as const) {
    try {
      ajv.compile(schema);
    } catch (e) {
      return `its ${what} schema does not compile: ${(e as Error).message.split('\n')[0].slice(0, 160)}`;
    }
  }
  try {
    sampleValue(tool.output, tool.output);
  } catch (e) {
    // The emulator answers with a value synthesized from the output schema; without one there is no answer.
    if (e instanceof NoSample) return `the emulator cannot synthesize a valid answer: ${e.message}`;
    throw e;
  }
  return null;
}

const KEY = { accessKeyId: 'AKIDDERIVED', secretAccessKey: 'derived-replay-secret' };

/**
 * Derived replay against the generic emulator layer, over real HTTP with real SigV4 (the emulator verifies
 * the signature for this run's key). Success must validate against the output schema; a derived invalid
 * input must be refused with a client error. Proves the protocol layer and the schema round trip, not
 * behaviour — the report says "derived" wherever it says what was run.
 */
export interface DerivedOptions {
  /** emulator (default: the built-in one), endpoint (a URL: LocalStack, moto …), or live (the real AWS host). */
  target?: Target;
  endpoint?: string | null;
  region?: string;
}

/** The service's own regional AWS endpoint (awsJson services answer on `<endpointPrefix>.<region>`). */
export function liveEndpoint(snapshot: Snapshot, region: string): string {
  const prefix = snapshot.service.endpointPrefix;
  if (!prefix) throw new UsageError(`${snapshot.service.name}: the model states no endpoint prefix: no live endpoint`);
  return `https://${prefix}.${region}.amazonaws.com`;
}

/**
 * The live read-only policy for services without hand-written cases, checked where requests leave: only an
 * operation the model marks @readonly may be sent to the real API.
 */
export function checkLiveReadonly(tool: Tool): void {
  if (!tool.traits.readonly)
    throw new LivePolicyViolation(`refused ${tool.name}: only @readonly operations may be sent live`);
}

export async function runDerivedReplay(
  snapshot: Snapshot,
  pack: string,
  o: DerivedOptions = {},
): Promise<ReplayReport> {
  const started = Date.now();
  const target = o.target ?? 'emulator';
  const region = o.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const emu =
    target === 'emulator'
      ? await createEmulator({
          snapshot,
          fixtures: { ...defaultFixtures(), credentials: { [KEY.accessKeyId]: KEY.secretAccessKey } },
        })
      : null;
  const endpoint = emu
    ? await emu.listen(0, '127.0.0.1')
    : target === 'live'
      ? liveEndpoint(snapshot, region)
      : o.endpoint!;
  const validator = new ResponseValidator(snapshot);
  // Live: the default credential chain (environment, profile, SSO, instance role …); elsewhere a test key.
  const credentials = target === 'live' ? defaultProvider() : async () => KEY;
  const signer = awsJsonSigner(snapshot, region, credentials);
  const tools: ToolReport[] = [];
  try {
    for (const tool of snapshot.tools) {
      // A schema ajv cannot compile (a pattern that is not valid ECMAScript without the u flag, say) cannot be
      // checked by the emulator or here: SKIP, saying so.
      const broken = uncompilable(tool);
      let { cases, skipped } = broken ? { cases: [] as Derived[], skipped: broken } : deriveCases(tool);
      if (target === 'live' && !skipped) {
        // Live: read-only probes only, for operations the model marks @readonly; the valid input alone.
        if (!tool.traits.readonly) skipped = 'not @readonly: never sent live';
        else cases = cases.slice(0, 1).map((c) => ({ ...c, kind: 'probe' as const, expect: 'answer' as const }));
      }
      if (skipped) {
        tools.push({ name: tool.name, verdict: 'SKIP', reason: skipped, cases: [] });
        continue;
      }
      const results: CaseResult[] = [];
      for (const c of cases) {
        const t0 = Date.now();
        const body = JSON.stringify(c.input);
        const headers = await signedAwsJsonHeaders(snapshot, signer, endpoint, tool.name, body);
        if (target === 'live') checkLiveReadonly(tool); // the policy, where the request leaves
        let res: Response;
        try {
          res = await fetch(endpoint, { method: 'POST', headers, body });
        } catch (e) {
          // Unreachable is not failing: one "cannot connect" line, exit 3, no verdict.
          throw new FetchError(
            `cannot connect to ${endpoint}: ${((e as Error).cause as Error)?.message ?? (e as Error).message}`,
          );
        }
        const text = await res.text();
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* reported below */
        }
        let reason = '';
        if (c.expect === 'answer') {
          // A live probe passes with a valid answer or a modelled client error (a derived id names no real
          // resource): either way the API answered as modelled.
          const name = awsJsonErrorName(parsed, res.headers);
          if (res.status === 200) {
            const v = validator.check(tool.name, parsed);
            if (v.length) reason = `response does not match the output schema: ${v[0]}`;
          } else if (!(res.status < 500 && tool.errors.some((e) => e.name === name || e.code === name))) {
            reason = `expected a valid answer or a modelled client error, got HTTP ${res.status} ${name}`;
          }
        } else if (c.expect === 'ok') {
          if (res.status !== 200) reason = `expected 200, got HTTP ${res.status}: ${text.slice(0, 200)}`;
          else {
            const v = validator.check(tool.name, parsed);
            if (v.length) reason = `response does not match the output schema: ${v[0]}`;
          }
        } else if (res.status < 400 || res.status >= 500) reason = `expected a client error, got HTTP ${res.status}`;
        const verdict = reason ? 'FAIL' : 'PASS';
        results.push({
          name: c.name,
          kind: c.kind,
          verdict,
          reason:
            reason || (c.expect !== 'client-error' ? `answered: HTTP ${res.status}` : `refused: HTTP ${res.status}`),
          durationMs: Date.now() - t0,
        } as CaseResult);
      }
      const failed = results.filter((r) => r.verdict === 'FAIL');
      tools.push({
        name: tool.name,
        verdict: failed.length ? 'FAIL' : 'PASS',
        reason: failed.length
          ? `${failed.length} derived case(s) failed; first: "${failed[0].name}": ${failed[0].reason}`
          : `${results.length}/${results.length} derived cases pass`,
        cases: results,
      });
    }
  } finally {
    await emu?.close();
  }
  const summary = { PASS: 0, FAIL: 0, SKIP: 0, UNIMPLEMENTED: 0 };
  for (const t of tools) summary[t.verdict]++;
  const n = tools.reduce((s, t) => s + t.cases.length, 0);
  const parts = (['PASS', 'FAIL', 'SKIP'] as const).filter((v) => summary[v]).map((v) => `${v}:${summary[v]}`);
  const durationMs = Date.now() - started;
  return {
    pack,
    target,
    endpoint: emu ? null : endpoint,
    snapshotFingerprint: snapshot.fingerprint,
    startedAt: new Date(started).toISOString(),
    durationMs,
    tools,
    summary: {
      ...summary,
      line:
        `replay ${target} (derived): ${[`${tools.length} tools`, ...parts].join(' ')} (${n} cases, ` +
        `${(durationMs / 1000).toFixed(1)}s)`,
    },
    trust: { level: 'spec-monitored', sentence: SENTENCES['spec-monitored'] },
    behaviour: { anchors: 0, stale: [] },
  };
}
