import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { outcomeLine, refreshPack } from '../../src/fetch/refresh.js';
import { readCheck, readHistory, recordVersion } from '../../src/history/store.js';
import { storePaths } from '../../src/history/paths.js';
import { corpusFile, tmp } from '../helpers.js';
import { serve, serveWithEtag, upstream, type Handler } from './server.js';

const PACK = 'amazonaws-com-meteringmarketplace';
const v017 = readFileSync(corpusFile('smithy', '017'), 'utf8');
const v018 = readFileSync(corpusFile('smithy', '018'), 'utf8');
const botoV017 = readFileSync(corpusFile('botocore', '016'), 'utf8');
const sleeps: number[] = [];
const http = {
  timeoutMs: 300,
  deadlineMs: 10_000,
  retries: 2,
  backoffMs: 10,
  maxBytes: 1_000_000,
  sleep: async (ms: number) => {
    sleeps.push(ms);
  },
};
let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  sleeps.length = 0;
});

async function setup(handlers: Handler[]) {
  const up = await upstream(handlers);
  servers.push(up);
  return up;
}
const refresh = (root: string, url: string, extra: Partial<Parameters<typeof refreshPack>[0]> = {}) =>
  refreshPack({ root, pack: { id: PACK, sources: [{ name: 'primary', url }] }, http, ...extra });
/** The pack with two sources, in this order. */
const twoSources = (a: [string, string], b: [string, string]) => ({
  id: PACK,
  sources: [
    { name: a[0], url: a[1] },
    { name: b[0], url: b[1] },
  ],
});

