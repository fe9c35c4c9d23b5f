import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordVersion } from '../src/history/store.js';
import { loadModelText } from '../src/model/load.js';
import { normalize } from '../src/snapshot/normalize.js';
import type { Snapshot } from '../src/snapshot/types.js';

export const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
export const FIX = join(ROOT, 'test', 'fixtures');
export const CORPUS = join(FIX, 'corpus');
export const VENDORED = join(ROOT, 'specs', 'amazonaws-com-meteringmarketplace');

export function tmp(prefix = 'specwatch-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface CorpusVersion {
  file: string;
  path: string;
  date: string;
  notes: string[];
  idl?: string;
}

export function corpus(kind: 'botocore' | 'smithy'): CorpusVersion[] {
  const idx = JSON.parse(readFileSync(join(CORPUS, kind, 'INDEX.json'), 'utf8')) as {
    versions: Record<string, unknown>[];
  };
  return idx.versions.map((v) => ({
    file: v.file as string,
    path: join(CORPUS, kind, v.file as string),
    date: v.commit_date as string,
    notes: (v.release_notes as string[]) ?? [],
    idl: v.smithy_idl as string | undefined,
  }));
}

export function snap(path: string, text?: string): Snapshot {
  const t = text ?? readFileSync(path, 'utf8');
  return normalize(loadModelText(t, path), { pack: 'test', bytes: t, location: path });
}

export function vendoredSpec(): string {
  const f = readdirSync(VENDORED)
    .filter((x) => x.endsWith('.json'))
    .sort()
    .pop()!;
  return join(VENDORED, f);
}

/** A store holding one version: the vendored metering model, recorded as `v1.json` on 2026-02-26. */
export function recordVendored(root: string, pack = 'amazonaws-com-meteringmarketplace'): void {
  recordVersion({
    root,
    pack,
    bytes: readFileSync(vendoredSpec()),
    location: 'v1.json',
    kind: 'file',
    observedAt: new Date('2026-02-26T00:00:00Z'),
  });
}

export function corpusFile(kind: 'botocore' | 'smithy', prefix: string): string {
  const f = readdirSync(join(CORPUS, kind)).find((x) => x.startsWith(prefix));
  if (!f) throw new Error(`no corpus file ${kind}/${prefix}`);
  return join(CORPUS, kind, f);
}

export const BIN = join(ROOT, 'bin', 'specwatch.js');

/**
 * The CLI tests run the compiled code users run (dist/, built by `npm test` and `npm ci`): refuse a build
 * older than the sources rather than test stale code.
 */
let checked = false;
function assertFreshBuild(): void {
  if (checked) return;
  // Written by scripts/build.mjs after a good build (tsc is incremental: unchanged outputs keep old mtimes).
  const built = join(ROOT, 'dist', '.build-stamp');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
      0,
    );
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(ROOT, 'src'))) {
    throw new Error('dist/ is older than src/: run `npm run build` (npm test does it first)');
  }
  checked = true;
}

/** Runs the real CLI in a child process. */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}) {
  assertFreshBuild();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: opts.timeout ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI without blocking this process's event loop (needed when the test also serves HTTP). */
export function cliAsync(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertFreshBuild();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
