import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, ROOT, tmp, vendoredSpec } from '../helpers.js';

describe('bad input: one line naming file and JSON path, exit 2, no stack trace', () => {
  const dir = tmp();
  const good = readFileSync(vendoredSpec(), 'utf8');
  const cases: [string, string, RegExp][] = [
    ['empty.json', '', /empty\.json: \$: empty file/],
    ['truncated.json', good.slice(0, 4000), /truncated\.json: \$\.shapes\[".*"\].*: truncated JSON/],
    ['notmodel.json', '{"openapi": "3.1.0", "paths": {}}', /notmodel\.json: \$: not a service model/],
    [
      'dangling.json',
      good.replace(
        '"target": "com.amazonaws.marketplacemetering#UsageDimension"',
        '"target": "com.amazonaws.marketplacemetering#Nope"',
      ),
      new RegExp(
        String.raw`dangling\.json: \$\.shapes\["com\.amazonaws\.marketplacemetering#\w+"\]\.members\.\w+\.target: ` +
          String.raw`target com\.amazonaws\.marketplacemetering#Nope does not exist`,
      ),
    ],
    [
      'version.json',
      good.replace('"smithy": "2.0"', '"smithy": "9.1"'),
      /version\.json: \$\.smithy: unsupported Smithy version "9\.1"/,
    ],
  ];
  for (const [name, text, re] of cases) {
    it(name, () => {
      const f = join(dir, name);
      writeFileSync(f, text);
      const r = cli(['snapshot', f]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('unknown command and bad --fail-on exit 2', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    const r = cli(['diff', vendoredSpec(), vendoredSpec(), '--fail-on', 'SOMETIMES']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fail-on must be one of/);
  });
});

describe('CLI basics', () => {
  it('--help lists the commands with descriptions', () => {
    const out = execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    for (const c of ['snapshot', 'tools', 'diff', 'record', 'history', 'timeline'])
      expect(out).toMatch(new RegExp(`\\n  ${c} .*\\S`));
  });

  it('tools prints a table of the four tools', () => {
    const r = cli(['tools', vendoredSpec()]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^tool\s+input members\s+output members\s+errors\s+fingerprint$/);
    expect(r.stdout).toMatch(/MeterUsage\s+7\s+1\s+11\s+[0-9a-f]{12}/);
  });

  it('snapshot --out writes the same bytes as stdout', () => {
    const out = join(tmp(), 's.json');
    const a = cli(['snapshot', vendoredSpec()]);
    cli(['snapshot', vendoredSpec(), '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(a.stdout);
    expect(a.stdout.endsWith('}\n')).toBe(true);
  });
});

describe('--help', () => {
  it("the bin's cached help is exactly what commander prints, and teaches every command", () => {
    const fast = cli(['--help']);
    const slow = cli(['--help'], { env: { SPECWATCH_NO_HELP_CACHE: '1' } });
    expect(fast.code).toBe(0);
    expect(fast.stdout).toBe(slow.stdout);
    for (const c of ['watch', 'diff', 'facts', 'pack', 'mcp', 'add', 'packs', 'replay', 'emulator']) {
      expect(fast.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    }
  });
});

describe('start-up', () => {
  it('the bin runs the bundle of dist/: a nightly links a few chunks, no module from node_modules', () => {
    const root = tmp();
    for (const d of ['specs', 'snapshots', 'specwatch.config.json'])
      cpSync(join(ROOT, d), join(root, d), { recursive: true });
    const log = join(tmp(), 'resolved.txt');
    const hook = join(ROOT, 'test', 'fixtures', 'hooks', 'count-resolves.mjs');
    const r = spawnSync(process.execPath, ['--import', hook, BIN, 'watch', '--offline', '--root', root, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SPECWATCH_RESOLVE_LOG: log },
    });
    expect(r.status, r.stderr).toBe(0);
    const urls = new Set(readFileSync(log, 'utf8').trim().split('\n'));
    const files = [...urls].filter((u) => u.startsWith('file:') && !u.includes('/test/fixtures/hooks/'));
    // The bin, the entry chunk and the chunks the command needs (42 today); unbundled, 210 modules linked here
    // (96 of them under node_modules) and many more through require().
    expect(files.filter((u) => u.includes('/node_modules/'))).toEqual([]);
    expect(
      files.every((u) => u.endsWith('/bin/specwatch.js') || u.includes('/dist/bundle/')),
      files.join(),
    ).toBe(true);
    expect(files.length).toBeLessThan(60);
  });
});

describe('a reader that goes away', () => {
  it('`specwatch … | head`: a closed pipe ends the output, not the run; no stack trace, its exit code', async () => {
    for (const args of [
      ['emulator', '--help'],
      ['facts', '--json'],
    ]) {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first write
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect([code, stderr], args.join(' ')).toEqual([0, '']);
    }
  });
});
