import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { httpGet } from '../../src/fetch/http.js';
import { cliAsync, tmp } from '../helpers.js';
import { serve, upstream, type Handler } from '../fetch/server.js';

/**
 * Hostile upstreams, each a real local server, each driven through the real CLI: the outcome
 * (fetch-failed, exit 3, one line naming the cause), a time bound, and a store left untouched.
 */
const FETCH = { timeoutMs: 400, deadlineMs: 1500, retries: 1, backoffMs: 1, maxBytes: 1_000_000 };
/** For upstreams that answer promptly with something wrong: a timeout must not hide the cause on a busy machine. */
const PROMPT = { ...FETCH, timeoutMs: 3000, deadlineMs: 4000 };
const SLACK_MS = 6000; // process start-up on a loaded 2-core machine
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

function project(url: string, fetch: typeof FETCH) {
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
      fetch,
    }),
  );
  return root;
}

const neverEnds: Handler = () => {
  /* accepts, never answers */
};
const headersThenStall: Handler = (_q, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.flushHeaders();
};
const drip: Handler = (_q, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const t = setInterval(() => res.write(' '), 200);
  res.on('close', () => clearInterval(t));
};
const unsolicited304: Handler = (_q, res) => {
  res.writeHead(304, { etag: '"x"' });
  res.end();
};
const redirectLoop: Handler = (_q, res) => {
  res.writeHead(302, { location: '/model.json' });
  res.end();
};
const bomb = gzipSync(Buffer.alloc(50_000_000, 0x20));
const gzipBomb: Handler = (_q, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-encoding': 'gzip',
    'content-length': String(bomb.length),
  });
  res.end(bomb);
};
const oversize = serve(JSON.stringify({ smithy: '2.0', pad: 'x'.repeat(1_200_000) }));
const html200 = serve('<!DOCTYPE html><html><body>Rate limited</body></html>', { 'content-type': 'text/html' });

/** The status line and headers, one byte every 150 ms: never complete within the timeout. */
async function headerTrickle(): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createNetServer((s) => {
    sockets.add(s);
    const text = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{}';
    let i = 0;
    const t = setInterval(() => {
      if (i < text.length && !s.destroyed) s.write(text[i++]);
    }, 150);
    s.on('close', () => {
      clearInterval(t);
      sockets.delete(s);
    });
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(
    () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/model.json`;
}

async function url(h: Handler): Promise<string> {
  const up = await upstream([h]);
  closers.push(up.close);
  return up.url;
}

const cases: [string, () => Promise<string>, RegExp][] = [
  ['accepts and stalls', () => url(neverEnds), /timed out after 400 ms|deadline/],
  ['sends headers, then stalls', () => url(headersThenStall), /timed out after 400 ms|deadline/],
  ['drips one byte every 200 ms', () => url(drip), /timed out after 400 ms|deadline/],
  ['trickles the status line and headers', headerTrickle, /timed out after 400 ms|deadline/],
  [
    'answers 304 to a request without validators',
    () => url(unsolicited304),
    /304 Not Modified to a request that sent no validators/,
  ],
  ['redirects to itself forever', () => url(redirectLoop), /redirect/i],
  ['sends a gzip bomb (50 MB of spaces in 50 kB)', () => url(gzipBomb), /byte cap/],
  ['sends more than maxBytes', () => url(oversize), /byte cap/],
  ['answers 200 with an HTML page', () => url(html200), /HTML page, not a JSON model/],
];

describe.concurrent('hostile upstreams → fetch-failed, exit 3, within the deadline, nothing recorded', () => {
  for (const [name, make, re] of cases) {
    it(name, async () => {
      const fetch = re.source.includes('timed out') ? FETCH : PROMPT;
      const root = project(await make(), fetch);
      const t0 = Date.now();
      const r = await cliAsync(['refresh', '--root', root]);
      const ms = Date.now() - t0;
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
      expect(ms).toBeLessThan(fetch.deadlineMs + SLACK_MS);
      expect(existsSync(join(root, 'specs'))).toBe(false);
      expect(existsSync(join(root, 'snapshots', 'demo', 'history.jsonl'))).toBe(false);
      expect(readdirSync(join(root, 'snapshots', 'demo'))).toEqual(['check.json']);
    });
  }
});

describe('timeouts fire even when the garbage collector runs during the wait', () => {
  it('a stalled upstream fails within the timeout while gc() runs every 20 ms', async () => {
    // Node 20 collects AbortSignal.any([AbortSignal.timeout(…)]) early, and then it never fires.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const u = await url(neverEnds);
    const t = setInterval(gc, 20);
    const t0 = Date.now();
    try {
      const outcome = await Promise.race([
        httpGet(u, { ...FETCH, timeoutMs: 300, deadlineMs: 700 }).then(
          () => 'answered',
          (e: Error) => e.message,
        ),
        new Promise<string>((r) => setTimeout(() => r('hung'), 5000)),
      ]);
      expect(outcome).toMatch(/timed out after 300 ms|deadline/);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      clearInterval(t);
    }
  });
});

describe('secrets in a source URL never reach a file or an output', () => {
  it('userinfo and token query values are redacted in history, check state, snapshot, page and stdout', async () => {
    const { readFileSync: read } = await import('node:fs');
    const { corpusFile, cli } = await import('../helpers.js');
    const seen: (string | undefined)[] = [];
    const up = await upstream([
      (req, res) => {
        seen.push(req.headers.authorization);
        serve(read(corpusFile('smithy', '017')))(req, res, 0);
      },
    ]);
    closers.push(up.close);
    const secretUrl =
      up.url.replace('http://', 'http://robot:s3cr3t-pw@') + '?X-Amz-Signature=sig-abc123&token=tok-xyz789&v=1';
    const root = project(secretUrl, PROMPT);
    const r = await cliAsync(['refresh', '--root', root, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(seen[0]).toBe(`Basic ${Buffer.from('robot:s3cr3t-pw').toString('base64')}`);
    const page = cli(['report', '--root', root]);
    expect(page.code, page.stderr).toBe(0);
    const everything = [r.stdout, r.stderr, page.stdout, page.stderr];
    const walk = (d: string) => {
      for (const f of readdirSync(d, { withFileTypes: true })) {
        if (f.isDirectory()) walk(join(d, f.name));
        else if (f.name !== 'specwatch.config.json') everything.push(read(join(d, f.name), 'utf8'));
      }
    };
    walk(root);
    const all = everything.join('\n');
    expect(all).toContain('v=1'); // the URL is still there, minus its secrets
    for (const secret of ['s3cr3t-pw', 'sig-abc123', 'tok-xyz789']) expect(all).not.toContain(secret);
    expect(all).toMatch(/\*\*\*@127\.0\.0\.1/);
  });
});
