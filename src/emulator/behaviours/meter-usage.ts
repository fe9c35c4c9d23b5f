import { createHash } from 'node:crypto';
import { AwsError } from '../protocol.js';
import { checkAllocations } from './allocations.js';
import type { OpContext } from './context.js';
import type { MeterRecord } from '../state.js';
import { checkEntitled, knownProduct } from './products.js';

const HOUR = 3600;

/**
 * MeterUsage, per docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-metering_MeterUsage.html:
 * one record per {product, dimension, hour} without ClientToken (timestamps rounded down to the hour;
 * the same hour with another quantity is a DuplicateRequestException, an identical call returns the
 * same MeteringRecordId); with ClientToken, timestamps are kept and a token reused with other
 * parameters is an IdempotencyConflictException (HTTP 409). DryRun checks everything and records nothing.
 */
export function meterUsage(ctx: OpContext): Record<string, unknown> {
  const b = ctx.body as {
    ProductCode: string; Timestamp: number; UsageDimension: string; UsageQuantity?: number; DryRun?: boolean;
    UsageAllocations?: unknown[]; ClientToken?: string;
  };
  const { windows } = ctx.state.fixtures;
  if (ctx.region !== ctx.caller.region) {
    throw new AwsError('InvalidEndpointRegionException', `The endpoint region ${ctx.region} does not match the region of the caller (${ctx.caller.region})`);
  }
  const product = knownProduct(ctx, b.ProductCode);
  checkEntitled(ctx, b.ProductCode, product);
  if (!product.dimensions.includes(b.UsageDimension)) {
    throw new AwsError('InvalidUsageDimensionException', `The usage dimension ${b.UsageDimension} is not defined for product ${b.ProductCode}`);
  }
  const nowS = ctx.now.getTime() / 1000;
  if (b.Timestamp > nowS + windows.futureSkewSeconds || b.Timestamp < nowS - windows.meterUsageHours * HOUR) {
    throw new AwsError('TimestampOutOfBoundsException', `The timestamp must be within the past ${windows.meterUsageHours} hours and not in the future`);
  }
  const quantity = b.UsageQuantity ?? 0;
  checkAllocations(b.UsageAllocations, quantity);
  if (b.DryRun) {
    // Documented but unmodelled: a successful dry run answers the DryRunOperation error.
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but the DryRun parameter was set.');
  }
  const st = ctx.state;
  const fingerprint = createHash('sha256').update(JSON.stringify([b.ProductCode, b.Timestamp, b.UsageDimension, quantity, b.UsageAllocations ?? null, ctx.caller.accountId])).digest('hex');
  if (b.ClientToken) {
    const prev = st.tokens.get(b.ClientToken);
    if (prev) {
      if (prev.fingerprint !== fingerprint) throw new AwsError('IdempotencyConflictException', 'The ClientToken was already used with different parameters', 409);
      return { MeteringRecordId: prev.record.meteringRecordId };
    }
    const record = save(ctx, b, quantity, b.Timestamp);
    record.clientToken = b.ClientToken;
    st.tokens.set(b.ClientToken, { fingerprint, record });
    return { MeteringRecordId: record.meteringRecordId };
  }
  const hour = Math.floor(b.Timestamp / HOUR) * HOUR;
  const key = [b.ProductCode, b.UsageDimension, hour, ctx.caller.accountId].join('|');
  const prev = st.hourly.get(key);
  if (prev) {
    if (prev.quantity !== quantity || JSON.stringify(prev.allocations ?? null) !== JSON.stringify(b.UsageAllocations ?? null)) {
      throw new AwsError('DuplicateRequestException', `A metering record for ${b.UsageDimension} in this hour was already submitted with different values`);
    }
    return { MeteringRecordId: prev.meteringRecordId };
  }
  const record = save(ctx, b, quantity, hour);
  st.hourly.set(key, record);
  return { MeteringRecordId: record.meteringRecordId };
}

function save(ctx: OpContext, b: { ProductCode: string; UsageDimension: string; UsageAllocations?: unknown[] }, quantity: number, timestamp: number): MeterRecord {
  const record: MeterRecord = {
    meteringRecordId: ctx.state.newRecordId(), operation: 'MeterUsage', productCode: b.ProductCode, dimension: b.UsageDimension,
    quantity, timestamp, accountId: ctx.caller.accountId, allocations: b.UsageAllocations, recordedAt: ctx.now.toISOString(),
  };
  ctx.state.records.push(record);
  return record;
}
