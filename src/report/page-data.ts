import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackConfig } from '../cli/config.js';
import { storePaths } from '../history/paths.js';
import { currentSnapshot, lastVersion, readHistory } from '../history/store.js';
import { drifted, relativeTime } from '../history/timeline.js';
import type { HistoryEntry } from '../history/types.js';
import { readTrust, SENTENCES } from '../replay/trust.js';
import { rootMemberCount } from '../snapshot/refs.js';
import type { ReplayReport, TrustLevel } from '../replay/types.js';

export interface PageData {
  id: string;
  title: string;
  publisher: string;
  sdkPackage: string;
  description: string[];
  summaryLine: string;
  lastChecked: string | null;
  tools: { name: string; class: string; replay: string; replayReason: string; inputs: number; errors: number; doc: string }[];
  trust: { level: TrustLevel; sentence: string };
  replay: { when: string; line: string; target: string } | null;
  timeline: { date: string; ago: string; version: string; summary: string; tools: string; headline: string[] }[];
  history: { ago: string; text: string }[];
  generatedAt: string;
}

/** HTML documentation → plain paragraphs (the page renders text, never upstream markup). */
export function docParagraphs(html: string): string[] {
  return html
    .replace(/<\/(p|li|ul|note|fullname)>/gi, '\n')
    .replace(/<li>/gi, '• ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function firstSentence(s: string): string {
  const m = /^(.{20,220}?[.!?])(\s|$)/.exec(s);
  return m ? m[1] : s.length > 220 ? s.slice(0, 217) + '…' : s;
}

function readReplay(root: string, pack: string, target: string): ReplayReport | null {
  const f = join(storePaths(root, pack).replaysDir, `${target}.json`);
  if (!existsSync(f)) return null;
  try { return JSON.parse(readFileSync(f, 'utf8')) as ReplayReport; } catch { return null; }
}

export function pageData(root: string, pack: PackConfig, now = new Date()): PageData {
  const paths = storePaths(root, pack.id);
  const entries = readHistory(paths);
  const snap = currentSnapshot(root, pack.id);
  const last = lastVersion(entries);
  const trustRec = snap ? readTrust(paths.verdictFile, snap.fingerprint) : null;
  const trust = trustRec ? { level: trustRec.level, sentence: trustRec.sentence } : { level: 'spec-monitored' as TrustLevel, sentence: SENTENCES['spec-monitored'] };
  const replay = readReplay(root, pack.id, 'live') ?? readReplay(root, pack.id, 'emulator');
  const replayFresh = replay && snap && replay.snapshotFingerprint === snap.fingerprint ? replay : null;
  const latestObs = entries.length ? entries[entries.length - 1] : null;
  return {
    id: pack.id,
    title: pack.title,
    publisher: pack.publisher ?? '',
    sdkPackage: pack.sdkPackage,
    description: docParagraphs(snap?.service.documentation ?? ''),
    summaryLine: last?.summary ?? 'no version recorded yet',
    lastChecked: latestObs ? `${relativeTime(latestObs.time, now)} (${latestObs.outcome})` : null,
    tools: (snap?.tools ?? []).map((t) => {
      const r = replayFresh?.tools.find((x) => x.name === t.name);
      return {
        name: t.name, class: last?.tools?.[t.name] ?? 'CLEAN', replay: r?.verdict ?? 'not replayed', replayReason: r?.reason ?? '',
        inputs: rootMemberCount(t.input), errors: t.errors.length, doc: firstSentence(docParagraphs(t.documentation)[0] ?? ''),
      };
    }),
    trust,
    replay: replayFresh ? { when: relativeTime(replayFresh.startedAt, now), line: replayFresh.summary.line, target: replayFresh.target } : null,
    timeline: entries.filter(drifted).reverse().map((e: HistoryEntry) => ({
      date: e.time.slice(0, 10), ago: relativeTime(e.time, now), version: e.versionId ?? '', summary: e.summary ?? '',
      tools: Object.entries(e.tools ?? {}).filter(([, c]) => c !== 'CLEAN').map(([t, c]) => `${t} ${c}`).join(', '), headline: e.headline,
    })),
    history: [...entries].reverse().slice(0, 30).map((e) => ({
      ago: relativeTime(e.time, now),
      text: e.outcome === 'fetch-failed' ? `fetch failed: ${e.error}` : `${e.summary}${e.outcome === 'unchanged' ? ' (unchanged)' : ''}`,
    })),
    generatedAt: now.toISOString(),
  };
}
