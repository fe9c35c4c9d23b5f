import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, cliAsync, corpusFile, tmp } from '../helpers.js';
import { serve, upstream } from './server.js';

let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

function project(url: string, extra: Record<string, unknown> = {}) {
  const root = tmp();
  writeFileSync(
    join(root, 'specwatch.config.json'),
    JSON.stringify({
      packs: [
        {
          id: 'demo',
          title: 'Demo',
          sdkPackage: '@aws-sdk/client-marketplace-metering',
          sources: [{ name: 'up', url }],
        },
      ],
      fetch: { timeoutMs: 500, deadlineMs: 5000, retries: 1, backoffMs: 1, maxBytes: 5_000_000 },
      ...extra,
    }),
  );
  return root;
}

describe('specwatch refresh (CLI)', () => {
  it('records, then exits 1 on drift at/above --fail-on, 3 when the fetch fails', async () => {
    const up = await upstream([serve(readFileSync(corpusFile('smithy', '017')))]);
    close = up.close;
    const root = project(up.url);
    const a = await cliAsync(['refresh', '--root', root]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(
      'demo: 4 tools CLEAN:4 residual 0% (new version ' + a.stdout.match(/\(new version ([^)]+)\)/)![1] + ')\n',
    );
    up.setHandlers([serve(readFileSync(corpusFile('smithy', '018')))]);
    const b = await cliAsync(['refresh', '--root', root, '--fail-on', 'BREAKING']);
    expect(b.code).toBe(1);
    expect(b.stdout).toMatch(/^demo: 4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0% \(new version/);
    up.setHandlers([serve('nope', {}, 500)]);
    const c = await cliAsync(['refresh', '--root', root, '--json']);
    expect(c.code).toBe(3);
    expect(JSON.parse(c.stdout)[0]).toMatchObject({ pack: 'demo', outcome: 'fetch-failed', error: 'up: HTTP 500' });
    const h = cli(['history', 'demo', '--root', root]);
    expect(h.stdout.split('\n')[0]).toMatch(/fetch failing since .* UTC: up: HTTP 500/);
  });

  it('a bad config is one line with file and JSON path, exit 2', () => {
    const root = tmp();
    writeFileSync(
      join(root, 'specwatch.config.json'),
      JSON.stringify({
        packs: [{ id: 'x', title: 'X', sdkPackage: 'p', sources: [{ name: 'a', url: 'ftp://nope' }] }],
      }),
    );
    const r = cli(['refresh', '--root', root]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/specwatch\.config\.json: \$\.packs\[0\]\.sources\[0\]\.url: must match pattern/);
    writeFileSync(
      join(root, 'specwatch.config.json'),
      JSON.stringify({
        packs: [{ id: 'x', title: 'X', sdkPackage: 'p', sources: [{ name: 'a', url: 'http://127.0.0.1:9/' }] }],
        colour: true,
      }),
    );
    expect(cli(['refresh', '--root', root]).stderr.trim()).toMatch(
      /: \$: must NOT have additional properties "colour"$/,
    );
    writeFileSync(
      join(root, 'specwatch.config.json'),
      JSON.stringify({
        packs: [{ id: 'x', title: 'X', sdkPackage: 'p', sources: [{ name: 'a', url: 'http://127.0.0.1:9/' }] }],
      }),
    );
    expect(cli(['refresh', 'ghost', '--root', root]).stderr.trim()).toMatch(/no pack "ghost"/);
  });

  it('--offline uses the vendored spec with no network', () => {
    const root = tmp();
    mkdirSync(join(root, 'specs'));
    cpSync('specs', join(root, 'specs'), { recursive: true });
    cpSync('snapshots', join(root, 'snapshots'), { recursive: true });
    const r = cli(['refresh', '--offline', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'amazonaws-com-meteringmarketplace: unchanged since 2026-02-26 19:04 UTC (version 2026-02-26-1aa7c1809021: ' +
        '4 tools CLEAN:4 residual 0%)\n',
    );
  });
});
