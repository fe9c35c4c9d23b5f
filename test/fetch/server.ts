import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A scriptable upstream on 127.0.0.1: each request gets the next handler (the last one repeats). */
export async function upstream(handlers: Handler[]) {
  let n = 0;
  const requests: { headers: IncomingMessage['headers'] }[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    requests.push({ headers: req.headers });
    const h = handlers[Math.min(n, handlers.length - 1)];
    h(req, res, n++);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.json`;
  return {
    url,
    requests,
    setHandlers(h: Handler[]) {
      handlers = h;
      n = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export const serve =
  (body: string | Buffer, headers: Record<string, string> = {}, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

/** ETag-aware: 304 when the client already has this body. */
export const serveWithEtag =
  (body: string, etag: string): Handler =>
  (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json', etag, 'last-modified': 'Thu, 26 Feb 2026 19:04:47 GMT' });
    res.end(body);
  };
