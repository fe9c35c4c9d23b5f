import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from './server.js';
import type { Fixtures } from './fixtures.js';

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const t = Buffer.concat(chunks).toString('utf8');
  return t ? JSON.parse(t) : {};
}

/** /_emulator/*: inspect and steer the emulator (records, requests, reset, faults, fixtures, public key). */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: string, emu: Emulator): Promise<void> {
  const route = url.split('?')[0].slice('/_emulator/'.length);
  const st = emu.state;
  try {
    if (route === 'health') return json(res, 200, { ok: true, service: emu.snapshot.service.name, tools: emu.snapshot.tools.map((t) => t.name) });
    if (route === 'records' && req.method === 'GET') return json(res, 200, st.records);
    if (route === 'requests' && req.method === 'GET') return json(res, 200, st.requests);
    if (route === 'reset' && req.method === 'POST') {
      st.reset();
      return json(res, 200, { reset: true });
    }
    if (route === 'faults') {
      if (req.method === 'GET') return json(res, 200, st.fixtures.faults);
      if (req.method === 'PUT' || req.method === 'POST') {
        st.fixtures = { ...st.fixtures, faults: (await body(req)) as Fixtures['faults'] };
        return json(res, 200, st.fixtures.faults);
      }
    }
    if (route === 'fixtures') {
      if (req.method === 'GET') return json(res, 200, st.fixtures);
      if (req.method === 'PUT' || req.method === 'POST') {
        st.reset({ ...st.fixtures, ...((await body(req)) as Partial<Fixtures>) });
        return json(res, 200, st.fixtures);
      }
    }
    if (route === 'public-key') return json(res, 200, { jwk: emu.signer.publicJwk, pem: emu.signer.publicPem });
    return json(res, 404, { error: `unknown admin route ${req.method} /_emulator/${route}` });
  } catch (e) {
    return json(res, 400, { error: (e as Error).message });
  }
}
