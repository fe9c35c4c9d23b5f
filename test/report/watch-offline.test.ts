import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliAsync, ROOT, tmp } from '../helpers.js';

describe('specwatch watch --offline (the README main job) on a fresh copy', () => {
  it(
    'prints the summary line and the verdict, replays ' + 'when there is no proof, writes the page; no network',
    async () => {
      const root = tmp();
      for (const d of ['specs', 'snapshots', 'specwatch.config.json'])
        cpSync(join(ROOT, d), join(root, d), { recursive: true });
      // Without a stored proof for the current snapshot, watch replays against the built-in emulator.
      rmSync(join(root, 'snapshots', 'amazonaws-com-meteringmarketplace', 'verdict.json'), { force: true });
      const r = await cliAsync(['watch', '--offline', '--root', root]);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe(
        'amazonaws-com-meteringmarketplace: unchanged since 2026-02-26 19:04 UTC (version 2026-02-26-1aa7c1809021: ' +
          '4 tools CLEAN:4 residual 0%)',
      );
      expect(r.stdout).toMatch(/replay emulator: 4 tools PASS:4/);
      expect(r.stdout).toMatch(/agent verdict: Usable — every tool replays as modelled against the emulator/);
      const html = join(root, 'status', 'amazonaws-com-meteringmarketplace.html');
      expect(existsSync(html)).toBe(true);
      expect(readFileSync(html, 'utf8')).toMatch(/4 tools CLEAN:4 residual 0%/);
      expect(
        JSON.parse(readFileSync(join(root, 'snapshots', 'amazonaws-com-meteringmarketplace', 'verdict.json'), 'utf8'))
          .level,
      ).toBe('replay-proven');
    },
  );

  it('--json prints one document', async () => {
    const root = tmp();
    for (const d of ['specs', 'snapshots', 'specwatch.config.json'])
      cpSync(join(ROOT, d), join(root, d), { recursive: true });
    const r = await cliAsync(['watch', '--offline', '--root', root, '--json', '--replay', 'always']);
    const doc = JSON.parse(r.stdout);
    expect(doc[0]).toMatchObject({
      pack: 'amazonaws-com-meteringmarketplace',
      outcome: 'unchanged',
      summary: '4 tools CLEAN:4 residual 0%',
      trust: { level: 'replay-proven' },
    });
  });
});
