import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crashHooks } from '../../src/util/atomic.js';
import { readCheck, readHistory, recordFetchFailure, recordVersion, currentSnapshot } from '../../src/history/store.js';
import { storePaths } from '../../src/history/paths.js';
import { historyLines, relativeTime, timelineLines } from '../../src/history/timeline.js';
import { canonicalJson } from '../../src/util/canonical.js';
import { corpusFile, tmp, vendoredSpec } from '../helpers.js';

const PACK = 'amazonaws-com-meteringmarketplace';
const rec = (root: string, file: string, at?: string) =>
  recordVersion({
    root,
    pack: PACK,
    bytes: readFileSync(file),
    location: file,
    kind: 'file',
    observedAt: at ? new Date(at) : undefined,
  });

afterEach(() => {
  crashHooks.beforeRename = undefined;
});

describe('history store', () => {
  it('records a version, then unchanged, then a new version with its classification', () => {
    const root = tmp();
    const a = rec(root, corpusFile('smithy', '017'), '2026-01-22T00:00:00Z');
    expect(a.entry).toMatchObject({
      outcome: 'new-version',
      summary: '4 tools CLEAN:4 residual 0%',
      previousVersionId: null,
    });
    const b = rec(root, corpusFile('smithy', '017'), '2026-01-23T00:00:00Z');
    expect(b.entry.outcome).toBe('unchanged');
    const c = rec(root, corpusFile('smithy', '018'), '2026-02-26T00:00:00Z');
    expect(c.entry).toMatchObject({
      outcome: 'new-version',
      summary: '4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0%',
      previousVersionId: a.entry.versionId,
    });
    const paths = storePaths(root, PACK);
    expect(readHistory(paths).map((e) => e.outcome)).toEqual(['new-version', 'new-version']);
    expect(readdirSync(paths.specsDir)).toHaveLength(2);
    expect(currentSnapshot(root, PACK)!.fingerprint).toBe(c.snapshot.fingerprint);
    const now = new Date('2026-02-27T00:00:00Z');
    expect(historyLines(readHistory(paths), now)[0]).toBe(
      '1d ago    4 tools ADDITIVE:2 RISKY:1 BREAKING:1 service:DOC residual 0%',
    );
    expect(timelineLines(readHistory(paths), now).join('\n')).toMatch(/ResolveCustomer BREAKING/);
  });

  it('the same model reserialized or in the other format records 4 tools CLEAN:4 residual 0%', () => {
    const root = tmp();
    rec(root, vendoredSpec(), '2026-02-26T00:00:00Z');
    const f = join(tmp(), 'reserialized.json');
    writeFileSync(f, JSON.stringify(JSON.parse(readFileSync(vendoredSpec(), 'utf8'))));
    expect(rec(root, f).entry.summary).toBe('4 tools CLEAN:4 residual 0%');
    expect(rec(root, corpusFile('botocore', '017')).entry.summary).toBe('4 tools CLEAN:4 residual 0%');
  });

  it('a crash between writes leaves the previous state readable and no partial line', () => {
    const root = tmp();
    rec(root, corpusFile('smithy', '017'), '2026-01-22T00:00:00Z');
    const paths = storePaths(root, PACK);
    const before = readFileSync(paths.historyFile, 'utf8');
    let n = 0;
    crashHooks.beforeRename = () => {
      if (++n === 2) throw new Error('simulated crash');
    };
    expect(() => rec(root, corpusFile('smithy', '018'))).toThrow('simulated crash');
    crashHooks.beforeRename = undefined;
    expect(readFileSync(paths.historyFile, 'utf8')).toBe(before);
    expect(readHistory(paths)).toHaveLength(1);
    expect(currentSnapshot(root, PACK)!.tools).toHaveLength(4);
    // the lock was released: the next run succeeds
    expect(rec(root, corpusFile('smithy', '018')).entry.outcome).toBe('new-version');
  });

  it('a torn last line (crash mid-append) is skipped and repaired on the next append', () => {
    const root = tmp();
    rec(root, corpusFile('smithy', '017'));
    const paths = storePaths(root, PACK);
    appendFileSync(paths.historyFile, '{"time":"2026-');
    expect(readHistory(paths)).toHaveLength(1);
    rec(root, corpusFile('smithy', '018'));
    const lines = readFileSync(paths.historyFile, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(readHistory(paths).map((e) => e.outcome)).toEqual(['new-version', 'new-version']);
  });

  it('a second writer waits, then is refused with a clear message while a live process holds the lock', () => {
    const root = tmp();
    const paths = storePaths(root, PACK);
    mkdirSync(paths.snapshotsDir, { recursive: true });
    // A live process (our parent) holds it.
    writeFileSync(paths.lockFile, JSON.stringify({ pid: process.ppid, start: null, host: hostname(), token: 'x' }));
    process.env.SPECWATCH_LOCK_WAIT_MS = '150';
    try {
      const t0 = Date.now();
      expect(() => rec(root, vendoredSpec())).toThrow(/locked by another specwatch process/);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      delete process.env.SPECWATCH_LOCK_WAIT_MS;
    }
    expect(existsSync(paths.lockFile)).toBe(true); // not ours to remove
    expect(existsSync(paths.historyFile)).toBe(false);
  });

  it('a stale lock from a dead process is taken over', () => {
    const root = tmp();
    const paths = storePaths(root, PACK);
    rec(root, vendoredSpec());
    writeFileSync(paths.lockFile, '999999');
    expect(rec(root, corpusFile('smithy', '017')).entry.outcome).toBe('new-version');
  });

  it('fetch failures are recorded as such', () => {
    const root = tmp();
    rec(root, vendoredSpec());
    const before = readFileSync(storePaths(root, PACK).historyFile, 'utf8');
    const e = recordFetchFailure(
      root,
      PACK,
      { name: 'primary', kind: 'url', location: 'http://127.0.0.1:1/x' },
      'connection refused',
    );
    expect(e).toMatchObject({ outcome: 'fetch-failed', versionId: null, error: 'connection refused' });
    const paths = storePaths(root, PACK);
    expect(readFileSync(paths.historyFile, 'utf8')).toBe(before);
    expect(readCheck(paths)).toMatchObject({ fetch: 'failed', error: 'connection refused' });
    expect(historyLines(readHistory(paths), new Date(), readCheck(paths))[0]).toMatch(
      /fetch failing since .* UTC: connection refused/,
    );
  });

  it('relative times', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(relativeTime('2026-11-26T18:00:00Z', now)).toBe('18h ago');
    expect(relativeTime('2026-11-27T11:55:00Z', now)).toBe('5m ago');
  });
});

