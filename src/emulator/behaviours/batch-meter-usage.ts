import { AwsError } from '../protocol.js';
import { checkAllocations } from './allocations.js';
import { modelsMember, type OpContext } from './context.js';
import { knownProduct } from './products.js';

interface UsageRecord {
  Timestamp: number; CustomerIdentifier?: string; CustomerAWSAccountId?: string; Dimension: string; Quantity?: number;
  UsageAllocations?: unknown[]; LicenseArn?: string;
}
const HOUR = 3600;

/**
 * Whether a record's time is inside the reporting window: 24 hours after the event (2026-07 release
 * notes), plus the month-end grace AWS documents for SaaS metering — last month's usage is still
 * accepted until 06:00 UTC on the 1st. Both are configurable in the fixtures.
 */
export function inWindow(ts: number, now: Date, w: { batchHours: number; monthEndGraceHours: number; futureSkewSeconds: number }): boolean {
  const nowS = now.getTime() / 1000;
  if (ts > nowS + w.futureSkewSeconds) return false;
  if (ts >= nowS - w.batchHours * HOUR) return true;
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
  const prevMonthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) / 1000;
  return nowS < monthStart + w.monthEndGraceHours * HOUR && ts >= prevMonthStart && ts < monthStart;
}

/**
 * BatchMeterUsage, per docs.aws.amazon.com/marketplace/latest/APIReference/API_marketplace-metering_BatchMeterUsage.html:
 * up to 25 records of one product; each names CustomerIdentifier or CustomerAWSAccountId, not both;
 * per-record Status; any record outside the window rejects the whole batch.
 */
export function batchMeterUsage(ctx: OpContext): Record<string, unknown> {
  const b = ctx.body as { ProductCode?: string; UsageRecords: UsageRecord[] };
  const st = ctx.state;
  if (b.UsageRecords.length === 0) return { Results: [], UnprocessedRecords: [] };
  knownProduct(ctx, b.ProductCode);
  const product = st.fixtures.products[b.ProductCode!];
  const licenseModelled = modelsMember(ctx.snapshot, 'BatchMeterUsage', 'UsageRecord', 'LicenseArn');
  for (const r of b.UsageRecords) {
    if (!inWindow(r.Timestamp, ctx.now, st.fixtures.windows)) {
      throw new AwsError('TimestampOutOfBoundsException', `A usage record timestamp is outside the ${st.fixtures.windows.batchHours}-hour reporting window`);
    }
    const hasId = !!r.CustomerIdentifier;
    const hasAcct = !!r.CustomerAWSAccountId;
    if (hasId === hasAcct) {
      throw new AwsError('InvalidCustomerIdentifierException', 'Each usage record must name exactly one of CustomerIdentifier or CustomerAWSAccountId');
    }
    const known = st.fixtures.customers.some((c) => (hasId ? c.customerIdentifier === r.CustomerIdentifier : c.accountId === r.CustomerAWSAccountId));
    if (!known) throw new AwsError('InvalidCustomerIdentifierException', `Unknown customer ${r.CustomerIdentifier ?? r.CustomerAWSAccountId}`);
    if (!product.dimensions.includes(r.Dimension)) {
      throw new AwsError('InvalidUsageDimensionException', `The usage dimension ${r.Dimension} is not defined for product ${b.ProductCode}`);
    }
    if (licenseModelled && r.LicenseArn !== undefined) {
      const lic = st.fixtures.licenses[r.LicenseArn];
      if (!lic || lic.productCode !== b.ProductCode) throw new AwsError('InvalidLicenseException', `The license ${r.LicenseArn} is not valid for product ${b.ProductCode}`);
    }
    checkAllocations(r.UsageAllocations, r.Quantity ?? 0);
  }
  const partial = st.fixtures.faults.BatchMeterUsage?.partialFailureRate ?? 0;
  const Results: Record<string, unknown>[] = [];
  const UnprocessedRecords: UsageRecord[] = [];
  for (const r of b.UsageRecords) {
    if (partial > 0 && ctx.random() < partial) {
      UnprocessedRecords.push(r);
      continue;
    }
    const customer = st.fixtures.customers.find((c) => (r.CustomerIdentifier ? c.customerIdentifier === r.CustomerIdentifier : c.accountId === r.CustomerAWSAccountId))!;
    if (!customer.subscriptions.includes(b.ProductCode!)) {
      Results.push({ UsageRecord: r, Status: 'CustomerNotSubscribed' });
      continue;
    }
    const key = [b.ProductCode, customer.accountId, r.Dimension, r.Timestamp].join('|');
    const quantity = r.Quantity ?? 0;
    const prev = st.batch.get(key);
    if (prev) {
      const same = prev.quantity === quantity && JSON.stringify(prev.allocations ?? null) === JSON.stringify(r.UsageAllocations ?? null);
      Results.push(same ? { UsageRecord: r, MeteringRecordId: prev.meteringRecordId, Status: 'Success' } : { UsageRecord: r, Status: 'DuplicateRecord' });
      continue;
    }
    const record = {
      meteringRecordId: st.newRecordId(), operation: 'BatchMeterUsage' as const, productCode: b.ProductCode!, dimension: r.Dimension,
      quantity, timestamp: r.Timestamp, accountId: customer.accountId, customer: r.CustomerIdentifier ?? r.CustomerAWSAccountId,
      licenseArn: r.LicenseArn, allocations: r.UsageAllocations, recordedAt: ctx.now.toISOString(),
    };
    st.records.push(record);
    st.batch.set(key, record);
    Results.push({ UsageRecord: r, MeteringRecordId: record.meteringRecordId, Status: 'Success' });
  }
  return { Results, UnprocessedRecords };
}
