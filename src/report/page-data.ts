import type { PackConfig } from '../config/config.js';
import { storePaths } from '../history/paths.js';
import { currentSnapshot, lastVersion, readCheck, readHistory } from '../history/store.js';
import { drifted, utc } from '../history/timeline.js';
import type { HistoryEntry } from '../history/types.js';
import { readTrust, SENTENCES } from '../replay/trust.js';
import { behaviourAnchors } from '../replay/anchors.js';
import { rootMemberCount } from '../snapshot/refs.js';
import type { TrustLevel } from '../replay/types.js';

export interface PageData {
  id: string;
  title: string;
  publisher: string;
  sdkPackage: string;
  description: string[];
  summaryLine: string;
  /** The upstream check, without a line per night: "unchanged since …" or "fetch failing since …". */
  upstream: string;
  tools: { name: string; class: string; replay: string; inputs: number; errors: number; doc: string }[];
  trust: { level: TrustLevel; sentence: string };
  /** One row per replay target, each from the stored verdict of the current snapshot (one source of truth). */
  replays: { target: string; when: string; line: string; url: string | null }[];
  timeline: { date: string; version: string; summary: string; tools: string; headline: string[] }[];
  history: { date: string; version: string; text: string }[];
  /** Emulator rules and replay expectations with the doc fact each rests on: ok, or STALE and why. */
  behaviour: {
    behaviour: string;
    tool: string;
    path: string;
    fact: string;
    status: 'ok' | 'stale';
    reason: string | null;
  }[];
}

/** HTML documentation → plain paragraphs (the page renders text, never upstream markup). */
export function docParagraphs(html: string): string[] {
  return html
    .replace(/<\/(p|li|ul|note|fullname)>/gi, '\n')
    .replace(/<li>/gi, '• ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function firstSentence(s: string): string {
  const m = /^(.{20,220}?[.!?])(\s|$)/.exec(s);
  return m ? m[1] : s.length > 220 ? s.slice(0, 217) + '…' : s;
}

/**
 * Everything the page shows, from the store alone: the same store gives the same page, byte for
 * byte (absolute UTC dates, no "generated at", no relative times), so a quiet night changes nothing.
 */
export function pageData(root: string, pack: PackConfig): PageData {
  const paths = storePaths(root, pack.id);
  const entries = readHistory(paths);
  const snap = currentSnapshot(root, pack.id);
  const last = lastVersion(entries);
  const check = readCheck(paths);
  const trustRec = snap ? readTrust(paths.verdictFile, snap.fingerprint) : null;
  const trust = trustRec
    ? { level: trustRec.level, sentence: trustRec.sentence }
    : { level: 'spec-monitored' as TrustLevel, sentence: SENTENCES['spec-monitored'] };
  const replays: PageData['replays'] = [];
  for (const target of ['emulator', 'endpoint', 'live'] as const) {
    const r = trustRec?.[target];
    const url = target === 'endpoint' ? (trustRec?.endpoint?.url ?? null) : null;
    if (r) replays.push({ target, when: utc(r.time), line: r.line, url });
  }
  let upstream = 'no version recorded yet';
  if (check?.fetch === 'failed') upstream = `upstream fetch failing since ${utc(check.since)}: ${check.error}`;
  else if (last) upstream = `upstream unchanged since ${utc(last.time)} (version ${last.versionId})`;
  return {
    id: pack.id,
    title: pack.title,
    publisher: pack.publisher ?? '',
    sdkPackage: pack.sdkPackage,
    description: docParagraphs(snap?.service.documentation ?? ''),
    summaryLine: last?.summary ?? 'no version recorded yet',
    upstream,
    tools: (snap?.tools ?? []).map((t) => ({
      name: t.name,
      class: last?.tools?.[t.name] ?? 'CLEAN',
      replay: trustRec?.emulator?.tools[t.name] ?? 'not replayed',
      inputs: rootMemberCount(t.input),
      errors: t.errors.length,
      doc: firstSentence(docParagraphs(t.documentation)[0] ?? ''),
    })),
    trust,
    replays,
    timeline: entries
      .filter(drifted)
      .reverse()
      .map((e: HistoryEntry) => ({
        date: utc(e.time),
        version: e.versionId ?? '',
        summary: e.summary ?? '',
        tools: Object.entries(e.tools ?? {})
          .filter(([, c]) => c !== 'CLEAN')
          .map(([t, c]) => `${t} ${c}`)
          .join(', '),
        headline: e.headline,
      })),
    behaviour: (snap ? behaviourAnchors(snap) : []).map((a) => ({
      behaviour: a.behaviour,
      tool: a.tool,
      path: a.path,
      fact: a.fact,
      status: a.status,
      reason: a.reason,
    })),
    // Versions only (history records versions, not checks): nothing scrolls off after quiet nights.
    history: [...entries].reverse().map((e) => ({
      date: utc(e.time),
      version: e.versionId ?? '',
      text: e.summary ?? '',
    })),
  };
}
