import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { recordVersion } from '../../src/history/store.js';
import { writeStatusPage } from '../../src/report/write.js';
import { runReplay } from '../../src/replay/runner.js';
import { storeTrust } from '../../src/replay/trust.js';
import { storePaths } from '../../src/history/paths.js';
import { currentSnapshot } from '../../src/history/store.js';
import { ROOT, corpus, tmp } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const pack = DEFAULT_CONFIG.packs[0];
let browser: Browser;
let root: string;
let page: ReturnType<typeof writeStatusPage>;

beforeAll(async () => {
  // A store with real drift: the last four Smithy versions, then a replay.
  root = tmp();
  for (const v of corpus('smithy').slice(-4)) {
    recordVersion({
      root,
      pack: pack.id,
      bytes: readFileSync(v.path),
      location: v.file,
      kind: 'file',
      observedAt: new Date(v.date),
    });
  }
  const r = await runReplay({
    snapshot: currentSnapshot(root, pack.id)!,
    pack: pack.id,
    logDir: storePaths(root, pack.id).replaysDir,
  });
  storeTrust(storePaths(root, pack.id).verdictFile, r);
  page = writeStatusPage(root, pack, join(root, 'status'));
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (.ci/run installs Debian's chromium)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('status page in headless Chromium', () => {
  it('shows tools, classes, verdict and timeline, and makes no external requests', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    const p = await ctx.newPage();
    const requests: string[] = [];
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(pathToFileURL(page.html).href);
    await expect(p.locator('h1').textContent()).resolves.toBe('AWS Marketplace Metering');
    const rows = await p.locator('#tools tbody tr').allInnerTexts();
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.startsWith('ResolveCustomer'))).toMatch(/BREAKING/);
    expect(rows.find((r) => r.startsWith('MeterUsage'))).toMatch(/ADDITIVE\s+7\s+11\s+PASS/);
    expect(await p.locator('#summary').innerText()).toBe(
      '4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0%',
    );
    expect(await p.locator('#verdict').innerText()).toMatch(
      /the agent verdict → Usable — every tool replays as modelled against the emulator/,
    );
    const timeline = await p.locator('#timeline').innerText();
    expect(timeline).toMatch(
      new RegExp(
        String.raw`2026-02-26 [\s\S]*4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0% — ` +
          'BatchMeterUsage RISKY, MeterUsage ADDITIVE, RegisterUsage ADDITIVE, ResolveCustomer BREAKING',
      ),
    );
    expect(timeline).toMatch(/2026-01-22/);
    expect(await p.locator('#history li').count()).toBe(4);
    expect(await p.locator('#tools').isVisible()).toBe(true);
    await p.screenshot({ path: join(ROOT, 'test-results', 'status-page.png'), fullPage: true });
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    const html = readFileSync(page.html, 'utf8');
    expect(html).not.toMatch(/<script|<link |src="http|url\(http/i);
    await ctx.close();
  });

  it('the Markdown twin carries the same facts', () => {
    expect(page.markdown).toMatch(/\*\*4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0%\*\*/);
    expect(page.markdown).toMatch(/\| `ResolveCustomer` \| BREAKING \|/);
    expect(page.markdown).toMatch(/## Drift timeline\n\n- \*\*2026-02-26 \d\d:\d\d UTC\*\*/);
  });

  it(
    'after a failing emulator replay, a live replay, ' + 'then a passing emulator replay: one truth per target',
    async () => {
      const dir = tmp();
      cpSync(join(root, 'snapshots'), join(dir, 'snapshots'), { recursive: true });
      cpSync(join(root, 'specs'), join(dir, 'specs'), { recursive: true });
      const file = storePaths(dir, pack.id).verdictFile;
      const snapshot = currentSnapshot(dir, pack.id)!;
      const base = await runReplay({ snapshot, pack: pack.id, logDir: join(dir, 'logs') });
      const at = (iso: string, target: 'emulator' | 'live', verdict: 'PASS' | 'FAIL', line: string) => ({
        ...base,
        target,
        startedAt: iso,
        summary: { ...base.summary, line },
        tools: base.tools.map((t) => ({ ...t, verdict: t.name === 'MeterUsage' ? verdict : ('PASS' as const) })),
      });
      storeTrust(file, at('2026-11-01T00:00:00.000Z', 'emulator', 'FAIL', 'replay emulator: 4 tools PASS:3 FAIL:1'));
      storeTrust(file, at('2026-11-02T00:00:00.000Z', 'live', 'PASS', 'replay live: 3 tools PASS:3 SKIP:1'));
      storeTrust(file, at('2026-11-03T00:00:00.000Z', 'emulator', 'PASS', 'replay emulator: 4 tools PASS:4'));
      const pg = writeStatusPage(dir, pack);
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
      const p = await ctx.newPage();
      await p.goto(pathToFileURL(pg.html).href);
      const rows = await p.locator('#replays tbody tr').allInnerTexts();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/^emulator\s+replay emulator: 4 tools PASS:4\s+2026-11-03 00:00 UTC$/);
      expect(rows[1]).toMatch(/^live\s+replay live: 3 tools PASS:3 SKIP:1\s+2026-11-02 00:00 UTC$/);
      const verdict = await p.locator('#verdict').innerText();
      expect(verdict).toMatch(/replay-proven, and read-only probes pass against the live API/);
      expect(await p.locator('body').innerText()).not.toMatch(/FAIL|Caution/);
      expect(await p.locator('#tools tbody tr').first().innerText()).toMatch(/PASS$/);
      await p.screenshot({ path: join(ROOT, 'test-results', 'status-page-1280.png'), fullPage: true });
      const narrow = await browser.newContext({ viewport: { width: 400, height: 900 } });
      const q = await narrow.newPage();
      await q.goto(pathToFileURL(pg.html).href);
      // Readable at 400 px: nothing wider than the viewport (wide tables scroll inside their box).
      expect(await q.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
      await q.screenshot({ path: join(ROOT, 'test-results', 'status-page-400.png'), fullPage: true });
      await narrow.close();
      await ctx.close();
    },
  );

  it('60 unchanged nights: the page and the history do not change, nothing scrolls off', () => {
    const dir = tmp();
    cpSync(join(root, 'snapshots'), join(dir, 'snapshots'), { recursive: true });
    cpSync(join(root, 'specs'), join(dir, 'specs'), { recursive: true });
    const first = writeStatusPage(dir, pack);
    const html = readFileSync(first.html, 'utf8');
    const history = readFileSync(storePaths(dir, pack.id).historyFile, 'utf8');
    const latest = corpus('smithy').slice(-1)[0];
    for (let night = 1; night <= 60; night++) {
      const when = new Date(Date.parse('2026-03-01T04:17:00Z') + night * 86_400_000);
      recordVersion({
        root: dir,
        pack: pack.id,
        bytes: readFileSync(latest.path),
        location: latest.file,
        kind: 'file',
        observedAt: when,
      });
      writeStatusPage(dir, pack);
    }
    expect(readFileSync(first.html, 'utf8')).toBe(html);
    expect(readFileSync(storePaths(dir, pack.id).historyFile, 'utf8')).toBe(history);
    expect(html).toMatch(/upstream unchanged since 2026-02-26 \d\d:\d\d UTC/);
    expect(html.match(/<li><b>20\d\d-/g)!.length).toBeGreaterThanOrEqual(4); // every version still listed
    expect(html).not.toMatch(/ago\b/); // absolute dates only: a quiet night changes no byte
  });

  it('the committed project page renders too (fresh-clone state)', () => {
    const dir = tmp();
    cpSync(join(ROOT, 'snapshots'), join(dir, 'snapshots'), { recursive: true });
    cpSync(join(ROOT, 'specs'), join(dir, 'specs'), { recursive: true });
    const p = writeStatusPage(dir, pack);
    expect(p.markdown).toMatch(/No drift recorded yet — the spec has held its shape\./);
    expect(p.markdown).toMatch(/4 tools CLEAN:4 residual 0%/);
  });
});
