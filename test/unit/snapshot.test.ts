import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../src/snapshot/ajv.js';
import { canonicalJson } from '../../src/util/canonical.js';
import type { JsonSchema, Snapshot, Tool } from '../../src/snapshot/types.js';
import { snap, vendoredSpec } from '../helpers.js';

const s = snap(vendoredSpec());
const tool = (name: string) => s.tools.find((t) => t.name === name)!;
const def = (schema: JsonSchema, name: string) => (schema.$defs as Record<string, JsonSchema>)[name];
const root = (schema: JsonSchema) => def(schema, String(schema.$ref).slice(8));

describe('metering snapshot', () => {
  it('has exactly the four tools, sorted', () => {
    expect(s.tools.map((t) => t.name)).toEqual(['BatchMeterUsage', 'MeterUsage', 'RegisterUsage', 'ResolveCustomer']);
    expect(s.service).toMatchObject({
      name: 'AWSMPMeteringService',
      protocol: 'awsJson1_1',
      sigv4Name: 'aws-marketplace',
      version: '2016-01-14',
    });
  });

  it('keeps required members and constraints', () => {
    expect(root(tool('MeterUsage').input).required).toEqual(['ProductCode', 'Timestamp', 'UsageDimension']);
    expect(root(tool('RegisterUsage').input).required).toEqual(['ProductCode', 'PublicKeyVersion']);
    expect(root(tool('ResolveCustomer').input).required).toEqual(['RegistrationToken']);
    const b = tool('BatchMeterUsage').input;
    expect(def(b, 'UsageRecordList')).toMatchObject({ type: 'array', maxItems: 25, minItems: 0 });
    expect(def(b, 'UsageAllocations')).toMatchObject({ minItems: 1, maxItems: 2500 });
    expect(def(b, 'TagList')).toMatchObject({ minItems: 1, maxItems: 5 });
    const pc = (root(tool('MeterUsage').input).properties as Record<string, JsonSchema>).ProductCode;
    expect(pc).toMatchObject({ type: 'string', minLength: 0, maxLength: 255, pattern: '^[-a-zA-Z0-9/=:_.@]*$' });
    const ts = (root(tool('MeterUsage').input).properties as Record<string, JsonSchema>).Timestamp;
    expect(ts).toMatchObject({ type: 'number', 'x-timestampFormat': 'epoch-seconds' });
    const token = (root(tool('MeterUsage').input).properties as Record<string, JsonSchema>).ClientToken;
    expect(token).toMatchObject({ 'x-idempotencyToken': true, minLength: 1, maxLength: 64 });
    const status = (def(tool('BatchMeterUsage').output, 'UsageRecordResult').properties as Record<string, JsonSchema>)
      .Status;
    expect(status.enum).toEqual(['CustomerNotSubscribed', 'DuplicateRecord', 'Success']);
  });

  it('lists modelled errors with fault and HTTP status', () => {
    const errs = tool('MeterUsage').errors;
    expect(errs.map((e) => e.name)).toContain('TimestampOutOfBoundsException');
    expect(errs.find((e) => e.name === 'InternalServiceErrorException')).toMatchObject({
      fault: 'server',
      httpStatus: 500,
    });
    expect(errs.find((e) => e.name === 'IdempotencyConflictException')).toMatchObject({
      fault: 'client',
      httpStatus: 409,
    });
    expect(tool('ResolveCustomer').errors.map((e) => e.name)).toEqual([
      'DisabledApiException',
      'ExpiredTokenException',
      'InternalServiceErrorException',
      'InvalidTokenException',
      'ThrottlingException',
    ]);
  });

  it('every schema compiles in ajv strict mode', () => {
    const ajv = createAjv();
    let n = 0;
    for (const t of s.tools)
      for (const sc of [t.input, t.output, ...t.errors.map((e) => e.schema)]) {
        ajv.compile(sc);
        n++;
      }
    expect(n).toBeGreaterThan(30);
  });

  // Request/response shapes as the AWS API reference shows them (the MeterUsage, BatchMeterUsage, ResolveCustomer
  // and RegisterUsage pages).
  const ajv = createAjv();
  const valid = (t: Tool, dir: 'input' | 'output', v: unknown) => ajv.compile(t[dir])(v);
  it('accepts documented examples', () => {
    expect(
      valid(tool('MeterUsage'), 'input', {
        ProductCode: 'abc123prodcode',
        Timestamp: 1700000000,
        UsageDimension: 'users',
        UsageQuantity: 3,
        DryRun: false,
      }),
    ).toBe(true);
    expect(valid(tool('MeterUsage'), 'output', { MeteringRecordId: 'b1d2c3e4-0000-4000-8000-000000000001' })).toBe(
      true,
    );
    expect(
      valid(tool('BatchMeterUsage'), 'input', {
        ProductCode: 'abc123prodcode',
        UsageRecords: [
          { CustomerAWSAccountId: '123456789012', Dimension: 'users', Quantity: 10, Timestamp: 1700000000 },
        ],
      }),
    ).toBe(true);
    expect(
      valid(tool('BatchMeterUsage'), 'output', {
        Results: [
          {
            MeteringRecordId: 'r1',
            Status: 'Success',
            UsageRecord: {
              CustomerAWSAccountId: '123456789012',
              Dimension: 'users',
              Quantity: 10,
              Timestamp: 1700000000,
            },
          },
        ],
        UnprocessedRecords: [],
      }),
    ).toBe(true);
    expect(
      valid(tool('ResolveCustomer'), 'output', {
        CustomerAWSAccountId: '123456789012',
        ProductCode: 'abc123prodcode',
        LicenseArn: 'arn:aws:license-manager::123456789012:license:l-0123456789abcdef',
      }),
    ).toBe(true);
    expect(
      valid(tool('RegisterUsage'), 'input', { ProductCode: 'abc123prodcode', PublicKeyVersion: 1, Nonce: 'n-1' }),
    ).toBe(true);
  });

  it('rejects wrong ones', () => {
    // No Timestamp:
    expect(valid(tool('MeterUsage'), 'input', { ProductCode: 'abc', UsageDimension: 'users' })).toBe(false);
    expect(valid(tool('MeterUsage'), 'input', { ProductCode: 'bad code!', Timestamp: 1, UsageDimension: 'u' })).toBe(
      false,
    ); // pattern
    expect(
      valid(tool('MeterUsage'), 'input', { ProductCode: 'p', Timestamp: 1, UsageDimension: 'u', UsageQuantity: -1 }),
    ).toBe(false); // range
    expect(
      valid(tool('BatchMeterUsage'), 'input', {
        UsageRecords: Array.from({ length: 26 }, () => ({ Dimension: 'd', Timestamp: 1 })),
      }),
    ).toBe(false);
    expect(valid(tool('BatchMeterUsage'), 'output', { Results: [{ Status: 'Maybe' }] })).toBe(false);
    expect(valid(tool('RegisterUsage'), 'input', { ProductCode: 'p', PublicKeyVersion: 0 })).toBe(false);
    expect(
      valid(tool('MeterUsage'), 'input', {
        ProductCode: 'p',
        Timestamp: 1,
        UsageDimension: 'u',
        UsageAllocations: [{ AllocatedUsageQuantity: 1, Tags: [] }],
      }),
    ).toBe(false); // TagList min 1
  });
});

