import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { githubFromEnv } from '../../src/github/client.js';
import { syncPackIssue } from '../../src/github/sync.js';
import { issueBody, MAX_BODY } from '../../src/github/body.js';
import { acceptCurrent } from '../../src/history/baseline.js';
import { recordVersion } from '../../src/history/store.js';
import { diffSnapshots } from '../../src/drift/engine.js';
import { cliAsync, corpusFile, snap, tmp } from '../helpers.js';
import { fakeGitHub } from './fake-github.js';

const TOKEN = 'ghs_FAKEtoken1234567890secret';
const pack = DEFAULT_CONFIG.packs[0];
const v017 = readFileSync(corpusFile('smithy', '017'));
const v018 = readFileSync(corpusFile('smithy', '018'));
let gh: Awaited<ReturnType<typeof fakeGitHub>>;
beforeAll(async () => {
  gh = await fakeGitHub(TOKEN);
});
afterAll(() => gh.close());

const env = () => ({
  GITHUB_TOKEN: TOKEN,
  GITHUB_REPOSITORY: 'acme/connectors',
  GITHUB_API_URL: gh.url,
  GITHUB_SERVER_URL: 'http://127.0.0.1',
  SPECWATCH_GITHUB_RETRY_BASE_MS: '5', // retries and rate-limit waits in milliseconds, not seconds (tests only)
});
const record = (root: string, bytes: Buffer, id = pack.id) =>
  recordVersion({ root, pack: id, bytes, location: 'upstream', kind: 'url' });

