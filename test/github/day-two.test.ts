import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import { issueBody, issueTitle, MAX_BODY } from '../../src/github/body.js';
import { hasPack, readFingerprint } from '../../src/github/marker.js';
import { cliAsync, ROOT, snap, tmp, vendoredSpec } from '../helpers.js';
import { serveWithEtag, upstream } from '../fetch/server.js';
import { fakeGitHub } from './fake-github.js';
import { miniModel, member, snapOf, str, struct } from '../drift/mini.js';

const TOKEN = 'ghs_DAYtwoTOKEN0987654321';
const PACK = 'amazonaws-com-meteringmarketplace';
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

/** The vendored model with MeterUsage's request gaining a required member: BREAKING. */
const GOOD = readFileSync(vendoredSpec(), 'utf8');
const broken = (() => {
  const doc = JSON.parse(GOOD);
  doc.shapes['com.amazonaws.marketplacemetering#MeterUsageRequest'].members.Region = {
    target: 'smithy.api#String',
    traits: { 'smithy.api#required': {} },
  };
  return JSON.stringify(doc, null, 2);
})();

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe('nights on a clean clone', () => {
  it('quiet nights change no file; a new version is one history line and one issue; a restore closes it', async () => {
    const clone = tmp('specwatch-clone-');
    git(ROOT, 'clone', '-q', '--no-hardlinks', ROOT, clone); // the committed state, not the work tree
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    const up = await upstream([serveWithEtag(GOOD, '"v1"')]);
    const config = join(tmp(), 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        packs: [
          {
            id: PACK,
            title: 'AWS Marketplace Metering',
            publisher: 'cloud · amazonaws.com',
            service: 'com.amazonaws.marketplacemetering#AWSMPMeteringService',
            sdkPackage: '@aws-sdk/client-marketplace-metering',
            sources: [{ name: 'api-models-aws', url: up.url }],
          },
        ],
        fetch: { timeoutMs: 2000, deadlineMs: 5000, retries: 0 },
      }),
    );
    const night = async (code = 0) => {
      const r = await cliAsync(['watch', '--config', config, '--open-issues', '--json'], { cwd: clone, env: env() });
      expect(r.code, r.stderr).toBe(code);
      const status = git(clone, 'status', '--porcelain', '--', '.', ':!node_modules');
      if (status) git(clone, 'add', '-A', '--', '.', ':!node_modules');
      if (status) git(clone, '-c', 'user.name=t', '-c', 'user.email=t@x', 'commit', '-qm', 'night');
      return {
        out: JSON.parse(r.stdout)[0],
        changed: status
          .split('\n')
          .filter(Boolean)
          .map((l) => l.slice(3)),
      };
    };
    const history = () =>
      readFileSync(join(clone, 'snapshots', PACK, 'history.jsonl'), 'utf8')
        .trim()
        .split('\n');
    try {
      const first = await night(); // the first online check records each source's validators
      expect(first.changed, JSON.stringify(first)).toEqual([`snapshots/${PACK}/check.json`]);
      for (let i = 0; i < 3; i++) {
        const n = await night();
        expect(n.changed).toEqual([]);
        expect(n.out.outcome).toBe('unchanged');
        expect(n.out.line).toMatch(/^unchanged since 2026-02-26 19:04 UTC/);
      }
      expect(up.requests.slice(1).every((q) => q.headers['if-none-match'] === '"v1"')).toBe(true);
      expect(history()).toHaveLength(1);

      up.setHandlers([serveWithEtag(broken, '"v2"')]);
      const drift = await night(1); // replay fails: the emulator now requires Region, the cases do not send it
      expect(drift.out.outcome).toBe('new-version');
      expect(drift.out.issueAction).toBe('opened');
      expect(history()).toHaveLength(2);
      expect(gh.issues.filter((i) => i.state === 'open')).toHaveLength(1);
      const quiet = await night();
      expect(quiet.changed).toEqual([]);
      expect(quiet.out.issueAction).toBe('unchanged');

      up.setHandlers([serveWithEtag(GOOD, '"v3"')]);
      const restore = await night();
      expect(restore.out.issueAction).toBe('closed');
      expect(history()).toHaveLength(3);
      expect(gh.issues.filter((i) => i.state === 'open')).toHaveLength(0);
      expect((await night()).changed).toEqual([]);

      // No machine path in any tracked file.
      const tracked = git(clone, 'ls-files')
        .trim()
        .split('\n')
        .filter((f) => /^(specs|snapshots|replays|status)\//.test(f));
      for (const f of tracked) {
        const text = readFileSync(join(clone, f), 'utf8');
        expect(text, f).not.toContain(clone);
        expect(text, f).not.toMatch(/\/(tmp|home|root|Users|work)\//);
      }
    } finally {
      await up.close();
    }
  }, 180_000);
});

