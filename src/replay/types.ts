import type { FactKind } from '../facts/extract.js';
import type { MarketplaceMeteringClient } from '@aws-sdk/client-marketplace-metering';
import type { Fixtures } from '../emulator/fixtures.js';
import type { Snapshot } from '../snapshot/types.js';

export type Verdict = 'PASS' | 'FAIL' | 'SKIP' | 'UNIMPLEMENTED';
export type Target = 'emulator' | 'endpoint' | 'live';

export interface CaseEnv {
  snapshot: Snapshot;
  now: Date;
  /** A unique suffix per run, so idempotency tokens never collide across runs. */
  runId: string;
  /** The emulator's public key route, when the target is the built-in emulator. */
  emulatorUrl: string | null;
}

export interface CaseResult {
  name: string;
  kind: 'happy' | 'boundary' | 'negative' | 'probe';
  verdict: Verdict;
  reason: string;
  durationMs: number;
  unknownFields?: string[];
}

/** One replay case: declarative data plus, where needed, a small semantic check. */
export interface ReplayCase {
  name: string;
  kind: 'happy' | 'boundary' | 'negative' | 'probe';
  /** Build the command input from the current snapshot (so drifted limits move the case). */
  input(env: CaseEnv): Record<string, unknown>;
  /** Expected modelled (or documented) error name; absent for a success case. */
  expectError?: string;
  /** The HTTP status of an expected error that is documented but not modelled (DryRunOperation: 400). */
  expectStatus?: number;
  /**
   * The documentation phrase the expectation rests on (beyond the schema and the modelled errors). When
   * the current snapshot's docs no longer say it, the case is SKIP with that reason.
   */
  ground?: string;
  /**
   * The documentation fact the expectation implements (doc path and fact as `specwatch facts` prints
   * them). When the current snapshot no longer states it there, the case's behaviour is STALE.
   */
  anchor?: { path: string; kind: FactKind; fact: string };
  /** Caller identity and region (emulator fixtures map access keys to callers). */
  accessKeyId?: string;
  region?: string;
  /** Emulator-only setup (fault injection, fixtures): such cases are skipped on other targets. */
  emulator?: { faults?: Fixtures['faults']; disabled?: string[] };
  /** Send the same input first (idempotency cases); the check sees both responses. */
  repeat?: boolean;
  /** A call sent first, which must succeed (e.g. the original of a conflicting retry). */
  prime?(env: CaseEnv): Record<string, unknown>;
  /** The read-only live probe this case is (only probes run live). */
  liveProbe?: boolean;
  check?(
    res: Record<string, unknown>,
    env: CaseEnv,
    first?: Record<string, unknown>,
  ): Promise<string | null> | string | null;
}

export interface ToolCases {
  tool: string;
  command: string;
  cases: ReplayCase[];
  /** Why this tool has no live probe (RegisterUsage meters when it succeeds). */
  liveSkip?: string;
}

export interface ToolReport {
  name: string;
  verdict: Verdict;
  reason: string;
  cases: CaseResult[];
}

export type TrustLevel = 'spec-monitored' | 'replay-proven' | 'live-proven';

export interface ReplayReport {
  pack: string;
  target: Target;
  endpoint: string | null;
  snapshotFingerprint: string;
  startedAt: string;
  durationMs: number;
  tools: ToolReport[];
  summary: { PASS: number; FAIL: number; SKIP: number; UNIMPLEMENTED: number; line: string };
  trust: { level: TrustLevel; sentence: string };
  /** Emulator rules and replay expectations, and whether the doc facts they rest on still hold. */
  behaviour: { anchors: number; stale: StaleBehaviour[] };
}

export interface StaleBehaviour {
  behaviour: string;
  tool: string;
  path: string;
  fact: string;
  reason: string;
}

export type ClientFactory = (opts: { accessKeyId?: string; region?: string }) => MarketplaceMeteringClient;
