import type { PageData } from './page-data.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown twin of the status page (also used as the Actions job summary). */
export function renderMarkdown(d: PageData): string {
  const out: string[] = [
    `# ${d.title}`, '', `${d.publisher} · pack \`${d.id}\``, '',
    "Watched for drift — classified from the API's own spec.", '',
    `**${d.summaryLine}**`, '', `Last checked ${d.lastChecked ?? 'never'}.`, '',
    '## Agent trust', '', `the agent verdict → ${d.trust.sentence} (\`${d.trust.level}\`)`, '',
    '## Tools', '', '| tool | drift class | input members | errors | replay |', '|---|---|---|---|---|',
    ...d.tools.map((t) => `| \`${t.name}\` | ${t.class} | ${t.inputs} | ${t.errors} | ${t.replay}${t.replayReason ? ` — ${cell(t.replayReason)}` : ''} |`), '',
    '## Behavioral replay', '',
    d.replay ? `${d.replay.line} (${d.replay.when})` : 'No replays yet — this connector is spec-monitored.', '',
    '## Drift timeline', '',
  ];
  if (!d.timeline.length) out.push('No drift recorded yet — the spec has held its shape.');
  for (const e of d.timeline) {
    out.push(`- **${e.date}** (${e.ago}) \`${e.version}\`: ${e.summary}${e.tools ? ` — ${e.tools}` : ''}`);
    for (const h of e.headline) out.push(`  - ${h}`);
  }
  out.push('', '## Spec history', '', ...d.history.map((h) => `- ${h.ago} ${h.text}`), '', '## Install and use', '', '```sh', `npm install ${d.sdkPackage}`, `npx specwatch replay ${d.id}`, '```', '');
  return out.join('\n');
}
