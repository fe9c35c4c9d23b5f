import { join } from 'node:path';
import type { PackConfig } from '../config/config.js';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic.js';
import { directoryFiles, directoryRows, renderDirectoryHtml, renderDirectoryMarkdown } from './directory.js';
import { pageData } from './page-data.js';
import { renderHtml } from './page-html.js';
import { renderMarkdown } from './page-markdown.js';

/** Writes status/<pack>.html and status/<pack>.md; returns their paths and the Markdown. */
/** Files are rewritten only when their bytes change. */
export function writeStatusPage(root: string, pack: PackConfig, outDir = join(root, 'status')) {
  const d = pageData(root, pack);
  const html = join(outDir, `${pack.id}.html`);
  const md = join(outDir, `${pack.id}.md`);
  const markdown = renderMarkdown(d);
  writeIfChanged(html, renderHtml(d));
  writeIfChanged(md, markdown);
  return { html, md, markdown, data: d };
}

function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileAtomic(file, text);
}

/** Writes status/index.html and status/index.md: the directory of every pack (rewritten only on change). */
export function writeDirectory(root: string, packs: PackConfig[], outDir = join(root, 'status')) {
  const rows = directoryRows(
    root,
    [...packs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const f = directoryFiles(outDir);
  writeIfChanged(f.html, renderDirectoryHtml(rows));
  writeIfChanged(f.md, renderDirectoryMarkdown(rows));
  return { ...f, rows };
}
