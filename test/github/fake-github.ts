import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: { name: string }[];
  comments: string[];
}

/** A local GitHub REST API fake (node:http on 127.0.0.1) with the endpoints specwatch uses. */
export async function fakeGitHub(token: string) {
  const issues: FakeIssue[] = [];
  const labels = new Set<string>();
  const log: { method: string; path: string; auth: string }[] = [];
  let rateLimited = 0;
  let failing: { status: number; left: number } | null = null;
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const read = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((r) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => r(b ? JSON.parse(b) : {}));
    });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const path = url.pathname;
    log.push({ method: req.method!, path, auth: String(req.headers.authorization ?? '') });
    if (req.headers.authorization !== `token ${token}`)
      return json(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    if (failing && failing.left > 0) {
      failing.left--;
      return json(res, failing.status, { message: `fake failure ${failing.status}` });
    }
    if (rateLimited > 0) {
      rateLimited--;
      return json(
        res,
        403,
        { message: 'API rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
      );
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path);
    if (!m) return json(res, 404, { message: 'Not Found' });
    const rest = m[3];
    if (req.method === 'GET' && rest === 'issues') {
      const want = url.searchParams.get('labels');
      const state = url.searchParams.get('state') ?? 'open';
      const list = issues.filter(
        (i) => (state === 'all' || i.state === state) && (!want || i.labels.some((l) => l.name === want)),
      );
      return json(res, 200, [...list].reverse());
    }
    if (req.method === 'POST' && rest === 'issues') {
      const b = await read(req);
      const issue: FakeIssue = {
        number: issues.length + 1,
        title: String(b.title),
        body: String(b.body),
        state: 'open',
        state_reason: null,
        labels: ((b.labels as string[]) ?? []).map((name) => ({ name })),
        comments: [],
      };
      issues.push(issue);
      return json(res, 201, issue);
    }
    let mm = /^issues\/(\d+)$/.exec(rest);
    if (mm && req.method === 'PATCH') {
      const issue = issues[Number(mm[1]) - 1];
      const b = await read(req);
      Object.assign(issue, b);
      return json(res, 200, issue);
    }
    mm = /^issues\/(\d+)\/comments$/.exec(rest);
    if (mm && req.method === 'POST') {
      const issue = issues[Number(mm[1]) - 1];
      issue.comments.push(String((await read(req)).body));
      return json(res, 201, { id: issue.comments.length });
    }
    mm = /^labels\/(.+)$/.exec(rest);
    if (mm && req.method === 'GET')
      return labels.has(decodeURIComponent(mm[1]))
        ? json(res, 200, { name: mm[1] })
        : json(res, 404, { message: 'Not Found' });
    if (rest === 'labels' && req.method === 'POST') {
      labels.add(String((await read(req)).name));
      return json(res, 201, {});
    }
    return json(res, 404, { message: `fake has no ${req.method} ${path}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    issues,
    labels,
    log,
    rateLimitNext(n: number) {
      rateLimited = n;
    },
    /** The next n requests (after authentication) answer `status`. */
    failNext(status: number, n: number) {
      failing = { status, left: n };
    },
    writes: () => log.filter((l) => l.method !== 'GET'),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
