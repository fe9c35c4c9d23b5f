import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderDirectoryHtml, type DirectoryRow } from '../../src/report/directory.js';
import { cliAsync, FIX, tmp } from '../helpers.js';

/** Packs for other services: `add`, an offline watch of all of them, the directory, the shard matrix. */
const CAT = join(FIX, 'catalog');
const THREE: [string, string, string][] = [
  ['FreeTier', 'freetier-2023-09-07.json', 'awsJson1_0'],
  ['eks-auth', 'eks-auth-2023-11-26.json', 'restJson1'],
  ['com.amazonaws.sts#AWSSecurityTokenServiceV20110615', 'sts-2011-06-15.json', 'awsQuery'],
];

describe('a pack for any AWS service', () => {
  it('add three services of three protocols, then watch --offline writes their pages and the directory', async () => {
    const root = tmp();
    for (const [name, file] of THREE) {
      const r = await cliAsync(['add', name, '--source', join(CAT, file), '--root', root, '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).pack.sources.map((s: { name: string }) => s.name)).toEqual([
        'api-models-aws',
        'botocore',
      ]);
    }
    const cfg = JSON.parse(readFileSync(join(root, 'specwatch.config.json'), 'utf8'));
    expect(cfg.packs.map((p: { id: string }) => p.id)).toEqual([
      'amazonaws-com-freetier',
      'amazonaws-com-eks-auth',
      'amazonaws-com-sts',
    ]);
    expect(cfg.packs[2].sources[0].url).toBe(
      'https://raw.githubusercontent.com/aws/api-models-aws/main/models/sts/service/' +
        '2011-06-15/sts-2011-06-15.json',
    );
    // Adding twice (here named by the model file's path), or a name the model is not: one line, exit 2, config
    // unchanged.
    const again = await cliAsync(['add', join(CAT, THREE[0][1]), '--source', join(CAT, THREE[0][1]), '--root', root]);
    expect([again.code, again.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(again.stderr).toMatch(/already watched as pack amazonaws-com-freetier/);
    const wrong = await cliAsync(['add', 'DynamoDB', '--source', join(CAT, THREE[1][1]), '--root', root]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/"DynamoDB" matches no service in .*eks-auth-2023-11-26\.json \(it holds /);
    expect(JSON.parse(readFileSync(join(root, 'specwatch.config.json'), 'utf8'))).toEqual(cfg);

    const w = await cliAsync(['watch', '--offline', '--root', root, '--json'], { cwd: root });
    expect(w.code, w.stderr).toBe(0);
    const out = JSON.parse(w.stdout);
    expect(out.map((p: { pack: string }) => p.pack)).toEqual(cfg.packs.map((p: { id: string }) => p.id));
    // awsJson: derived cases pass against the generic emulator layer (a proof of the protocol and schema, said
    // so in the verdict); other protocols: SKIP with the reason, and the pack stays spec-monitored.
    expect(out[0].replay).toMatch(/^replay emulator \(derived\): 1 tools PASS:1 /);
    expect(out[0].trust).toMatchObject({
      level: 'replay-proven',
      sentence: expect.stringMatching(/derived cases .* no behavioural cases/),
    });
    for (const [i, [, , protocol]] of THREE.entries()) {
      if (i > 0) {
        expect(out[i].replay).toMatch(new RegExp(`SKIP:\\d+ \\(no replay for \\w+ \\(${protocol}\\)`));
        expect(out[i].trust.level).toBe('spec-monitored');
      }
      expect(existsSync(join(root, 'status', `${out[i].pack}.html`))).toBe(true);
    }
    const md = readFileSync(join(root, 'status', 'index.md'), 'utf8');
    expect(md).toContain(
      '| [AWS Security Token Service](amazonaws-com-sts.html) `amazonaws-com-sts` | awsQuery | 9 | CLEAN | 0% | ' +
        'spec-monitored |',
    );
    expect(readFileSync(join(root, 'status', 'index.html'), 'utf8')).toMatch(/<a href="amazonaws-com-eks-auth\.html">/);

    // Shards balanced by model size: STS (235 kB) alone, the two small ones together.
    const m = await cliAsync(['packs', '--matrix', '2', '--root', root]);
    expect(JSON.parse(m.stdout)).toEqual({
      include: [
        { shard: 1, packs: 'amazonaws-com-sts', bytes: 234825 },
        { shard: 2, packs: 'amazonaws-com-eks-auth amazonaws-com-freetier', bytes: 27746 + 37836 },
      ],
    });
    expect((await cliAsync(['packs', '--matrix', 'x', '--root', root])).code).toBe(2);
  });

  it('two services guessing the same name: the second is named by its SDK id', async () => {
    const root = tmp();
    const doc = JSON.parse(readFileSync(join(CAT, THREE[0][1]), 'utf8'));
    const variant = (ns: string, sdkId: string) => {
      const text = JSON.stringify(doc).replaceAll('com.amazonaws.freetier#', `${ns}#`);
      const d = JSON.parse(text);
      const svc = d.shapes[`${ns}#AWSFreeTierService`];
      svc.traits['aws.api#service'] = { ...svc.traits['aws.api#service'], sdkId, endpointPrefix: 'shared' };
      const f = join(tmp(), `${sdkId.toLowerCase()}-2023-09-07.json`);
      writeFileSync(f, JSON.stringify(d));
      return f;
    };
    const a = await cliAsync(['add', 'Alpha', '--source', variant('ex.alpha', 'Alpha'), '--root', root, '--json']);
    const b = await cliAsync(['add', 'Beta', '--source', variant('ex.beta', 'Beta'), '--root', root, '--json']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([JSON.parse(a.stdout).pack.id, JSON.parse(b.stdout).pack.id]).toEqual([
      'amazonaws-com-shared',
      'amazonaws-com-beta',
    ]);
  });

  it('the directory with 400 packs: filter and sort in headless Chromium, no server, fits 400 px', async () => {
    const classes = ['CLEAN', 'DOC', 'ADDITIVE', 'RISKY', 'BREAKING'] as const;
    const rows: DirectoryRow[] = Array.from({ length: 400 }, (_, i) => ({
      id: `amazonaws-com-svc${String(i).padStart(3, '0')}`,
      title: `Service ${i}`,
      protocol: i % 3 ? 'awsJson1_1' : 'restJson1',
      tools: ((i * 7) % 50) + 1,
      class: classes[i % 5],
      residual: 0,
      trust: 'spec-monitored',
      lastVersion: `v${i}`,
      lastVersionDate: '2026-11-27 00:00 UTC',
    }));
    const file = join(tmp(), 'index.html');
    writeFileSync(file, renderDirectoryHtml(rows));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless'],
    });
    try {
      const page = await (await browser.newContext({ viewport: { width: 400, height: 900 } })).newPage();
      const external: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) external.push(r.url());
      });
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator('#packs tbody tr').count()).toBe(400);
      await page.fill('#filter', 'svc12');
      expect(await page.locator('#packs tbody tr:not([hidden])').count()).toBe(10); // svc120–svc129
      expect(await page.locator('#count').innerText()).toBe('10 shown');
      await page.fill('#filter', '');
      await page.click('#packs th[data-k="3"]'); // drift class: worst first
      expect(await page.locator('#packs tbody tr').first().locator('td').nth(3).innerText()).toBe('BREAKING');
      await page.click('#packs th[data-k="2"]'); // tools, ascending
      expect(await page.locator('#packs tbody tr').first().locator('td').nth(2).innerText()).toBe('1');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
      expect(external).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