describe('determinism', () => {
  const text = readFileSync(vendoredSpec(), 'utf8');
  it('two runs give byte-identical snapshots', () => {
    expect(canonicalJson(snap(vendoredSpec()))).toBe(canonicalJson(snap(vendoredSpec())));
  });

  it('shuffled shape and member order gives the same tools', () => {
    const doc = JSON.parse(text) as { shapes: Record<string, Record<string, unknown>> };
    const reversed = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    const shuffled = { ...doc, shapes: reversed(doc.shapes) as Record<string, Record<string, unknown>> };
    for (const sh of Object.values(shuffled.shapes)) {
      if (sh.members && typeof sh.members === 'object') sh.members = reversed(sh.members as Record<string, unknown>);
      if (Array.isArray(sh.errors)) sh.errors = [...sh.errors].reverse();
      if (Array.isArray(sh.operations)) sh.operations = [...sh.operations].reverse();
    }
    const t2 = JSON.stringify(shuffled, null, 1);
    const a = snap('a.json', text);
    const b = snap('a.json', t2);
    expect(canonicalJson(b.tools)).toBe(canonicalJson(a.tools));
    expect(canonicalJson(b.service)).toBe(canonicalJson(a.service));
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('renaming an input structure keeps the fingerprint (structural, not nominal)', () => {
    const renamed = text.replaceAll(
      'com.amazonaws.marketplacemetering#MeterUsageRequest',
      'com.amazonaws.marketplacemetering#MeterUsageInput',
    );
    expect(renamed).not.toBe(text);
    const a = snap('a.json', text).tools.find((t) => t.name === 'MeterUsage')!;
    const b = snap('b.json', renamed).tools.find((t) => t.name === 'MeterUsage')!;
    expect(b.input.$ref).toBe('#/$defs/MeterUsageInput');
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('a real change changes the fingerprint', () => {
    const changed = text.replace('"max": 2500', '"max": 2400');
    const a = snap('a.json', text).tools.find((t) => t.name === 'MeterUsage')!;
    const b = snap('b.json', changed).tools.find((t) => t.name === 'MeterUsage')!;
    expect(b.fingerprint).not.toBe(a.fingerprint);
  });
});

export type { Snapshot };

describe('the committed snapshot', () => {
  it('is exactly what the current normalizer makes of the committed spec', async () => {
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('../helpers.js');
    const dir = join(ROOT, 'snapshots', 'amazonaws-com-meteringmarketplace');
    const file = readdirSync(dir)
      .filter((f) => /^\d{4}-\d\d-\d\d-[0-9a-f]{12}\.json$/.test(f))
      .sort()
      .pop()!;
    const committed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Snapshot;
    const fresh = snap(vendoredSpec());
    expect(canonicalJson(committed.tools)).toBe(canonicalJson(fresh.tools));
    expect(committed.fingerprint).toBe(fresh.fingerprint);
  });
});
