import { join } from 'node:path';
import type { PackConfig } from '../config/config.js';
import { rank, type DriftClass } from '../drift/types.js';
import { storePaths } from '../history/paths.js';
import { lastVersion, readCheck, readHistory } from '../history/store.js';
import { utc } from '../history/timeline.js';
import { readTrust } from '../replay/trust.js';
import { currentSnapshot } from '../history/store.js';
import { inert, inertCode } from './inert.js';

/** One row of the connector directory. */
export interface DirectoryRow {
  id: string;
  title: string;
  protocol: string;
  tools: number;
  /** The worst class of the newest version's change (CLEAN for a first version). */
  class: DriftClass;
  residual: number;
  trust: string;
  lastVersion: string;
  lastVersionDate: string;
  /** The open drift issue (`#12`), as the last sync left it; null when none is open or none is known. */
  issue?: string | null;
}

export function directoryRows(root: string, packs: PackConfig[]): DirectoryRow[] {
  return packs.map((p) => {
    const paths = storePaths(root, p.id);
    const last = lastVersion(readHistory(paths));
    const snap = currentSnapshot(root, p.id);
    const classes = [last?.serviceClass ?? 'CLEAN', ...Object.values(last?.tools ?? {})] as DriftClass[];
    const worst = classes.reduce<DriftClass>((w, c) => (rank(c) > rank(w) ? c : w), 'CLEAN');
    const open = readCheck(paths)?.issue;
    const openIssue = open?.state === 'open' ? open : null;
    const trust = snap ? (readTrust(paths.verdictFile, snap.fingerprint)?.level ?? 'spec-monitored') : 'not recorded';
    return {
      id: p.id,
      title: p.title,
      protocol: snap?.service.protocol ?? '—',
      tools: snap?.tools.length ?? 0,
      class: worst,
      residual: last?.residual ?? 0,
      trust,
      lastVersion: last?.versionId ?? '—',
      lastVersionDate: last ? utc(last.time) : '—',
      issue: openIssue ? `#${openIssue.number}` : null,
    };
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * `status/index.html`: every pack with its class, residual, trust and newest version, linking to its page.
 * One self-contained file; a small inline script sorts (click a header) and filters (type in the box)
 * without a server. Rows are in pack-id order, so the same store gives the same bytes.
 */
export function renderDirectoryHtml(rows: DirectoryRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr data-class="${rank(r.class)}"><td><a href="${esc(r.id)}.html">${esc(r.title)}</a>` +
        `<div class="muted">${esc(r.id)}</div></td><td>${esc(r.protocol)}</td><td>${r.tools}</td>` +
        `<td><span class="badge b-${r.class.toLowerCase()}">${r.class}</span></td>` +
        `<td>${Math.round(r.residual * 100)}%</td>` +
        `<td>${esc(r.trust)}</td><td>${esc(r.lastVersionDate)}<div class="muted">${esc(r.lastVersion)}</div></td>` +
        `<td>${esc(r.issue ?? '—')}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>specwatch — connector directory</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1f2328}
.muted{color:#59636e;font-size:.85em}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d1d9e0;vertical-align:top}
th{cursor:pointer;white-space:nowrap}
input{font:inherit;padding:.3rem .5rem;width:100%;max-width:24rem;box-sizing:border-box}
.badge{border-radius:1rem;padding:0 .5rem;font-size:.8em}.b-clean{background:#dafbe1}.b-doc{background:#ddf4ff}
.b-additive{background:#e6f6e6}.b-risky,.b-unclassified{background:#fff8c5}.b-breaking{background:#ffebe9}
</style>
</head>
<body>
<h1>Connector directory</h1>
<p class="muted">${rows.length} packs · cloud · amazonaws.com · click a column to sort</p>
<p><input id="filter" type="search" aria-label="filter"
  placeholder="filter packs (name, id, protocol, class, trust)"></p>
<div class="scroll"><table id="packs"><thead><tr><th data-k="0">pack</th><th data-k="1">protocol</th>
<th data-k="2" data-n="1">tools</th><th data-k="3" data-c="1">drift class</th><th data-k="4" data-n="1">residual</th>
<th data-k="5">trust</th><th data-k="6">newest version</th><th data-k="7">drift issue</th></tr></thead>
<tbody>
${body}
</tbody></table></div>
<p class="muted" id="count">${rows.length} shown</p>
<script>
(() => {
  const tb = document.querySelector('#packs tbody');
  const rows = [...tb.rows];
  const count = document.getElementById('count');
  document.getElementById('filter').addEventListener('input', (e) => {
    const q = e.target.value.toLowerCase();
    let n = 0;
    for (const r of rows) { const on = r.textContent.toLowerCase().includes(q); r.hidden = !on; if (on) n++; }
    count.textContent = n + ' shown';
  });
  let last = null, dir = 1;
  document.querySelectorAll('#packs th[data-k]').forEach((th) => th.addEventListener('click', () => {
    const k = +th.dataset.k;
    dir = last === k ? -dir : (th.dataset.c ? -1 : 1);
    last = k;
    const text = (r) => r.cells[k].textContent;
    const key = (r) => th.dataset.c ? +r.dataset.class : th.dataset.n ? parseFloat(text(r)) : text(r);
    rows.sort((a, b) => { const x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    for (const r of rows) tb.appendChild(r);
  }));
})();
</script>
</body>
</html>
`;
}

export function renderDirectoryMarkdown(rows: DirectoryRow[]): string {
  return [
    '# Connector directory',
    '',
    `${rows.length} packs.`,
    '',
    '| pack | protocol | tools | drift class | residual | trust | newest version | drift issue |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| [${inert(r.title)}](${inertCode(r.id)}.html) \`${inertCode(r.id)}\` | ${inert(r.protocol)} | ` +
        `${r.tools} | ${r.class} | ${Math.round(r.residual * 100)}% | ${r.trust} | ` +
        `${r.lastVersionDate} \`${r.lastVersion}\` | ${r.issue ?? '—'} |`,
    ),
    '',
  ].join('\n');
}

export function directoryFiles(outDir: string) {
  return { html: join(outDir, 'index.html'), md: join(outDir, 'index.md') };
}
