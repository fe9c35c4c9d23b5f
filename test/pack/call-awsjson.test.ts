import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/model/load.js';
import { callAwsJson } from '../../src/pack/call-awsjson.js';
import { normalize } from '../../src/snapshot/normalize.js';
import { FIX } from '../helpers.js';

/** A generic awsJson call that gets no answer: whether the request left decides what the agent is told. */
const text = readFileSync(join(FIX, 'other-services', 'dynamodb-streams-2012-08-10.json'), 'utf8');
const snapshot = normalize(loadModelText(text, 'streams.json'), { pack: 'streams', bytes: text, location: 'x' });
const tool = snapshot.tools.find((t) => t.name === 'ListStreams')!;
const opts = { allowWrite: true, credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 's' }) };

const listen = (s: Server) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)));

describe('callAwsJson without an answer', () => {
  it('nothing listening: Unreachable, not sent', async () => {
    const s = createServer();
    const port = await listen(s);
    await new Promise((r) => s.close(r)); // the port is free again: a connection is refused
    const r = await callAwsJson(snapshot, tool, {}, { ...opts, endpointUrl: `http://127.0.0.1:${port}` });
    expect(r).toMatchObject({ isError: true, sent: false, structured: { error: { name: 'Unreachable' } } });
  });

  it('accepted, then silence past the timeout: NoAnswer, and it may have taken effect', async () => {
    const held: import('node:net').Socket[] = [];
    const s = createServer((sock) => held.push(sock)); // reads the request, never answers
    const port = await listen(s);
    try {
      const t0 = Date.now();
      const r = await callAwsJson(
        snapshot,
        tool,
        {},
        { ...opts, endpointUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 },
      );
      expect(Date.now() - t0).toBeLessThan(5000); // the timeout fired
      expect(r).toMatchObject({ isError: true, sent: true, structured: { error: { name: 'NoAnswer' } } });
      expect(r.text).toMatch(/may have taken effect/);
    } finally {
      held.forEach((x) => x.destroy());
      s.close();
    }
  });
});
