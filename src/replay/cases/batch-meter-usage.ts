import { LICENSE_ARN } from '../../emulator/fixtures.js';
import type { ToolCases } from '../types.js';
import { limit } from '../schema-values.js';

const PRODUCT = 'prod-saas456';
const rec = (now: Date, over: Record<string, unknown> = {}) => ({
  CustomerAWSAccountId: '777788889999',
  Dimension: 'requests',
  Quantity: 1,
  Timestamp: new Date(now.getTime() - 3600_000),
  ...over,
});
const results = (r: Record<string, unknown>) => (r.Results ?? []) as { Status?: string; MeteringRecordId?: string }[];

/** BatchMeterUsage: per-record statuses, the 25-record boundary, a negative case per modelled error. */
export const batchMeterUsageCases: ToolCases = {
  tool: 'BatchMeterUsage',
  command: 'BatchMeterUsageCommand',
  cases: [
    {
      name: 'an empty batch meters nothing',
      kind: 'probe',
      liveProbe: true,
      input: () => ({ ProductCode: PRODUCT, UsageRecords: [] }),
      check: (r) => (results(r).length === 0 ? null : 'an empty batch returned results'),
    },
    {
      name: 'statuses: Success and CustomerNotSubscribed',
      kind: 'happy',
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [rec(now), rec(now, { CustomerAWSAccountId: '444455556666' })],
      }),
      check: (r) =>
        JSON.stringify(results(r).map((x) => x.Status)) === '["Success","CustomerNotSubscribed"]'
          ? null
          : `statuses ${JSON.stringify(results(r).map((x) => x.Status))}`,
    },
    {
      name: 'the same record again is idempotent',
      kind: 'happy',
      repeat: true,
      ground: 'Identical requests are idempotent',
      input: ({ now }) => ({ ProductCode: PRODUCT, UsageRecords: [rec(now, { Dimension: 'seats', Quantity: 4 })] }),
      check: (r, _e, first) =>
        results(r)[0]?.MeteringRecordId && results(r)[0]?.MeteringRecordId === results(first ?? {})[0]?.MeteringRecordId
          ? null
          : 'different record ids for an identical record',
    },
    {
      name: 'a license-level record',
      kind: 'happy',
      ground: 'LicenseArn is a unique identifier',
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [rec(now, { Dimension: 'requests', Quantity: 7, LicenseArn: LICENSE_ARN })],
      }),
      check: (r) => (results(r)[0]?.Status === 'Success' ? null : `status ${results(r)[0]?.Status}`),
    },
    {
      name: 'the maximum number of records',
      kind: 'boundary',
      input: ({ now, snapshot }) => ({
        ProductCode: PRODUCT,
        UsageRecords: Array.from(
          { length: limit(snapshot, 'BatchMeterUsage', 'UsageRecords', 'maxItems', 25) },
          (_, i) => rec(now, { Timestamp: new Date(now.getTime() - 7200_000 - i * 1000) }),
        ),
      }),
      check: (r, { snapshot }) =>
        results(r).length === limit(snapshot, 'BatchMeterUsage', 'UsageRecords', 'maxItems', 25)
          ? null
          : `${results(r).length} results`,
    },
    {
      name: 'unknown product code',
      kind: 'negative',
      expectError: 'InvalidProductCodeException',
      input: ({ now }) => ({ ProductCode: 'prod-unknown', UsageRecords: [rec(now)] }),
    },
    // "both customer identifiers → error" was removed: the "mutually exclusive" wording left the docs in 2026-02.
    {
      name: 'unknown customer',
      kind: 'negative',
      expectError: 'InvalidCustomerIdentifierException',
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [rec(now, { CustomerAWSAccountId: '000000000000' })],
      }),
    },
    {
      name: 'unknown license',
      kind: 'negative',
      expectError: 'InvalidLicenseException',
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [rec(now, { LicenseArn: LICENSE_ARN.replace(/0123456789abcdef/g, 'ffffffffffffffff') })],
      }),
    },
    {
      name: 'unknown dimension',
      kind: 'negative',
      expectError: 'InvalidUsageDimensionException',
      input: ({ now }) => ({ ProductCode: PRODUCT, UsageRecords: [rec(now, { Dimension: 'gpus' })] }),
    },
    {
      name: 'a record outside the window rejects the batch',
      kind: 'negative',
      expectError: 'TimestampOutOfBoundsException',
      ground: 'hours or more after an event',
      anchor: { path: 'BatchMeterUsage', kind: 'quantity', fact: '6 hours' },
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [rec(now), rec(now, { Timestamp: new Date(now.getTime() - 30 * 3600_000) })],
      }),
    },
    {
      name: 'allocations do not sum to the quantity',
      kind: 'negative',
      expectError: 'InvalidUsageAllocationsException',
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [rec(now, { Quantity: 5, UsageAllocations: [{ AllocatedUsageQuantity: 1 }] })],
      }),
    },
    {
      name: 'duplicate tag keys',
      kind: 'negative',
      expectError: 'InvalidTagException',
      input: ({ now }) => ({
        ProductCode: PRODUCT,
        UsageRecords: [
          rec(now, {
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
        ],
      }),
    },
    {
      name: 'throttled',
      kind: 'negative',
      expectError: 'ThrottlingException',
      emulator: { faults: { BatchMeterUsage: { throttleRate: 1 } } },
      input: ({ now }) => ({ ProductCode: PRODUCT, UsageRecords: [rec(now)] }),
    },
    {
      name: 'server fault',
      kind: 'negative',
      expectError: 'InternalServiceErrorException',
      emulator: { faults: { BatchMeterUsage: { errorRate: 1 } } },
      input: ({ now }) => ({ ProductCode: PRODUCT, UsageRecords: [rec(now)] }),
    },
    {
      name: 'disabled API',
      kind: 'negative',
      expectError: 'DisabledApiException',
      emulator: { disabled: ['BatchMeterUsage'] },
      input: ({ now }) => ({ ProductCode: PRODUCT, UsageRecords: [rec(now)] }),
    },
  ],
};
