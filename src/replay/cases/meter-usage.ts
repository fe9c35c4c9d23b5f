import type { ToolCases } from '../types.js';
import { limit } from '../schema-values.js';

const PRODUCT = 'prod-abc123';
const ts = (now: Date, secondsAgo = 60) => new Date(now.getTime() - secondsAgo * 1000);
const base = (now: Date) => ({ ProductCode: PRODUCT, Timestamp: ts(now), UsageDimension: 'users', UsageQuantity: 1 });

/** MeterUsage: happy paths, boundaries from the snapshot, a negative case per modelled error. */
export const meterUsageCases: ToolCases = {
  tool: 'MeterUsage',
  command: 'MeterUsageCommand',
  cases: [
    {
      name: 'meters one record',
      kind: 'happy',
      input: ({ now }) => base(now),
      check: (r) => (typeof r.MeteringRecordId === 'string' && r.MeteringRecordId ? null : 'no MeteringRecordId'),
    },
    {
      name: 'same ClientToken and parameters return the same record',
      kind: 'happy',
      repeat: true,
      ground:
        'Passing the same value to a later call to an operation requires that you also pass the same value for ' +
        'all other parameters',
      input: ({ now, runId }) => ({ ...base(now), UsageQuantity: 2, ClientToken: `idem-${runId}` }),
      check: (r, _e, first) =>
        r.MeteringRecordId === first?.MeteringRecordId
          ? null
          : `idempotent call returned ${String(r.MeteringRecordId)} then ${String(first?.MeteringRecordId)}`,
    },
    {
      name: 'maximum allocations, each with the maximum tags',
      kind: 'boundary',
      input: ({ now, snapshot }) => {
        const n = limit(snapshot, 'MeterUsage', 'UsageAllocations', 'maxItems', 2500);
        const tags = Array.from(
          { length: limit(snapshot, 'MeterUsage', 'UsageAllocations[].Tags', 'maxItems', 5) },
          (_, i) => ({ Key: `key${i}`, Value: `value${i}` }),
        );
        return {
          ...base(now),
          UsageDimension: 'hosts',
          UsageQuantity: n,
          UsageAllocations: Array.from({ length: n }, () => ({ AllocatedUsageQuantity: 1, Tags: tags })),
        };
      },
    },
    {
      name: 'longest dimension name is accepted by the schema (unknown to the product)',
      kind: 'boundary',
      expectError: 'InvalidUsageDimensionException',
      input: ({ now, snapshot }) => ({
        ...base(now),
        UsageDimension: 'd'.repeat(limit(snapshot, 'MeterUsage', 'UsageDimension', 'maxLength', 255)),
      }),
    },
    {
      // DryRun member docs: "If you have the permissions, the request returns DryRunOperation"
      // (not modelled: status 400).
      name: 'DryRun answers the documented DryRunOperation',
      kind: 'probe',
      liveProbe: true,
      expectError: 'DryRunOperation',
      expectStatus: 400,
      input: ({ now }) => ({ ...base(now), DryRun: true }),
    },
    {
      name: 'unknown product code',
      kind: 'negative',
      expectError: 'InvalidProductCodeException',
      input: ({ now }) => ({ ...base(now), ProductCode: 'prod-unknown' }),
    },
    {
      name: 'caller not entitled',
      kind: 'negative',
      expectError: 'CustomerNotEntitledException',
      accessKeyId: 'AKIDNOTENTITLED',
      input: ({ now }) => base(now),
    },
    {
      name: 'unknown dimension',
      kind: 'negative',
      expectError: 'InvalidUsageDimensionException',
      input: ({ now }) => ({ ...base(now), UsageDimension: 'gpus' }),
    },
    {
      name: 'timestamp older than the window',
      kind: 'negative',
      expectError: 'TimestampOutOfBoundsException',
      ground: 'six hours',
      anchor: { path: 'MeterUsage', kind: 'quantity', fact: '6 hours' },
      input: ({ now }) => ({ ...base(now), Timestamp: ts(now, 7 * 3600) }),
    },
    {
      name: 'allocations do not sum to the quantity',
      kind: 'negative',
      expectError: 'InvalidUsageAllocationsException',
      input: ({ now }) => ({ ...base(now), UsageQuantity: 3, UsageAllocations: [{ AllocatedUsageQuantity: 1 }] }),
    },
    {
      name: 'duplicate tag keys',
      kind: 'negative',
      expectError: 'InvalidTagException',
      input: ({ now }) => ({
        ...base(now),
        UsageAllocations: [
          {
            AllocatedUsageQuantity: 1,
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'a', Value: '2' },
            ],
          },
        ],
      }),
    },
    {
      // Sent as every SDK sends it (a fresh ClientToken each call): "you can only report usage once per hour
      // for each dimension".
      name: "same hour, other quantity (the SDK's own ClientToken)",
      kind: 'negative',
      expectError: 'DuplicateRequestException',
      ground: 'you can only report usage once per hour for each dimension',
      anchor: { path: 'MeterUsage', kind: 'quantity', fact: 'once per hour' },
      prime: ({ now }) => ({ ...base(now), UsageDimension: 'data_gb', UsageQuantity: 1 }),
      input: ({ now }) => ({ ...base(now), UsageDimension: 'data_gb', UsageQuantity: 2 }),
    },
    {
      name: 'ClientToken reused with other parameters',
      kind: 'negative',
      expectError: 'IdempotencyConflictException',
      anchor: { path: '#MeterUsageRequest.ClientToken', kind: 'error', fact: 'IdempotencyConflictException' },
      accessKeyId: 'AKIDEMULATORAGENTCORE',
      prime: ({ now, runId }) => ({ ...base(now), ClientToken: `conflict-${runId}` }),
      input: ({ now, runId }) => ({ ...base(now), UsageQuantity: 9, ClientToken: `conflict-${runId}` }),
    },
    {
      name: 'endpoint region differs from the caller',
      kind: 'negative',
      expectError: 'InvalidEndpointRegionException',
      region: 'eu-west-1',
      input: ({ now }) => base(now),
    },
    {
      name: 'throttled',
      kind: 'negative',
      expectError: 'ThrottlingException',
      emulator: { faults: { MeterUsage: { throttleRate: 1 } } },
      input: ({ now }) => base(now),
    },
    {
      name: 'server fault',
      kind: 'negative',
      expectError: 'InternalServiceErrorException',
      emulator: { faults: { MeterUsage: { errorRate: 1 } } },
      input: ({ now }) => base(now),
    },
  ],
};