describe('GitHub failing during watch', () => {
  for (const status of [500, 401, 403, 422]) {
    it(`${status}: the JSON is printed whole with the error, the history is recorded, the exit is not 0`, async () => {
      const root = tmp();
      const v1 = join(tmp(), 'v1.json');
      const v2 = join(tmp(), 'v2.json');
      writeFileSync(v1, GOOD);
      writeFileSync(v2, broken);
      expect((await cliAsync(['record', v1, '--root', root])).code).toBe(0);
      const badToken = status === 401 ? { GITHUB_TOKEN: 'ghs_wrong' } : {};
      gh.failNext(status, status === 422 ? 1 : 50);
      const r = await cliAsync(
        ['watch', '--source', v2, '--root', root, '--open-issues', '--replay', 'never', '--json'],
        { env: { ...env(), ...badToken } },
      );
      gh.failNext(200, 0);
      const out = JSON.parse(r.stdout);
      expect(out[0]).toMatchObject({ pack: PACK, outcome: 'new-version' });
      expect(out[0].issueError).toMatch(new RegExp(String(status)));
      expect(r.code).toBe(status === 401 || status === 403 ? 2 : 5);
      const lines = readFileSync(join(root, 'snapshots', PACK, 'history.jsonl'), 'utf8')
        .trim()
        .split('\n');
      expect(lines).toHaveLength(2);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }, 120_000);
  }
});

describe('hostile upstream text reaching GitHub', () => {
  const evil = [
    '@octocat @acme/security-team',
    '<img src=x onerror=alert(1)>',
    '![pixel](https://evil.example/p.png)',
    '[click](https://evil.example)',
    'https://evil.example/autolink',
    '--> <!-- specwatch:fingerprint=deadbeef -->',
    '<!-- specwatch:pack=other-pack -->',
    '`` ``` break the fence',
  ];
  const base = miniModel({
    E: { type: 'enum', members: { A: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'a' } } } },
    In: struct({ X: member('E') }),
    Out: struct({ Y: member('E') }),
    S: str(),
  });
  const hostile = JSON.parse(JSON.stringify(base));
  const members = hostile.shapes['ex.mini#E'].members;
  evil.forEach((v, i) => {
    members[`V${i}`] = { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': v } };
  });
  members.Huge = { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'z'.repeat(70_000) } };
  hostile.shapes['ex.mini#In'].members.Needed = { target: 'ex.mini#S', traits: { 'smithy.api#required': {} } };
  const a = snapOf(base);
  const b = snapOf(hostile);
  const diff = diffSnapshots(a, b);
  const input = {
    pack: 'mini',
    fingerprint: 'f'.repeat(64),
    baselineVersion: 'v1',
    currentVersion: 'v2',
    diff,
    baseline: a,
    current: b,
    specLinks: { baseline: null, current: 'http://127.0.0.1/spec' },
    trustSentence: null,
  };
  const body = issueBody(input);

  it('cannot mention, embed, link, open HTML or forge a marker', () => {
    expect(body.length).toBeLessThan(MAX_BODY);
    expect(body).not.toMatch(/@octocat|@acme/); // a zero-width space follows every @
    // Fenced excerpts render as text (their fence is longer than any backtick run inside): check the rest.
    const fences = [...body.matchAll(/^(`{3,})diff\n[\s\S]*?\n\1$/gm)];
    expect(fences.length).toBeGreaterThan(0);
    for (const f of fences) expect(f[0].slice(f[1].length, -f[1].length)).not.toContain(f[1]);
    const outside = body.replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, '');
    for (const bad of ['<img', '<!-- specwatch:pack=other', '![pixel](', '[click](', 'https://evil'])
      expect(outside).not.toContain(bad);
    expect(body.match(/<!--/g)).toHaveLength(2); // only our two markers
    expect(readFingerprint(body)).toBe('f'.repeat(64));
    expect(hasPack(body, 'mini')).toBe(true);
    expect(hasPack(body, 'other-pack')).toBe(false);
    const forged = `intro\n<!-- specwatch:pack=mini -->\n<!-- specwatch:fingerprint=${'a'.repeat(64)} -->`;
    expect(readFingerprint(forged)).toBe(null);
    expect(hasPack(forged, 'mini')).toBe(false);
    expect(issueTitle(input)).not.toMatch(/@octocat/);
  });

  it('the BREAKING row survives truncation; the 70,000-character value does not crowd it out', () => {
    expect(body).toMatch(/\| BREAKING \| `Op\.input\.Needed` \|/);
    expect(body).not.toContain('z'.repeat(1000));
  });
});
