import type { PageData } from './page-data.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cls = (c: string) => `<span class="badge b-${esc(c.toLowerCase().replace(/\s+/g, '-'))}">${esc(c)}</span>`;

/**
 * The connector status page: one self-contained HTML file (inline CSS, no scripts, no external
 * requests), deterministic for a given store. Upstream text is escaped, never rendered as markup.
 */
const NO_DRIFT = '<p>No drift recorded yet — the spec has held its shape.</p>';
const NO_REPLAY =
  '<p>No replays yet — this connector is spec-monitored. Behavioral proof arrives with replay against the ' +
  'emulator and credentialed, read-only live probes.</p>';

const toolRow = (t: PageData['tools'][number]) =>
  `<tr><td><code>${esc(t.name)}</code><div class="muted">${esc(t.doc)}</div></td>` +
  `<td>${cls(t.class)}</td><td>${t.inputs}</td><td>${t.errors}</td><td>${cls(t.replay)}</td></tr>`;

const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

const timelineItem = (e: PageData['timeline'][number]) =>
  `<li><b>${esc(e.date)}</b> <span class="muted">${esc(e.version)}</span><br>` +
  `${esc(e.summary)}${e.tools ? ` — ${esc(e.tools)}` : ''}${e.headline.length ? list(e.headline) : ''}</li>`;

const replayRow = (r: PageData['replays'][number]) =>
  `<tr><td>${esc(r.target)}` +
  `${r.url ? `<div class="muted">${esc(r.url)}</div>` : ''}</td><td>${esc(r.line)}</td><td>${esc(r.when)}</td></tr>`;

const behaviourRow = (b: PageData['behaviour'][number]) =>
  `<tr class="${b.status}"><td>${esc(b.behaviour)}</td>` +
  `<td><code>${esc(b.tool)}</code> <span class="muted">${esc(b.path)}</span></td><td>“${esc(b.fact)}”</td>` +
  `<td>${b.status === 'ok' ? cls('ok') : `${cls('STALE')}<div class="muted">${esc(b.reason ?? '')}</div>`}</td></tr>`;

const historyItem = (h: PageData['history'][number]) =>
  `<li><b>${esc(h.date)}</b> <span class="muted">${esc(h.version)}</span> ${esc(h.text)}</li>`;

export function renderHtml(d: PageData): string {
  const tools = d.tools.map(toolRow).join('\n');
  const timeline = d.timeline.length
    ? `<ol class="timeline">${d.timeline.map(timelineItem).join('\n')}</ol>`
    : NO_DRIFT;
  const replay = d.replays.length
    ? '<table id="replays"><thead><tr><th>target</th><th>result</th><th>when</th></tr></thead>' +
      `<tbody>${d.replays.map(replayRow).join('')}</tbody></table>`
    : NO_REPLAY;
  const description = renderDescription(d.description);
  // Each emulator rule and replay expectation with the documentation fact it implements.
  const behaviour = d.behaviour.length
    ? '<h2>Documented behaviour</h2>\n<div class="scroll"><table id="behaviour">' +
      '<thead><tr><th>behaviour</th><th>where</th><th>rests on</th><th>status</th></tr></thead>' +
      `<tbody>${d.behaviour.map(behaviourRow).join('\n')}</tbody></table></div>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(d.title)} — specwatch</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1f2328;background:#fff}
h1{margin:0;font-size:1.8rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem;font-size:1.2rem}
.muted{color:#59636e;font-size:.85rem}
.summary{font:600 1.05rem ui-monospace,monospace;background:#f6f8fa;padding:.5rem .8rem;border-radius:6px;
display:inline-block}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #d0d7de;padding:.45rem .5rem;text-align:left;vertical-align:top}
.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;font:600 .75rem ui-monospace,monospace;
border:1px solid #d0d7de}
.b-clean,.b-pass,.b-ok,.b-replay-proven,.b-live-proven{background:#dafbe1;color:#116329}
.b-doc{background:#ddf4ff;color:#0550ae}.b-additive{background:#e6f6e6;color:#1a7f37}
.b-risky,.b-stale,.b-unimplemented{background:#fff8c5;color:#7d4e00}
.b-breaking,.b-fail,.b-unclassified{background:#ffebe9;color:#a40e26}
.b-skip,.b-not-replayed,.b-spec-monitored{background:#f6f8fa;color:#59636e}
.verdict{border-left:4px solid #8250df;padding:.5rem 1rem;background:#fbefff}code{font:.9rem ui-monospace,monospace}
.timeline li{margin-bottom:.6rem}pre{background:#f6f8fa;padding:.6rem;border-radius:6px;overflow:auto}
.scroll{overflow-x:auto}body,code,td{overflow-wrap:anywhere}
@media (max-width:600px){body{margin:1rem auto;font-size:14px}h1{font-size:1.4rem}td,th{padding:.3rem}
.summary{display:block}}
</style>
</head>
<body>
<header>
<h1>${esc(d.title)}</h1>
<div class="muted">${esc(d.publisher)} · pack <code>${esc(d.id)}</code></div>
<p>Watched for drift — classified from the API's own spec. ${cls(d.trust.level)}</p>
<p class="summary" id="summary">${esc(d.summaryLine)}</p>
<p class="muted" id="upstream">${esc(d.upstream)}</p>
</header>
<section id="description">${description}</section>
<h2>Agent trust</h2>
<div class="verdict" id="verdict"><b>the agent verdict →</b> ${esc(d.trust.sentence)}</div>
<h2>Tools</h2>
<div class="scroll"><table id="tools"><thead><tr><th>tool</th><th>drift class</th><th>input members</th><th>errors</th>
<th>replay (emulator)</th></tr></thead>
<tbody>
${tools}
</tbody></table></div>
<h2>Behavioral replay</h2>
<div class="scroll">${replay}</div>
${behaviour}
<h2>Drift timeline</h2>
<div id="timeline">${timeline}</div>
<h2>Spec history</h2>
<ul id="history">${d.history.map(historyItem).join('\n')}</ul>
<h2>Install and use</h2>
<pre>npm install ${esc(d.sdkPackage)}
npx specwatch diff OLD.json NEW.json --fail-on BREAKING
npx specwatch replay ${esc(d.id)}</pre>
</body>
</html>
`;
}

/** The service description in full: paragraphs, and "• " items grouped back into lists. */
function renderDescription(paras: string[]): string {
  const out: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) out.push(list(items));
    items = [];
  };
  for (const p of paras) {
    if (p.startsWith('• ')) items.push(p.slice(2));
    else {
      flush();
      out.push(`<p>${esc(p)}</p>`);
    }
  }
  flush();
  return out.join('\n');
}
