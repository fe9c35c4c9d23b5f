// Child process for the throughput benchmark: serves either the emulator or a bare node:http
// server answering the same bytes, so the load generator never shares a CPU thread with it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEmulator } from '../src/emulator/server.js';
import { loadModelText } from '../src/model/load.js';
import { normalize } from '../src/snapshot/normalize.js';

const kind = process.argv[2];
const BODY = JSON.stringify({ MeteringRecordId: '2f1c9a4e-7b0d-4c1e-9a55-3f7f1b2c0d9e' });

if (kind === 'bare') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(BODY), 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' });
      res.end(BODY);
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
} else {
  const dir = join(import.meta.dirname, '..', 'specs', 'amazonaws-com-meteringmarketplace');
  const file = join(dir, readdirSync(dir).sort().pop()!);
  const text = readFileSync(file, 'utf8');
  const snapshot = normalize(loadModelText(text, file), { pack: 'bench', bytes: text, location: file });
  const emu = await createEmulator({ snapshot, logRequests: false });
  process.send!({ url: await emu.listen(0, '127.0.0.1') });
}
