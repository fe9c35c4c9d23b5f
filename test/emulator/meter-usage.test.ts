import {
  CustomerNotEntitledException,
  DuplicateRequestException,
  IdempotencyConflictException,
  InvalidEndpointRegionException,
  InvalidProductCodeException,
  InvalidTagException,
  InvalidUsageAllocationsException,
  InvalidUsageDimensionException,
  MeterUsageCommand,
  TimestampOutOfBoundsException,
} from '@aws-sdk/client-marketplace-metering';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/server.js';
import { client, NOW, nowS, raw, startEmulator } from './setup.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.state.reset());

const base = {
  ProductCode: 'prod-abc123',
  Timestamp: new Date(NOW.getTime() - 60_000),
  UsageDimension: 'users',
  UsageQuantity: 5,
};
const send = (input: Record<string, unknown>, opts?: Parameters<typeof client>[1]) =>
  client(emu, opts).send(new MeterUsageCommand({ ...base, ...input } as never));

describe('MeterUsage through the real SDK', () => {
  it('meters and returns a record id', async () => {
    const r = await send({});
    expect(r.MeteringRecordId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emu.state.records).toHaveLength(1);
  });

  it(
    'the SDK sends a ClientToken: same token + same params is ' +
      'idempotent, other params → IdempotencyConflictException (409)',
    async () => {
      const a = await send({ ClientToken: 'tok-1' });
      const b = await send({ ClientToken: 'tok-1' });
      expect(b.MeteringRecordId).toBe(a.MeteringRecordId);
      const err = await send({ ClientToken: 'tok-1', UsageQuantity: 6 }).catch((e) => e);
      expect(err).toBeInstanceOf(IdempotencyConflictException);
      expect(err.$metadata.httpStatusCode).toBe(409);
      expect(emu.state.records).toHaveLength(1);
    },
  );

  it(
    'without ClientToken: rounded to the hour; same hour + ' +
      'other quantity → DuplicateRequestException; identical → same id',
    async () => {
      const body = { ProductCode: 'prod-abc123', Timestamp: nowS - 120, UsageDimension: 'users', UsageQuantity: 3 };
      const a = await raw(emu, 'MeterUsage', body);
      expect(a.status).toBe(200);
      const again = await raw(emu, 'MeterUsage', { ...body, Timestamp: nowS - 60 }); // same hour
      expect(again.body.MeteringRecordId).toBe(a.body.MeteringRecordId);
      const dup = await raw(emu, 'MeterUsage', { ...body, UsageQuantity: 4 });
      expect(dup.status).toBe(400);
      expect(dup.body.__type).toBe('DuplicateRequestException');
      expect(emu.state.records[0].timestamp % 3600).toBe(0);
      void DuplicateRequestException;
    },
  );

  it(
    'the once-per-hour rule reaches real SDK traffic (a ' +
      'fresh ClientToken on every call), per ECS task / EC2 instance',
    async () => {
      // "you can only report usage once per hour for each dimension … per ECS task or EKS pod. You can't modify values"
      const a = await send({});
      const again = await send({ Timestamp: new Date(NOW.getTime() - 30_000) }); // same hour, same values
      expect(again.MeteringRecordId).toBe(a.MeteringRecordId);
      const other = await send({ UsageQuantity: 6 }).catch((e) => e);
      expect(other).toBeInstanceOf(DuplicateRequestException);
      expect(emu.state.records).toHaveLength(1);
      // Another ECS task, another EC2 instance: their own hour.
      expect((await send({ UsageQuantity: 6 }, { accessKeyId: 'AKIDEMULATORFARGATE' })).MeteringRecordId).not.toBe(
        a.MeteringRecordId,
      );
      expect((await send({ UsageQuantity: 7 }, { accessKeyId: 'AKIDEMULATOREC2' })).MeteringRecordId).toBeTruthy();
      expect(await send({ UsageQuantity: 8 }, { accessKeyId: 'AKIDEMULATOREC2' }).catch((e) => e)).toBeInstanceOf(
        DuplicateRequestException,
      );
      expect(emu.state.records).toHaveLength(3);
    },
  );

  it(
    'AgentCore Runtime callers report many times per ' + 'hour; a reused ClientToken with other values is still 409',
    async () => {
      const agent = { accessKeyId: 'AKIDEMULATORAGENTCORE' };
      const a = await send({}, agent);
      const b = await send({ UsageQuantity: 6 }, agent);
      expect(b.MeteringRecordId).not.toBe(a.MeteringRecordId);
      expect(emu.state.records.map((r) => r.timestamp % 3600 === 0)).toEqual([false, false]); // not rounded
      await send({ ClientToken: 'agent-tok' }, agent);
      const err = await send({ ClientToken: 'agent-tok', UsageQuantity: 9 }, agent).catch((e) => e);
      expect(err).toBeInstanceOf(IdempotencyConflictException);
      expect(err.$metadata.httpStatusCode).toBe(409);
    },
  );

  it('DryRun answers DryRunOperation and records nothing', async () => {
    const err = await send({ DryRun: true }).catch((e) => e);
    expect(err.name).toBe('DryRunOperation');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(emu.state.records).toHaveLength(0);
  });

  it.each([
    ['unknown product', { ProductCode: 'prod-nope' }, {}, InvalidProductCodeException],
    ['caller not entitled', {}, { accessKeyId: 'AKIDNOTENTITLED' }, CustomerNotEntitledException],
    ['unknown dimension', { UsageDimension: 'gpus' }, {}, InvalidUsageDimensionException],
    ['timestamp 7h old', { Timestamp: new Date(NOW.getTime() - 7 * 3600_000) }, {}, TimestampOutOfBoundsException],
    ['timestamp in the future', { Timestamp: new Date(NOW.getTime() + 3600_000) }, {}, TimestampOutOfBoundsException],
    [
      'allocations not summing to the quantity',
      { UsageAllocations: [{ AllocatedUsageQuantity: 2 }, { AllocatedUsageQuantity: 2 }] },
      {},
      InvalidUsageAllocationsException,
    ],
    [
      '6 tags on an allocation',
      {
        UsageAllocations: [
          { AllocatedUsageQuantity: 5, Tags: Array.from({ length: 6 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
        ],
      },
      {},
      InvalidTagException,
    ],
    [
      'duplicate tag keys',
      {
        UsageAllocations: [
          {
            AllocatedUsageQuantity: 5,
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'a', Value: '2' },
            ],
          },
        ],
      },
      {},
      InvalidTagException,
    ],
    ['endpoint region differs from the caller', {}, { region: 'eu-west-1' }, InvalidEndpointRegionException],
  ])('%s → modelled exception', async (_n, input, opts, cls) => {
    const err = await send(input as Record<string, unknown>, opts as Parameters<typeof client>[1]).catch((e) => e);
    expect(err).toBeInstanceOf(cls);
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(emu.state.records).toHaveLength(0);
  });

  it('allocations that sum up, with 5 tags, are accepted', async () => {
    const tags = Array.from({ length: 5 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const r = await send({
      UsageAllocations: [
        { AllocatedUsageQuantity: 2, Tags: tags },
        { AllocatedUsageQuantity: 3, Tags: tags },
      ],
    });
    expect(r.MeteringRecordId).toBeTruthy();
  });
});
