import { AwsError } from '../protocol.js';
import { checkAllocations } from './allocations.js';
import { modelsMember, type OpContext } from './context.js';
import { knownProduct } from './products.js';
import type { CustomerFixture } from '../fixtures.js';
import type { Windows } from '../doc-rules.js';

interface UsageRecord {
  Timestamp: number;
  CustomerIdentifier?: string;
  CustomerAWSAccountId?: string;
  Dimension: string;
  Quantity?: number;
  UsageAllocations?: unknown[];
  LicenseArn?: string;
}
const HOUR = 3600;

/**
 * Whether a record's time is inside the reporting window of the served model's docs (doc-rules.ts):
 * "Usage records aren't accepted 6 hours or more after an event" (24 hours from the 2026-07-01 model).
 * Where the docs state the month-end rule (2026-07-20 on) — "We accept usage records for the previous
 * billing month until 06:00 UTC on the first day of the next month … you must submit March usage records
 * before 06:00 UTC on April 1" — a record of the previous month is refused from that hour on, even inside
 * the window; the rule never lets in a record older than the window.
 */
type BatchWindows = Pick<Windows, 'batchHours' | 'monthEndGraceHours' | 'futureSkewSeconds'>;

export function inWindow(ts: number, now: Date, w: BatchWindows): boolean {
  const nowS = now.getTime() / 1000;
  if (ts > nowS + w.futureSkewSeconds || ts <= nowS - w.batchHours * HOUR) return false;
  if (w.monthEndGraceHours <= 0) return true;
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
  return ts >= monthStart || nowS < monthStart + w.monthEndGraceHours * HOUR;
}

/** The customer a record names. Both names are accepted when they name the same customer. */
function customerOf(ctx: OpContext, r: UsageRecord): CustomerFixture {
  const all = ctx.state.fixtures.customers;
  // InvalidCustomerIdentifierException: "You have metered usage for a CustomerIdentifier that does not exist."
  const invalid = (why: string) => new AwsError('InvalidCustomerIdentifierException', why);
  const { CustomerIdentifier: id, CustomerAWSAccountId: acct } = r;
  if (id === undefined && acct === undefined) throw invalid('A usage record names no customer');
  const byId = id === undefined ? undefined : all.find((c) => c.customerIdentifier === id);
  const byAcct = acct === undefined ? undefined : all.find((c) => c.accountId === acct);
  if ((id !== undefined && !byId) || (acct !== undefined && !byAcct)) throw invalid(`Unknown customer ${id ?? acct}`);
  if (byId && byAcct && byId !== byAcct) throw invalid(`${id} and ${acct} name different customers`);
  return (byId ?? byAcct)!;
}

/**
 * The product of the request: ProductCode, or — "new SaaS products must use CustomerAWSAccountId (instead of
 * CustomerIdentifier), LicenseArn (instead of ProductCode)" — the product of the records' licenses.
 * "Each BatchMeterUsage request is for only one product."
 */
function productOf(ctx: OpContext, b: { ProductCode?: string; UsageRecords: UsageRecord[] }): string {
  if (b.ProductCode !== undefined) return b.ProductCode;
  const { licenses } = ctx.state.fixtures;
  const licensed = b.UsageRecords.map((r) => (r.LicenseArn === undefined ? undefined : licenses[r.LicenseArn]));
  if (licensed.some((l) => !l)) {
    throw new AwsError('InvalidLicenseException', 'Without ProductCode, every usage record needs a valid LicenseArn');
  }
  const products = new Set(licensed.map((l) => l!.productCode));
  if (products.size > 1) throw new AwsError('InvalidLicenseException', 'The licenses name more than one product');
  return [...products][0];
}

/**
 * BatchMeterUsage, from the served model's docs: "BatchMeterUsage can process up to 25 UsageRecords at a
 * time"; "Identical requests are idempotent and can be retried with the same records or a subset of
 * records"; per-record Status; any record outside the window rejects the whole batch.
 */
export function batchMeterUsage(ctx: OpContext): Record<string, unknown> {
  const b = ctx.body as { ProductCode?: string; UsageRecords: UsageRecord[] };
  const st = ctx.state;
  if (b.UsageRecords.length === 0) return { Results: [], UnprocessedRecords: [] };
  const productCode = productOf(ctx, b);
  knownProduct(ctx, productCode);
  const product = st.fixtures.products[productCode];
  const licenseModelled = modelsMember(ctx.snapshot, 'BatchMeterUsage', 'UsageRecord', 'LicenseArn');
  const customers: CustomerFixture[] = [];
  for (const r of b.UsageRecords) {
    if (!inWindow(r.Timestamp, ctx.now, ctx.windows)) {
      throw new AwsError(
        'TimestampOutOfBoundsException',
        `A usage record timestamp is outside the ${ctx.windows.batchHours}-hour reporting window`,
      );
    }
    customers.push(customerOf(ctx, r));
    if (!product.dimensions.includes(r.Dimension)) {
      throw new AwsError(
        'InvalidUsageDimensionException',
        `The usage dimension ${r.Dimension} is not defined for product ${productCode}`,
      );
    }
    if (licenseModelled && r.LicenseArn !== undefined) {
      const lic = st.fixtures.licenses[r.LicenseArn];
      if (!lic || lic.productCode !== productCode) {
        throw new AwsError(
          'InvalidLicenseException',
          `The license ${r.LicenseArn} is not valid for product ${productCode}`,
        );
      }
    }
    checkAllocations(r.UsageAllocations, r.Quantity ?? 0);
  }
  const partial = st.fixtures.faults.BatchMeterUsage?.partialFailureRate ?? 0;
  const Results: Record<string, unknown>[] = [];
  const UnprocessedRecords: UsageRecord[] = [];
  for (const [i, r] of b.UsageRecords.entries()) {
    if (partial > 0 && ctx.random() < partial) {
      UnprocessedRecords.push(r);
      continue;
    }
    const customer = customers[i];
    if (!customer.subscriptions.includes(productCode)) {
      Results.push({ UsageRecord: r, Status: 'CustomerNotSubscribed' });
      continue;
    }
    const key = [productCode, customer.accountId, r.Dimension, r.Timestamp].join('|');
    const quantity = r.Quantity ?? 0;
    const prev = st.batch.get(key);
    if (prev) {
      const same =
        prev.quantity === quantity &&
        JSON.stringify(prev.allocations ?? null) === JSON.stringify(r.UsageAllocations ?? null);
      Results.push(
        same
          ? { UsageRecord: r, MeteringRecordId: prev.meteringRecordId, Status: 'Success' }
          : { UsageRecord: r, Status: 'DuplicateRecord' },
      );
      continue;
    }
    const record = {
      meteringRecordId: st.newRecordId(),
      operation: 'BatchMeterUsage' as const,
      productCode,
      dimension: r.Dimension,
      quantity,
      timestamp: r.Timestamp,
      accountId: customer.accountId,
      customer: r.CustomerIdentifier ?? r.CustomerAWSAccountId,
      licenseArn: r.LicenseArn,
      allocations: r.UsageAllocations,
      recordedAt: ctx.now.toISOString(),
    };
    st.records.push(record);
    st.batch.set(key, record);
    Results.push({ UsageRecord: r, MeteringRecordId: record.meteringRecordId, Status: 'Success' });
  }
  return { Results, UnprocessedRecords };
}
