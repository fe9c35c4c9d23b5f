import { MarketplaceMeteringClient } from '@aws-sdk/client-marketplace-metering';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { defaultFixtures, type Fixtures } from '../../src/emulator/fixtures.js';
import { snap, vendoredSpec } from '../helpers.js';

export const NOW = new Date('2026-11-27T12:00:00Z');
export const nowS = NOW.getTime() / 1000;
export const SNAPSHOT = snap(vendoredSpec());

export async function startEmulator(over: Partial<Fixtures> = {}): Promise<Emulator> {
  const emu = await createEmulator({
    snapshot: SNAPSHOT,
    fixtures: { ...defaultFixtures(), now: NOW.toISOString(), ...over },
  });
  await emu.listen(0, '127.0.0.1');
  return emu;
}

export function client(emu: Emulator, opts: { accessKeyId?: string; secretAccessKey?: string; region?: string } = {}) {
  return new MarketplaceMeteringClient({
    endpoint: emu.url,
    region: opts.region ?? 'us-east-1',
    credentials: {
      accessKeyId: opts.accessKeyId ?? 'AKIDEMULATORECS',
      secretAccessKey: opts.secretAccessKey ?? 'test-secret',
    },
    maxAttempts: 1,
  });
}

/** A raw awsJson request with a well-formed (unverified) SigV4 header, for what the SDK would not send. */
export async function raw(emu: Emulator, op: string, body: unknown, headers: Record<string, string> = {}) {
  const auth =
    'AWS4-HMAC-SHA256 Credential=AKIDEMULATORECS/20261127/us-east-1/aws-marketplace/aws4_request, ' +
    'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' +
    'a'.repeat(64);
  const res = await fetch(emu.url + '/', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSMPMeteringService.${op}`,
      authorization: auth,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
