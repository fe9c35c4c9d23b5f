import { join } from 'node:path';
import type { PackConfig } from '../cli/config.js';
import { writeFileAtomic } from '../util/atomic.js';
import { pageData } from './page-data.js';
import { renderHtml } from './page-html.js';
import { renderMarkdown } from './page-markdown.js';

/** Writes status/<pack>.html and status/<pack>.md; returns their paths and the Markdown. */
export function writeStatusPage(root: string, pack: PackConfig, outDir = join(root, 'status'), now = new Date()) {
  const d = pageData(root, pack, now);
  const html = join(outDir, `${pack.id}.html`);
  const md = join(outDir, `${pack.id}.md`);
  const markdown = renderMarkdown(d);
  writeFileAtomic(html, renderHtml(d));
  writeFileAtomic(md, markdown);
  return { html, md, markdown, data: d };
}
