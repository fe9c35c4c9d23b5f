import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docWindows } from '../../src/emulator/doc-rules.js';
import { createEmulator, type Emulator } from '../../src/emulator/server.js';
import { defaultFixtures } from '../../src/emulator/fixtures.js';
import { cliAsync, corpusFile, snap } from '../helpers.js';
import { raw, SNAPSHOT, startEmulator } from './setup.js';

describe("windows come from the served model's documentation", () => {
  it('2026-02-26 (vendored): MeterUsage 6 h, BatchMeterUsage 6 h, no month-end rule — each with its sentence', () => {
    const { windows, rules } = docWindows(SNAPSHOT);
    expect(windows).toMatchObject({ meterUsageHours: 6, batchHours: 6, monthEndGraceHours: 0 });
    expect(rules.find((r) => r.rule === 'meter-usage window')!.quote).toMatch(/more than six hours after events occur/);
    expect(rules.find((r) => r.rule === 'batch window')!.quote).toMatch(
      /aren't accepted 6 hours or more after an event/,
    );
    expect(rules.find((r) => r.rule === 'batch month-end grace')!.quote).toBe(null);
  });

  it('2026-07-20 (botocore 020): BatchMeterUsage 24 h and the 06:00 UTC month-end rule', () => {
    const { windows, rules } = docWindows(snap(corpusFile('botocore', '020')));
    expect(windows).toMatchObject({ batchHours: 24, monthEndGraceHours: 6 });
    expect(rules.find((r) => r.rule === 'batch month-end grace')!.quote).toMatch(
      /previous billing month until 06:00 UTC/,
    );
  });
});

describe('admin routes: validated, bounded, no secrets', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ credentials: { AKIDEMULATORECS: 'super-secret-value' } });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.state.reset());
  const admin = (path: string, init: RequestInit = {}) => fetch(`${emu.url}/_emulator/${path}`, init);

  it('PUT faults with null, an unknown tool or a bad rate is refused and changes nothing', async () => {
    for (const bad of ['null', '{"Nope":{}}', '{"MeterUsage":{"errorRate":7}}', '{"MeterUsage":{"colour":1}}', '{']) {
      const r = await admin('faults', { method: 'PUT', body: bad });
      expect(r.status, bad).toBe(400);
    }
    expect(emu.state.fixtures.faults).toEqual({});
    const ok = await admin('faults', { method: 'PUT', body: '{"MeterUsage":{"errorRate":0.5}}' });
    expect(ok.status).toBe(200);
  });

  it('a body over 64 kB is refused with 413', async () => {
    const r = await admin('fixtures', { method: 'PUT', body: JSON.stringify({ now: 'x'.repeat(70_000) }) });
    expect(r.status).toBe(413);
  });

  it('GET fixtures never returns a signing secret', async () => {
    const text = await (await admin('fixtures')).text();
    expect(text).not.toContain('super-secret-value');
    expect(JSON.parse(text).credentials).toEqual({ AKIDEMULATORECS: '***' });
  });

  it('the request log keeps large bodies as their size only', async () => {
    emu.state.reset({ ...emu.state.fixtures, credentials: undefined }); // raw() does not really sign
    await raw(emu, 'ResolveCustomer', { RegistrationToken: 'x'.repeat(20_000) });
    await raw(emu, 'ResolveCustomer', { RegistrationToken: 'small' });
    const log = (await (await admin('requests')).json()) as { body: unknown }[];
    expect(log.at(-2)!.body).toEqual({ specwatchTruncated: true, bytes: 20_024 });
    expect(log.at(-1)!.body).toEqual({ RegistrationToken: 'small' });
  });
});

describe('admin token', () => {
  it('when set, every admin request must carry it', async () => {
    const emu = await createEmulator({ snapshot: SNAPSHOT, fixtures: defaultFixtures(), adminToken: 't0ken' });
    await emu.listen(0, '127.0.0.1');
    try {
      expect((await fetch(`${emu.url}/_emulator/records`)).status).toBe(401);
      expect(
        (await fetch(`${emu.url}/_emulator/records`, { headers: { 'x-emulator-admin-token': 't0ken' } })).status,
      ).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('a non-loopback --host is refused without one (exit 2, one line)', async () => {
    const r = await cliAsync(['emulator', '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /--host 0\.0\.0\.0: the admin routes are unauthenticated test tools; beyond loopback, set an admin token/,
    );
  });
});
