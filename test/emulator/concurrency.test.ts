import { MeterUsageCommand } from '@aws-sdk/client-marketplace-metering';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { client, NOW, startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('concurrency', () => {
  it('1,000 parallel MeterUsage calls through the SDK: no lost or duplicated records', async () => {
    // An AgentCore Runtime caller may report many times per hour (each SDK call carries its own ClientToken).
    const c = client(emu, { accessKeyId: 'AKIDEMULATORAGENTCORE' });
    const ids = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        c
          .send(
            new MeterUsageCommand({
              ProductCode: 'prod-abc123',
              Timestamp: new Date(NOW.getTime() - (i % 300) * 1000),
              UsageDimension: 'users',
              UsageQuantity: i,
            }),
          )
          .then((r) => r.MeteringRecordId!),
      ),
    );
    expect(new Set(ids).size).toBe(1000);
    expect(emu.state.records).toHaveLength(1000);
    expect(new Set(emu.state.records.map((r) => r.meteringRecordId))).toEqual(new Set(ids));
    expect(emu.state.records.reduce((s, r) => s + r.quantity, 0)).toBe((999 * 1000) / 2);
  });
});