describe('versions recorded by an older specwatch compare as the API, not as the release', () => {
  it('a stored snapshot without a fact this release states (XML names) is normalized again for the diff', async () => {
    const { miniModel, member, struct } = await import('../drift/mini.js');
    const model = (doc: string) =>
      JSON.stringify(
        miniModel(
          { In: struct({ a: member('smithy.api#String', { 'smithy.api#xmlName': 'A' }) }), Out: struct({}) },
          { protocol: 'aws.protocols#restXml', opTraits: { 'smithy.api#documentation': doc } },
        ),
      );
    const root = tmp();
    const dir = tmp();
    const record = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return recordVersion({ root, pack: 'xml', bytes: readFileSync(join(dir, name)), location: name, kind: 'file' });
    };
    const first = record('v1.json', model('One.'));
    // What an older release stored: the same snapshot without the XML names it did not know.
    const file = join(storePaths(root, 'xml').snapshotsDir, `${first.entry.versionId}.json`);
    const strip = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(strip)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => k !== 'x-xmlName')
                .map(([k, x]) => [k, strip(x)]),
            )
          : v;
    const older = canonicalJson(strip(JSON.parse(readFileSync(file, 'utf8'))));
    expect(older).not.toBe(readFileSync(file, 'utf8'));
    writeFileSync(file, older);
    const next = record('v2.json', model('Two.'));
    expect(next.entry.summary).toBe('1 tools DOC:1 residual 0%');
    expect(next.diff!.tools[0].changes.map((c) => c.rule)).toEqual(['tool.doc.changed']);
    // The gated agent pack measures drift against the baseline (the first version) the same way: the tool stays open.
    const { packState } = await import('../../src/pack/gate.js');
    expect(packState(root, 'xml').gates.get('Op')).toEqual({ enabled: true, reason: null, drift: 'DOC' });
  });
});
