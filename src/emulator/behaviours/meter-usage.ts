import { createHash } from 'node:crypto';
import { AwsError } from '../protocol.js';
import { checkAllocations } from './allocations.js';
import type { OpContext } from './context.js';
import type { MeterRecord } from '../state.js';
import { checkEntitled, knownProduct } from './products.js';

const HOUR = 3600;

/**
 * The instance the once-per-hour rule is kept for. Current MeterUsage docs: "For AMI-based products,
 * this is per dimension and per EC2 instance. For container products, this is per dimension and per ECS
 * task or EKS pod."
 */
const instanceOf = (ctx: OpContext) => ctx.caller.taskId ?? ctx.caller.instanceId ?? `key:${ctx.caller.accessKeyId}`;

/**
 * MeterUsage, from the served model's MeterUsage documentation (2026-02-26 model quoted):
 * - Non-AgentCore callers: "you can only report usage once per hour for each dimension … You can't modify
 *   values after they're recorded … The Timestamp request parameter is rounded down to the hour … For
 *   requests that are identical after the Timestamp is rounded down, the API is idempotent and returns the
 *   metering record ID." This holds whether or not a ClientToken is sent: every SDK and the CLI send one
 *   ("If you don't provide this value, then Amazon Web Services generates a random one for you").
 * - AgentCore Runtime callers: "you can report usage multiple times per hour for the same dimension … You
 *   must include an idempotency token in the ClientToken request parameter … The Timestamp request
 *   parameter is not rounded down to the hour and is not used for duplicate validation."
 * - Every caller: ClientToken — "Passing the same value to a later call to an operation requires that you
 *   also pass the same value for all other parameters"; IdempotencyConflictException (409): "The ClientToken
 *   is being used for multiple requests."
 * - DryRun: "If you have the permissions, the request returns DryRunOperation".
 */
export function meterUsage(ctx: OpContext): Record<string, unknown> {
  const b = ctx.body as {
    ProductCode: string;
    Timestamp: number;
    UsageDimension: string;
    UsageQuantity?: number;
    DryRun?: boolean;
    UsageAllocations?: unknown[];
    ClientToken?: string;
  };
  const { windows } = ctx;
  if (ctx.region !== ctx.caller.region) {
    throw new AwsError(
      'InvalidEndpointRegionException',
      `The endpoint region ${ctx.region} does not match the region of the caller (${ctx.caller.region})`,
    );
  }
  const product = knownProduct(ctx, b.ProductCode);
  checkEntitled(ctx, b.ProductCode, product);
  if (!product.dimensions.includes(b.UsageDimension)) {
    throw new AwsError(
      'InvalidUsageDimensionException',
      `The usage dimension ${b.UsageDimension} is not defined for product ${b.ProductCode}`,
    );
  }
  // "If you submit records more than six hours after events occur, the records won't be accepted."
  const nowS = ctx.now.getTime() / 1000;
  if (b.Timestamp > nowS + windows.futureSkewSeconds || b.Timestamp < nowS - windows.meterUsageHours * HOUR) {
    throw new AwsError(
      'TimestampOutOfBoundsException',
      `The timestamp must be within the past ${windows.meterUsageHours} hours and not in the future`,
    );
  }
  const quantity = b.UsageQuantity ?? 0;
  checkAllocations(b.UsageAllocations, quantity);
  const agentCore = ctx.caller.platform === 'AgentCore';
  if (agentCore && !b.ClientToken) {
    throw new AwsError('ValidationException', 'AgentCore Runtime deployments must include a ClientToken');
  }
  if (b.DryRun) {
    // Documented but unmodelled: a successful dry run answers the DryRunOperation error.
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but the DryRun parameter was set.');
  }
  const st = ctx.state;
  const params = JSON.stringify([
    b.ProductCode,
    b.Timestamp,
    b.UsageDimension,
    quantity,
    b.UsageAllocations ?? null,
    ctx.caller.accountId,
  ]);
  const fingerprint = createHash('sha256').update(params).digest('hex');
  if (b.ClientToken) {
    const prev = st.tokens.get(b.ClientToken);
    if (prev) {
      if (prev.fingerprint !== fingerprint) {
        throw new AwsError('IdempotencyConflictException', 'The ClientToken is being used for multiple requests.', 409);
      }
      return { MeteringRecordId: prev.record.meteringRecordId };
    }
  }
  let record: MeterRecord;
  if (agentCore) {
    record = save(ctx, b, quantity, b.Timestamp);
  } else {
    const hour = Math.floor(b.Timestamp / HOUR) * HOUR;
    const key = [b.ProductCode, b.UsageDimension, hour, ctx.caller.accountId, instanceOf(ctx)].join('|');
    const prev = st.hourly.get(key);
    if (prev) {
      const same =
        prev.quantity === quantity &&
        JSON.stringify(prev.allocations ?? null) === JSON.stringify(b.UsageAllocations ?? null);
      if (!same) {
        throw new AwsError(
          'DuplicateRequestException',
          `A metering record for ${b.UsageDimension} in this hour was already emitted by this instance ` +
            'with a different quantity',
        );
      }
      record = prev;
    } else {
      record = save(ctx, b, quantity, hour);
      st.hourly.set(key, record);
    }
  }
  if (b.ClientToken) {
    record.clientToken ??= b.ClientToken;
    st.tokens.set(b.ClientToken, { fingerprint, record });
  }
  return { MeteringRecordId: record.meteringRecordId };
}

type Metered = { ProductCode: string; UsageDimension: string; UsageAllocations?: unknown[] };

function save(ctx: OpContext, b: Metered, quantity: number, timestamp: number): MeterRecord {
  const record: MeterRecord = {
    meteringRecordId: ctx.state.newRecordId(),
    operation: 'MeterUsage',
    productCode: b.ProductCode,
    dimension: b.UsageDimension,
    quantity,
    timestamp,
    accountId: ctx.caller.accountId,
    allocations: b.UsageAllocations,
    recordedAt: ctx.now.toISOString(),
  };
  ctx.state.records.push(record);
  return record;
}
