import type { CheckState } from './store.js';
import type { HistoryEntry } from './types.js';

export function relativeTime(iso: string, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  if (s < 86400 * 60) return `${Math.floor(s / 86400)}d ago`;
  if (s < 86400 * 365) return `${Math.floor(s / (86400 * 30))}mo ago`;
  return `${Math.floor(s / (86400 * 365))}y ago`;
}

/** A version drifted when any tool or the service changed class from CLEAN. */
export function drifted(e: HistoryEntry): boolean {
  if (e.outcome !== 'new-version' || !e.previousVersionId) return false;
  return (
    Object.values(e.tools ?? {}).some((c) => c !== 'CLEAN') || (e.serviceClass !== null && e.serviceClass !== 'CLEAN')
  );
}

/** The spec history, newest first: one line per version, and first the failing fetch, if it fails. */
export function historyLines(entries: HistoryEntry[], now = new Date(), check: CheckState | null = null): string[] {
  const lines = [...entries].reverse().map((e) => `${relativeTime(e.time, now).padEnd(9)} ${e.summary ?? ''}`);
  if (check?.fetch === 'failed') {
    const ago = relativeTime(check.since, now).padEnd(9);
    lines.unshift(`${ago} fetch failing since ${utc(check.since)}: ${check.error}`);
  }
  return lines;
}

/** An absolute UTC time for people: `2026-02-26 19:04 UTC`. */
export const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function timelineEntries(entries: HistoryEntry[]): HistoryEntry[] {
  return entries.filter(drifted).reverse();
}

export function timelineLines(entries: HistoryEntry[], now = new Date()): string[] {
  const drift = timelineEntries(entries);
  if (!drift.length) return ['No drift recorded yet — the spec has held its shape.'];
  const out: string[] = [];
  for (const e of drift) {
    const tools = Object.entries(e.tools ?? {})
      .filter(([, c]) => c !== 'CLEAN')
      .map(([t, c]) => `${t} ${c}`)
      .join(', ');
    const svc = e.serviceClass && e.serviceClass !== 'CLEAN' ? `; service ${e.serviceClass}` : '';
    const which = tools ? ` — ${tools}` : '';
    out.push(`${e.time.slice(0, 10)} (${relativeTime(e.time, now)}) ${e.versionId}: ${e.summary}${which}${svc}`);
    for (const h of e.headline) out.push(`    ${h}`);
  }
  return out;
}