describe('drift issues over real HTTP (octokit → local GitHub fake)', () => {
  const root = tmp();
  const target = () => githubFromEnv(env());

  it('first drift opens exactly one issue, with labels, marker and tables', async () => {
    record(root, v017);
    record(root, v018);
    const a = await syncPackIssue(root, pack, target(), { ref: 'abc123' });
    expect(a).toEqual({ kind: 'opened', number: 1 });
    expect(gh.issues).toHaveLength(1);
    const i = gh.issues[0];
    expect(i.title).toBe(
      '[specwatch] amazonaws-com-meteringmarketplace: BREAKING drift in BatchMeterUsage, MeterUsage, ' +
        'RegisterUsage, ResolveCustomer',
    );
    expect(i.body).toMatch(/<!-- specwatch:pack=amazonaws-com-meteringmarketplace -->/);
    expect(i.body).toMatch(/<!-- specwatch:fingerprint=[0-9a-f]{64} -->/);
    expect(i.body).toMatch(/\*\*4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0%\*\*/);
    expect(i.body).toMatch(/### ResolveCustomer — BREAKING/);
    expect(i.body).toMatch(/```diff/);
    expect(i.body).toMatch(
      /http:\/\/127\.0\.0\.1\/acme\/connectors\/blob\/abc123\/specs\/amazonaws-com-meteringmarketplace\/.*\.json/,
    );
    expect([...gh.labels].sort()).toEqual(['api-drift', 'specwatch']);
    expect(i.body).not.toContain(TOKEN);
  });

  it('the same drift on a rerun opens none and changes nothing', async () => {
    const before = gh.writes().length;
    const a = await syncPackIssue(root, pack, target(), { ref: 'abc123' });
    expect(a).toEqual({ kind: 'unchanged', number: 1 });
    expect(gh.writes().length).toBe(before);
    expect(gh.issues).toHaveLength(1);
  });

  it('a new fingerprint updates the body and adds exactly one comment', async () => {
    const doc = JSON.parse(v018.toString());
    doc.shapes['com.amazonaws.marketplacemetering#MeterUsageRequest'].members.Region = {
      target: 'com.amazonaws.marketplacemetering#String',
      traits: { 'smithy.api#required': {} },
    };
    record(root, Buffer.from(JSON.stringify(doc)));
    const a = await syncPackIssue(root, pack, target());
    expect(a).toEqual({ kind: 'updated', number: 1 });
    expect(gh.issues).toHaveLength(1);
    expect(gh.issues[0].comments).toHaveLength(1);
    expect(gh.issues[0].body).toMatch(/MeterUsage\.input\.Region/);
  });

  it('a later version that restores the contract comments and closes', async () => {
    record(root, v017);
    const a = await syncPackIssue(root, pack, target());
    expect(a).toEqual({ kind: 'closed', number: 1 });
    expect(gh.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(gh.issues[0].comments.at(-1)).toMatch(/restores the contract/);
  });

  it('an issue closed as not planned is never reopened', async () => {
    const r2 = tmp();
    record(r2, v017);
    record(r2, v018);
    const opened = await syncPackIssue(r2, { ...pack, id: pack.id }, target());
    expect(opened.kind).toBe('opened'); // a new drift after the first issue was closed
    const n = (opened as { number: number }).number;
    Object.assign(gh.issues[n - 1], { state: 'closed', state_reason: 'not_planned' });
    const before = gh.writes().length;
    const again = await syncPackIssue(r2, pack, target());
    expect(again).toMatchObject({ kind: 'left-closed', number: n });
    expect(gh.writes().length).toBe(before);
    expect(gh.issues[n - 1].state).toBe('closed');
  });

  it('accept closes the open issue with a comment', async () => {
    const r3 = tmp();
    const p3 = { ...pack, id: 'pack-accept' };
    record(r3, v017, p3.id);
    record(r3, v018, p3.id);
    const opened = await syncPackIssue(r3, p3, target());
    expect(opened.kind).toBe('opened');
    acceptCurrent(r3, p3.id, 'reviewed');
    const a = await syncPackIssue(r3, p3, target(), { restoredReason: 'Accepted as the new baseline' });
    expect(a.kind).toBe('closed');
    expect(gh.issues.at(-1)!.comments.at(-1)).toMatch(/Accepted as the new baseline/);
  });

  it('a 403 rate limit, then success, is retried', async () => {
    const r4 = tmp();
    const p4 = { ...pack, id: 'pack-ratelimit' };
    record(r4, v017, p4.id);
    record(r4, v018, p4.id);
    gh.rateLimitNext(1);
    const n = gh.log.length;
    const a = await syncPackIssue(r4, p4, target());
    expect(a.kind).toBe('opened');
    const after = gh.log.slice(n);
    expect(after[0].path).toBe(after[1].path); // the limited request was sent again
  }, 20_000);

  it("bodies stay under GitHub's 65,536-character limit", () => {
    const a = snap(corpusFile('smithy', '000'));
    const b = snap(corpusFile('smithy', '018'));
    const d = diffSnapshots(a, b);
    for (const t of d.tools)
      for (let k = 0; k < 400; k++)
        t.changes.push({
          ...(t.changes[0] ?? {
            rule: 'tool.doc.changed',
            class: 'DOC',
            direction: 'tool',
            path: t.name,
            fingerprint: 'x',
          }),
          message: 'x'.repeat(300),
        });
    const body = issueBody({
      pack: pack.id,
      fingerprint: 'f'.repeat(64),
      baselineVersion: 'a',
      currentVersion: 'b',
      diff: d,
      baseline: a,
      current: b,
      specLinks: { baseline: null, current: 'http://x' },
      trustSentence: null,
    });
    expect(body.length).toBeLessThan(MAX_BODY);
    expect(body).toMatch(/lower-class row\(s\) left out to fit/);
  });
});

describe('watch --open-issues (CLI) with the GitHub fake', () => {
  it('opens the issue; a 401 is a clear error with non-zero exit; the token never appears in any output', async () => {
    await gh.close();
    gh = await fakeGitHub(TOKEN);
    const root = tmp();
    record(root, v017);
    const f = join(tmp(), 'next.json');
    writeFileSync(f, v018);
    const ok = await cliAsync(['watch', '--source', f, '--root', root, '--open-issues', '--replay', 'never'], {
      env: env(),
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/issues: opened issue #\d+/);
    // The directory shows the pack's open drift issue, as the sync left it (kept in check.json).
    const n = /opened issue #(\d+)/.exec(ok.stdout)![1];
    expect(readFileSync(join(root, 'status', 'index.md'), 'utf8')).toMatch(new RegExp(`\\| #${n} \\|$`, 'm'));
    const bad = await cliAsync(['watch', '--source', f, '--root', root, '--open-issues', '--replay', 'never'], {
      env: { ...env(), GITHUB_TOKEN: 'ghs_WRONGtoken999' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('specwatch: GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN');
    const dry = await cliAsync(
      ['watch', '--offline', '--root', root, '--open-issues', '--dry-run', '--replay', 'never'],
      { env: env() },
    );
    expect(dry.stdout).toMatch(/issues: dry run: would open/);
    for (const o of [ok, bad, dry]) {
      expect(o.stdout + o.stderr).not.toContain(TOKEN);
      expect(o.stdout + o.stderr).not.toContain('ghs_WRONGtoken999');
    }
  });
});

describe('watch --open-issues without a token', () => {
  it('is refused before the history is touched', async () => {
    const root = tmp();
    record(root, v017);
    const before = readFileSync(join(root, 'snapshots', pack.id, 'history.jsonl'), 'utf8');
    const r = await cliAsync(['watch', '--offline', '--root', root, '--open-issues'], {
      env: { GITHUB_TOKEN: '', GITHUB_REPOSITORY: 'acme/connectors' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'specwatch: GITHUB_TOKEN is not set (needed to open drift issues; use --dry-run to preview)',
    );
    expect(readFileSync(join(root, 'snapshots', pack.id, 'history.jsonl'), 'utf8')).toBe(before);
  });
});