describe('refresh against a local upstream', () => {
  it(
    'first run records; second gets 304 and records ' + 'unchanged; a changed body records a classified new version',
    async () => {
      const root = tmp();
      const up = await setup([serveWithEtag(v017, '"v017"')]);
      const a = await refresh(root, up.url);
      expect(a.outcome).toBe('new-version');
      expect(a.entry).toMatchObject({
        etag: '"v017"',
        summary: '4 tools CLEAN:4 residual 0%',
        source: { name: 'primary', kind: 'url' },
      });
      const b = await refresh(root, up.url);
      expect(up.requests[1].headers['if-none-match']).toBe('"v017"');
      expect(up.requests[1].headers['if-modified-since']).toBe('Thu, 26 Feb 2026 19:04:47 GMT');
      expect(b.outcome).toBe('unchanged');
      up.setHandlers([serveWithEtag(v018, '"v018"')]);
      const c = await refresh(root, up.url);
      expect(c.outcome).toBe('new-version');
      expect(c.entry.summary).toBe('4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0%');
      expect(c.entry.tools!.ResolveCustomer).toBe('BREAKING');
      // History records versions, not checks: the 304 night appended nothing.
      expect(readHistory(storePaths(root, PACK)).map((e) => e.outcome)).toEqual(['new-version', 'new-version']);
      expect(readCheck(storePaths(root, PACK))).toMatchObject({
        fetch: 'ok',
        versionId: c.entry.versionId,
        error: null,
      });
    },
  );

  it('500 then 200: retried and recorded', async () => {
    const root = tmp();
    const up = await setup([serve('oops', {}, 500), serve(v017)]);
    const r = await refresh(root, up.url);
    expect(r.outcome).toBe('new-version');
    expect(up.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('429 with Retry-After is honoured', async () => {
    const root = tmp();
    const up = await setup([serve('slow down', { 'retry-after': '2' }, 429), serve(v017)]);
    const r = await refresh(root, up.url);
    expect(r.outcome).toBe('new-version');
    expect(sleeps).toEqual([2000]);
  });

  // Each failure: the right outcome, a one-line message, and the previous snapshot untouched.
  const failures: [string, Handler[], RegExp][] = [
    [
      'a hung server (timeout)',
      [
        () => {
          /* never answers */
        },
      ],
      /primary: timed out/,
    ],
    [
      'a truncated body',
      [
        (_q, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(v017.length) });
          res.write(v017.slice(0, 1000));
          setTimeout(() => res.destroy(), 20);
        },
      ],
      /truncated body/,
    ],
    ['invalid JSON', [serve('{"smithy": "2.0", "shapes": {')], /truncated JSON|invalid JSON/],
    ['JSON that is not a model', [serve('{"hello": "world"}')], /not a service model/],
    [
      'a 200 HTML error page',
      [serve('<!DOCTYPE html><html><body>Rate limited</body></html>', { 'content-type': 'text/html' })],
      /HTML page, not a JSON model/,
    ],
    ['an oversize body', [serve(JSON.stringify({ smithy: '2.0', pad: 'x'.repeat(1_100_000) }))], /byte cap/],
    ['persistent 503', [serve('down', {}, 503)], /HTTP 503/],
    ['a 404', [serve('not found', {}, 404)], /HTTP 404/],
  ];
  for (const [name, handlers, re] of failures) {
    it(`${name} → fetch-failed`, async () => {
      const root = tmp();
      recordVersion({ root, pack: PACK, bytes: Buffer.from(v017), location: 'seed', kind: 'file' });
      const paths = storePaths(root, PACK);
      const before = readdirSync(paths.snapshotsDir).sort();
      const snapBefore = readFileSync(`${paths.snapshotsDir}/${before.find((f) => f !== 'history.jsonl')}`, 'utf8');
      const up = await setup(handlers);
      const r = await refresh(root, up.url);
      expect(r.outcome).toBe('fetch-failed');
      expect(r.message).toMatch(re);
      expect(r.message.split('\n')).toHaveLength(1);
      const h = readHistory(paths);
      expect(h.map((e) => e.outcome)).toEqual(['new-version']);
      expect(readCheck(paths)!.fetch).toBe('failed');
      expect(readCheck(paths)!.error).toMatch(re);
      expect(readdirSync(paths.snapshotsDir).sort()).toEqual(before);
      expect(readFileSync(`${paths.snapshotsDir}/${before.find((f) => f !== 'history.jsonl')}`, 'utf8')).toBe(
        snapBefore,
      );
    });
  }

  it('connection refused → fetch-failed', async () => {
    const root = tmp();
    const up = await setup([serve(v017)]);
    const url = up.url;
    await up.close();
    servers = [];
    const r = await refresh(root, url);
    expect(r.outcome).toBe('fetch-failed');
    expect(r.message).toMatch(/connection refused/);
    expect(sleeps).toHaveLength(2); // retried, then gave up
  });

  it('sources that disagree are named, with the newer one', async () => {
    const root = tmp();
    recordVersion({ root, pack: PACK, bytes: Buffer.from(v017), location: 'seed', kind: 'file' });
    const smithy = await setup([serve(v018)]);
    const boto = await setup([serve(botoV017)]);
    const r = await refreshPack({
      root,
      pack: twoSources(['api-models-aws', smithy.url], ['botocore', boto.url]),
      http,
    });
    expect(r.outcome).toBe('new-version');
    expect(r.disagreement).toMatch(/sources disagree on .*BatchMeterUsage.*: api-models-aws is newer, botocore lags/);
  });

  it('one source down, the other up: recorded from the one that answered', async () => {
    const root = tmp();
    const down = await setup([serve('x', {}, 500)]);
    const ok = await setup([serve(botoV017)]);
    const r = await refreshPack({ root, pack: twoSources(['a', down.url], ['b', ok.url]), http });
    expect(r.outcome).toBe('new-version');
    expect(r.sources.map((s) => [s.name, s.status])).toEqual([
      ['a', 'failed'],
      ['b', 'ok'],
    ]);
    expect(r.entry.source.name).toBe('b');
  });

  it('first source down, a later one states the recorded contract: no new version; different: recorded', async () => {
    const root = tmp();
    recordVersion({ root, pack: PACK, bytes: Buffer.from(v017), location: 'seed', kind: 'file' });
    const down = await setup([serve('x', {}, 500)]);
    const boto = await setup([serve(botoV017)]); // the same model version, in botocore's format
    const pack = twoSources(['api-models-aws', down.url], ['botocore', boto.url]);
    const r = await refreshPack({ root, pack, http });
    expect(r.outcome).toBe('unchanged');
    expect(outcomeLine(r)).toMatch(/; api-models-aws failed; botocore states the recorded contract: no new version$/);
    expect(readHistory(storePaths(root, PACK))).toHaveLength(1);
    // A night later botocore answers 304: the line still says the first source failed.
    boto.setHandlers([serveWithEtag(botoV017, '"b1"')]);
    await refreshPack({ root, pack, http });
    const again = await refreshPack({ root, pack, http });
    expect(again.sources.map((x) => x.status)).toEqual(['failed', 'not-modified']);
    expect(outcomeLine(again)).toMatch(/; api-models-aws failed; botocore has not changed since it was last read$/);
    // A botocore release the recorded version does not state (2026-07-01: the 24-hour batch window) is drift.
    boto.setHandlers([serve(readFileSync(corpusFile('botocore', '018'), 'utf8'))]);
    const d = await refreshPack({ root, pack, http });
    expect(d.outcome).toBe('new-version');
    expect(d.note).toBeUndefined();
    expect(readHistory(storePaths(root, PACK))).toHaveLength(2);
  });

  it('--offline works with no network at all', async () => {
    const root = tmp();
    recordVersion({ root, pack: PACK, bytes: Buffer.from(v017), location: 'seed', kind: 'file' });
    const r = await refreshPack({
      root,
      pack: { id: PACK, sources: [{ name: 'primary', url: 'http://127.0.0.1:9/unused' }] },
      http,
      offline: true,
    });
    expect(r.outcome).toBe('unchanged');
    expect(r.sources.map((x) => x.name)).toEqual(['vendored']);
    expect(existsSync(storePaths(root, PACK).lockFile)).toBe(false);
  });
});
