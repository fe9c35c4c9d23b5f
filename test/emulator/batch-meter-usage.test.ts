import {
  BatchMeterUsageCommand, InvalidCustomerIdentifierException, InvalidLicenseException, TimestampOutOfBoundsException,
  InvalidProductCodeException,
} from '@aws-sdk/client-marketplace-metering';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inWindow } from '../../src/emulator/behaviours/batch-meter-usage.js';
import { LICENSE_ARN } from '../../src/emulator/fixtures.js';
import type { Emulator } from '../../src/emulator/server.js';
import { client, NOW, startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => { emu = await startEmulator(); });
afterAll(() => emu.close());
beforeEach(() => emu.state.reset());

const ts = new Date(NOW.getTime() - 3600_000);
const rec = (over: Record<string, unknown> = {}) => ({ CustomerAWSAccountId: '777788889999', Dimension: 'requests', Quantity: 1, Timestamp: ts, ...over });
const send = (records: unknown[], productCode = 'prod-saas456') => client(emu).send(new BatchMeterUsageCommand({ ProductCode: productCode, UsageRecords: records as never }));

describe('BatchMeterUsage through the real SDK', () => {
  it('an empty list is valid and meters nothing', async () => {
    const r = await send([]);
    expect(r.Results).toEqual([]);
    expect(emu.state.records).toHaveLength(0);
  });

  it('25 records are accepted, 26 are a ValidationException naming the constraint', async () => {
    const ok = await send(Array.from({ length: 25 }, (_, i) => rec({ Timestamp: new Date(ts.getTime() + i * 1000) })));
    expect(ok.Results).toHaveLength(25);
    expect(ok.Results!.every((r) => r.Status === 'Success')).toBe(true);
    const err = await send(Array.from({ length: 26 }, () => rec())).catch((e) => e);
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/UsageRecords.*less than or equal to 25 \(maxItems\)/);
  });

  it('per-record statuses: Success, CustomerNotSubscribed, DuplicateRecord; identical requests are idempotent', async () => {
    const first = await send([rec(), rec({ CustomerAWSAccountId: '444455556666' })]);
    expect(first.Results!.map((r) => r.Status)).toEqual(['Success', 'CustomerNotSubscribed']);
    const again = await send([rec()]);
    expect(again.Results![0]).toMatchObject({ Status: 'Success', MeteringRecordId: first.Results![0].MeteringRecordId });
    const dup = await send([rec({ Quantity: 9 })]);
    expect(dup.Results![0].Status).toBe('DuplicateRecord');
    expect(emu.state.records).toHaveLength(1);
  });

  it('legacy CustomerIdentifier works; naming both or neither is InvalidCustomerIdentifierException', async () => {
    const r = await send([{ CustomerIdentifier: 'cust-legacy-1', Dimension: 'requests', Quantity: 1, Timestamp: ts }]);
    expect(r.Results![0].Status).toBe('Success');
    for (const bad of [rec({ CustomerIdentifier: 'cust-legacy-1' }), { Dimension: 'requests', Quantity: 1, Timestamp: ts }]) {
      expect(await send([bad]).catch((e) => e)).toBeInstanceOf(InvalidCustomerIdentifierException);
    }
  });

  it('a record older than 24h rejects the whole batch', async () => {
    const err = await send([rec(), rec({ Timestamp: new Date(NOW.getTime() - 25 * 3600_000) })]).catch((e) => e);
    expect(err).toBeInstanceOf(TimestampOutOfBoundsException);
    expect(emu.state.records).toHaveLength(0);
    expect((await send([rec({ Timestamp: new Date(NOW.getTime() - 23 * 3600_000) })])).Results![0].Status).toBe('Success');
  });

  it('month-end grace: last month is accepted until 06:00 UTC on the 1st', () => {
    const w = { batchHours: 24, monthEndGraceHours: 6, futureSkewSeconds: 300 };
    const lastMonth = Date.UTC(2026, 9, 30, 10) / 1000; // 30 Oct, 10:00
    expect(inWindow(lastMonth, new Date('2026-11-01T05:00:00Z'), w)).toBe(true);
    expect(inWindow(lastMonth, new Date('2026-11-01T07:00:00Z'), w)).toBe(false);
    expect(inWindow(Date.UTC(2026, 8, 30) / 1000, new Date('2026-11-01T05:00:00Z'), w)).toBe(false); // two months back
  });

  it('LicenseArn: known is accepted, unknown is InvalidLicenseException', async () => {
    expect((await send([rec({ LicenseArn: LICENSE_ARN })])).Results![0].Status).toBe('Success');
    const err = await send([rec({ LicenseArn: 'arn:aws:license-manager::123456789012:license:l-ffffffffffffffffffffffffffffffff' })]).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidLicenseException);
  });

  it('unknown product → InvalidProductCodeException', async () => {
    expect(await send([rec()], 'prod-nope').catch((e) => e)).toBeInstanceOf(InvalidProductCodeException);
  });

  it('injected partial failure returns UnprocessedRecords', async () => {
    emu.state.fixtures.faults = { BatchMeterUsage: { partialFailureRate: 1 } };
    try {
      const r = await send([rec(), rec({ Dimension: 'seats' })]);
      expect(r.Results).toEqual([]);
      expect(r.UnprocessedRecords).toHaveLength(2);
    } finally {
      emu.state.fixtures.faults = {};
    }
  });
});
