// Child process for the throughput benchmark: serves either the emulator or a bare node:http
// server answering the same bytes, so the load generator never shares a CPU thread with it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const kind = process.argv[2];
const BODY = JSON.stringify({ MeteringRecordId: '2f1c9a4e-7b0d-4c1e-9a55-3f7f1b2c0d9e' });

if (kind === 'bare') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(BODY),
        'x-amzn-requestid': '00000000-0000-4000-8000-000000000000',
      });
      res.end(BODY);
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () =>
    process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
  );
} else if (kind === 'file') {
  // A model upstream: /plain always answers 200 with the bytes; /etag answers 304 to a matching If-None-Match.
  const bytes = readFileSync(process.argv[3]);
  const etag = '"bench-1"';
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/etag' && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': bytes.length,
      ...(req.url === '/etag' ? { etag } : {}),
    });
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1', () =>
    process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
  );
} else {
  // The compiled emulator (bench/run.ts builds dist/ first), as `specwatch emulator` runs it.
  const dist = (p: string) => import(pathToFileURL(join(import.meta.dirname, '..', 'dist', p)).href);
  const { createEmulator } = await dist('emulator/server.js');
  const { loadModelText } = await dist('model/load.js');
  const { normalize } = await dist('snapshot/normalize.js');
  const { defaultFixtures } = await dist('emulator/fixtures.js');
  const dir = join(import.meta.dirname, '..', 'specs', 'amazonaws-com-meteringmarketplace');
  const file = join(dir, readdirSync(dir).sort().pop()!);
  const text = readFileSync(file, 'utf8');
  const snapshot = normalize(loadModelText(text, file), { pack: 'bench', bytes: text, location: file });
  // Throughput, not throttling, is measured: lift the token bucket.
  const emu = await createEmulator({
    snapshot,
    logRequests: false,
    fixtures: { ...defaultFixtures(), throttle: { capacity: 1e9, refillPerSecond: 1e9 } },
  });
  process.send!({ url: await emu.listen(0, '127.0.0.1') });
}
