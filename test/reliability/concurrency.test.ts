import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory } from '../../src/history/store.js';
import { storePaths } from '../../src/history/paths.js';
import { cliAsync, CORPUS, ROOT, tmp } from '../helpers.js';

const run = (args: string[]) =>
  new Promise<number | null>((resolve) => {
    const c = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'reliability', 'lock-worker.ts'), ...args],
      { stdio: 'ignore' },
    );
    c.on('close', (code) => resolve(code));
  });

describe('the store lock excludes across processes', () => {
  it('8 processes × 25 critical sections, 3 of them dying inside: no two sections ever overlap', async () => {
    const dir = tmp();
    const lock = join(dir, '.lock');
    const log = join(dir, 'log');
    const codes = await Promise.all([
      ...Array.from({ length: 8 }, () => run([lock, log, '25'])),
      ...Array.from({ length: 3 }, () => run([lock, log, '1', 'crash'])),
    ]);
    expect(codes.filter((c) => c === 0)).toHaveLength(8);
    // A crasher may have been last: its stale lock is taken over by the next writer.
    expect(await run([lock, log, '1'])).toBe(0);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    let inside: string | null = null;
    let sections = 0;
    for (const l of lines) {
      const [what, pid] = l.split(' ');
      if (what === 'enter') {
        expect(inside, `overlap: ${pid} entered while ${inside} was inside`).toBe(null);
        inside = pid;
      } else {
        expect(inside).toBe(pid);
        inside = null;
        sections++;
      }
      // A crashed owner never exits: the next enter takes over its stale lock.
      if (what === 'enter' && lines.indexOf(`exit ${pid}`) === -1) inside = null;
    }
    expect(sections).toBe(201);
    expect(readdirSync(dir).sort()).toEqual(['log']); // no lock or temp file left behind
  }, 60_000);

  it('12 parallel `record` processes of different versions: an exact previousVersionId chain, no exit 4', async () => {
    const root = tmp();
    const files = readdirSync(join(CORPUS, 'botocore'))
      .filter((f) => /^\d{3}-/.test(f))
      .slice(0, 12);
    const results = await Promise.all(
      files.map((f) => cliAsync(['record', join(CORPUS, 'botocore', f), '--root', root])),
    );
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const paths = storePaths(root, 'amazonaws-com-meteringmarketplace');
    const text = readFileSync(paths.historyFile, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trim().split('\n');
    const entries = readHistory(paths);
    expect(entries).toHaveLength(lines.length); // no torn line
    expect(new Set(entries.map((e) => e.sha256)).size).toBe(entries.length);
    expect(entries[0].previousVersionId).toBe(null);
    for (let i = 1; i < entries.length; i++) expect(entries[i].previousVersionId).toBe(entries[i - 1].versionId);
    expect(readdirSync(paths.snapshotsDir).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120_000);
});
