import type { DiffResult } from '../drift/types.js';
import { diffMarkdown } from '../report/diff-markdown.js';
import { inert } from '../report/inert.js';
import type { Snapshot } from '../snapshot/types.js';
import { fingerprintMarker, packMarker } from './marker.js';

/** Titles are plain text on GitHub, but mentions still notify: break them. */
const inertTitle = (s: string) => s.replace(/@/g, '@\u200b').replace(/[\r\n]+/g, ' ');

/** GitHub refuses issue bodies over 65,536 characters. */
export const MAX_BODY = 65_536;

export interface IssueInput {
  pack: string;
  fingerprint: string;
  baselineVersion: string | null;
  currentVersion: string;
  diff: DiffResult;
  baseline: Snapshot | null;
  current: Snapshot;
  specLinks: { baseline: string | null; current: string };
  trustSentence: string | null;
  /** Emulator rules and replay expectations resting on doc facts that changed. */
  stale?: string[];
}

export function worstAndTools(diff: DiffResult): { worst: string; tools: string[] } {
  const order = ['CLEAN', 'DOC', 'ADDITIVE', 'RISKY', 'UNCLASSIFIED', 'BREAKING'];
  const classes = [diff.service.class, ...diff.tools.map((t) => t.class)];
  const worst = classes.reduce((w, c) => (order.indexOf(c) > order.indexOf(w) ? c : w), 'CLEAN');
  return { worst, tools: diff.tools.filter((t) => t.class !== 'CLEAN').map((t) => t.name) };
}

export function issueTitle(i: IssueInput): string {
  const { worst, tools } = worstAndTools(i.diff);
  const names = tools.length ? tools.map((t) => inertTitle(t)).join(', ') : 'the service';
  return `[specwatch] ${i.pack}: ${worst} drift in ${names.length > 180 ? `${names.slice(0, 180)}…` : names}`;
}

/** The issue body, kept under GitHub's limit: excerpts go first, then tables are cut with a note. */
export function issueBody(i: IssueInput): string {
  const head = [
    packMarker(i.pack),
    fingerprintMarker(i.fingerprint),
    `**${inert(i.diff.summary.line)}** — ${i.pack} drifted from the reviewed baseline.`,
    '',
    `| | version | spec |`,
    `|---|---|---|`,
    `| baseline | ${i.baselineVersion ?? '(none)'} | ` +
      `${i.specLinks.baseline ? `[raw model](${i.specLinks.baseline})` : '—'} |`,
    `| current | ${i.currentVersion} | [raw model](${i.specLinks.current}) |`,
    '',
    i.trustSentence ? `Agent verdict: ${i.trustSentence}` : '',
    '',
    ...(i.stale?.length
      ? [
          '**Stale behaviour** (rests on documentation that changed):',
          '',
          ...i.stale.slice(0, 10).map((l) => `- STALE ${inert(l)}`),
          '',
        ]
      : []),
  ].join('\n');
  const tail =
    '\n---\nWhen the change is reviewed, run `specwatch accept ' +
    i.pack +
    '` to make this version the baseline; a later version that restores the contract closes this issue.\n';
  for (const excerptChars of [3000, 800, 0]) {
    const md = diffMarkdown(i.diff, excerptChars ? { oldSnap: i.baseline, newSnap: i.current, excerptChars } : {});
    const body = head + md + tail;
    if (body.length < MAX_BODY) return body;
  }
  // Rows worst class first, within what is left: never a BREAKING row cut for a long RISKY or DOC one.
  for (let budget = MAX_BODY - head.length - tail.length - 2000; budget > 0; budget -= 4000) {
    const body = head + diffMarkdown(i.diff, { budget }) + tail;
    if (body.length < MAX_BODY) return body;
  }
  return head + tail;
}
