import {
  BatchMeterUsageCommand,
  InvalidCustomerIdentifierException,
  InvalidLicenseException,
  TimestampOutOfBoundsException,
  InvalidProductCodeException,
} from '@aws-sdk/client-marketplace-metering';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inWindow } from '../../src/emulator/behaviours/batch-meter-usage.js';
import { LICENSE_ARN } from '../../src/emulator/fixtures.js';
import type { Emulator } from '../../src/emulator/server.js';
import { client, NOW, startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.state.reset());

const ts = new Date(NOW.getTime() - 3600_000);
const rec = (over: Record<string, unknown> = {}) => ({
  CustomerAWSAccountId: '777788889999',
  Dimension: 'requests',
  Quantity: 1,
  Timestamp: ts,
  ...over,
});
const send = (records: unknown[], productCode = 'prod-saas456') =>
  client(emu).send(new BatchMeterUsageCommand({ ProductCode: productCode, UsageRecords: records as never }));

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

  it(
    'per-record statuses: Success, ' + 'CustomerNotSubscribed, DuplicateRecord; identical requests are idempotent',
    async () => {
      const first = await send([rec(), rec({ CustomerAWSAccountId: '444455556666' })]);
      expect(first.Results!.map((r) => r.Status)).toEqual(['Success', 'CustomerNotSubscribed']);
      const again = await send([rec()]);
      expect(again.Results![0]).toMatchObject({
        Status: 'Success',
        MeteringRecordId: first.Results![0].MeteringRecordId,
      });
      const dup = await send([rec({ Quantity: 9 })]);
      expect(dup.Results![0].Status).toBe('DuplicateRecord');
      expect(emu.state.records).toHaveLength(1);
    },
  );

  it(
    'legacy CustomerIdentifier works; no customer, an unknown ' +
      'one or two different ones is InvalidCustomerIdentifierException',
    async () => {
      const r = await send([
        { CustomerIdentifier: 'cust-legacy-1', Dimension: 'requests', Quantity: 1, Timestamp: ts },
      ]);
      expect(r.Results![0].Status).toBe('Success');
      // The "mutually exclusive" wording left the docs in 2026-02: both names of the same customer are accepted.
      const both = await send([rec({ CustomerIdentifier: 'cust-legacy-1', CustomerAWSAccountId: '111122223333' })]);
      expect(both.Results![0].Status).toBe('Success');
      const bads = [
        rec({ CustomerIdentifier: 'cust-legacy-1' }),
        { Dimension: 'requests', Quantity: 1, Timestamp: ts },
        rec({ CustomerAWSAccountId: '000000000000' }),
      ];
      for (const bad of bads)
        expect(await send([bad]).catch((e) => e)).toBeInstanceOf(InvalidCustomerIdentifierException);
    },
  );

  it("a record outside the served model's window (6 h in the 2026-02-26 docs) rejects the whole batch", async () => {
    const err = await send([rec(), rec({ Timestamp: new Date(NOW.getTime() - 7 * 3600_000) })]).catch((e) => e);
    expect(err).toBeInstanceOf(TimestampOutOfBoundsException);
    expect(err.message).toMatch(/6-hour reporting window/);
    expect(emu.state.records).toHaveLength(0);
    expect((await send([rec({ Timestamp: new Date(NOW.getTime() - 5 * 3600_000) })])).Results![0].Status).toBe(
      'Success',
    );
  });

  it('month end (2026-07-20 docs): last month until 06:00 UTC on the 1st, never past the 24-hour window', () => {
    const w = { batchHours: 24, monthEndGraceHours: 6, futureSkewSeconds: 300 };
    const lateMarch = Date.UTC(2026, 2, 31, 23) / 1000; // 31 March, 23:00
    expect(inWindow(lateMarch, new Date('2026-04-01T05:00:00Z'), w)).toBe(true);
    // "you must submit March usage records before 06:00 UTC on April 1": refused at 10:00, though only 11 h old.
    expect(inWindow(lateMarch, new Date('2026-04-01T10:00:00Z'), w)).toBe(false);
    expect(inWindow(Date.UTC(2026, 2, 31, 10) / 1000, new Date('2026-04-01T10:00:00Z'), w)).toBe(false);
    // The grace never lets in a record older than the window.
    expect(inWindow(Date.UTC(2026, 2, 30, 10) / 1000, new Date('2026-04-01T05:00:00Z'), w)).toBe(false);
    // Inside the month, the window alone decides.
    expect(inWindow(Date.UTC(2026, 3, 1, 7) / 1000, new Date('2026-04-01T10:00:00Z'), w)).toBe(true);
  });

  it("records with LicenseArn and no ProductCode meter the license's product", async () => {
    const r = await client(emu).send(
      new BatchMeterUsageCommand({ UsageRecords: [rec({ LicenseArn: LICENSE_ARN })] as never }),
    );
    expect(r.Results![0].Status).toBe('Success');
    expect(emu.state.records[0].productCode).toBe('prod-saas456');
    const bad = await client(emu)
      .send(new BatchMeterUsageCommand({ UsageRecords: [rec()] as never }))
      .catch((e) => e);
    expect(bad).toBeInstanceOf(InvalidLicenseException);
  });

  it('LicenseArn: known is accepted, unknown is InvalidLicenseException', async () => {
    expect((await send([rec({ LicenseArn: LICENSE_ARN })])).Results![0].Status).toBe('Success');
    const err = await send([
      rec({ LicenseArn: 'arn:aws:license-manager::123456789012:license:l-ffffffffffffffffffffffffffffffff' }),
    ]).catch((e) => e);
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
