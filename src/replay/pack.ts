import { currentSnapshot } from '../history/store.js';
import { storePaths } from '../history/paths.js';
import { loadFixtures } from '../emulator/fixtures.js';
import { writeFileAtomic } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
import { toJUnit } from './junit.js';
import { resolveTarget } from './target.js';
import { METERING_SERVICE } from './anchors.js';
import { DERIVED_PROTOCOLS, runDerivedReplay } from './derived.js';
import { SENTENCES, storeTrust } from './trust.js';
import type { ReplayReport, Target } from './types.js';
import type { Snapshot } from '../snapshot/types.js';

export interface ReplayPackOptions {
  root: string;
  target?: string;
  endpoint?: string;
  region?: string;
  fixtures?: string;
  junit?: string;
  /** false: do not touch the stored verdict. */
  store?: boolean;
  progress?: (msg: string) => void;
}

/**
 * Replays a pack's current snapshot against its target and stores what the run shows in the verdict:
 * the emulator and live rungs of the ladder, and an endpoint's result beside them (never a rung).
 */
export async function replayPack(pack: string, o: ReplayPackOptions): Promise<ReplayReport & { note: string | null }> {
  const snapshot = currentSnapshot(o.root, pack);
  if (!snapshot)
    throw new UsageError(
      `no recorded snapshot for ${pack} under ${o.root} (run \`specwatch refresh --offline\` first)`,
    );
  const t = resolveTarget({ target: o.target, endpoint: o.endpoint });
  const paths = storePaths(o.root, pack);
  const where = t.target === 'emulator' ? 'the built-in emulator' : (t.endpoint ?? 'the live endpoint');
  if (t.note) o.progress?.(`note: ${t.note}`);
  o.progress?.(`replaying ${pack} (${snapshot.tools.length} tools) against ${where} …`);
  // The behavioural cases and the emulator's behaviours are the metering service's. Another service's
  // tools are reported SKIP with the reason: replay proves nothing there yet, and says so.
  if (snapshot.service.name !== METERING_SERVICE) {
    // awsJson services replay derived cases: against the generic emulator layer, an endpoint, or — read-only
    // probes of @readonly operations — the service's own regional AWS endpoint. Anything else is SKIP.
    const liveOnOtherHost = t.target === 'live' && t.endpoint !== null;
    if (!DERIVED_PROTOCOLS.test(snapshot.service.protocol ?? '') || liveOnOtherHost) {
      return { ...unreplayed(pack, snapshot, t.target, t.endpoint), note: t.note };
    }
    const report = await runDerivedReplay(snapshot, pack, { target: t.target, endpoint: t.endpoint, region: o.region });
    if (o.store !== false) {
      const stored = storeTrust(paths.verdictFile, report);
      report.trust = { level: stored.level, sentence: stored.sentence };
    }
    return { ...report, note: t.note };
  }
  // Loaded on use: the AWS SDK is a third of a CLI start, and most runs (watch --replay never, a quiet
  // night with a proven snapshot) never replay.
  const { runReplay } = await import('./runner.js');
  const report = await runReplay({
    snapshot,
    pack,
    target: t.target,
    endpoint: t.endpoint ?? undefined,
    readOnly: t.readOnly,
    region: o.region,
    logDir: paths.replaysDir,
    fixtures: o.fixtures ? loadFixtures(o.fixtures) : undefined,
    onProgress: o.progress,
  });
  if (o.store !== false) {
    const stored = storeTrust(paths.verdictFile, report);
    report.trust = { level: stored.level, sentence: stored.sentence };
  }
  if (o.junit) writeFileAtomic(o.junit, toJUnit(report));
  return { ...report, note: t.note };
}

function unreplayed(pack: string, snapshot: Snapshot, target: Target, endpoint: string | null): ReplayReport {
  const reason =
    `no replay for ${snapshot.service.name} (${snapshot.service.protocol ?? 'no protocol'}): behavioural cases ` +
    'exist for the metering service, derived cases for awsJson services against the emulator; not for this one';
  const tools = snapshot.tools.map((t) => ({ name: t.name, verdict: 'SKIP' as const, reason, cases: [] }));
  return {
    pack,
    target,
    endpoint,
    snapshotFingerprint: snapshot.fingerprint,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    tools,
    summary: {
      PASS: 0,
      FAIL: 0,
      SKIP: tools.length,
      UNIMPLEMENTED: 0,
      line: `replay ${target}: ${tools.length} tools ` + `SKIP:${tools.length} (${reason})`,
    },
    trust: { level: 'spec-monitored', sentence: SENTENCES['spec-monitored'] },
    behaviour: { anchors: 0, stale: [] },
  };
}
