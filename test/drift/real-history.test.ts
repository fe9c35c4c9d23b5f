import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHistory, recordVersion } from '../../src/history/store.js';
import { storePaths } from '../../src/history/paths.js';
import { timelineEntries } from '../../src/history/timeline.js';
import type { HistoryEntry } from '../../src/history/types.js';
import { corpus, tmp } from '../helpers.js';

type Expect = { tools: Record<string, string>; service?: string; why: string };
const C4 = { BatchMeterUsage: 'CLEAN', MeterUsage: 'CLEAN', RegisterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' };

function replay(kind: 'botocore' | 'smithy'): HistoryEntry[] {
  const root = tmp();
  for (const v of corpus(kind)) {
    recordVersion({
      root,
      pack: kind,
      bytes: readFileSync(v.path),
      location: v.file,
      kind: 'file',
      observedAt: new Date(v.date),
    });
  }
  return readHistory(storePaths(root, kind));
}

// The diff is the truth, the release notes context: most notes before 2022 say only
// "Update client to latest version", and several real changes are in no note at all.
const BOTOCORE: Record<string, Expect> = {
  '001': { tools: { MeterUsage: 'ADDITIVE' }, why: 'UsageQuantity maximum 10000 → 1000000 on a request: loosened' },
  '002': {
    tools: { BatchMeterUsage: 'ADDITIVE', MeterUsage: 'DOC', ResolveCustomer: 'ADDITIVE' },
    service: 'DOC',
    why: 'SaaS operations BatchMeterUsage and ResolveCustomer appear',
  },
  '003': {
    tools: { BatchMeterUsage: 'CLEAN', MeterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' },
    why: 'no contract change',
  },
  '004': {
    tools: { BatchMeterUsage: 'CLEAN', MeterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' },
    why:
      'botocore\'s 2018 "add missing serviceId" commit: metadata merely added (the SDK id is only what the model ' +
      'states, never a fallback to serviceFullName)',
  },
  '005': {
    tools: { BatchMeterUsage: 'ADDITIVE', MeterUsage: 'DOC', RegisterUsage: 'ADDITIVE', ResolveCustomer: 'ADDITIVE' },
    service: 'DOC',
    why: 'RegisterUsage (containers) added; DisabledApiException modelled',
  },
  '006': {
    tools: { BatchMeterUsage: 'BREAKING', MeterUsage: 'ADDITIVE', RegisterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' },
    service: 'DOC',
    why:
      'Quantity/UsageQuantity/DryRun no longer required: fine for requests, but a UsageRecord in the ' +
      'BatchMeterUsage response may now lack Quantity',
  },
  '007': {
    tools: { BatchMeterUsage: 'DOC', MeterUsage: 'RISKY', RegisterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' },
    why:
      'timestamp documentation only; behavioural doc: MeterUsage Timestamp now documents "up to one hour in the ' +
      'past" (RISKY)',
  },
  '008': {
    tools: { BatchMeterUsage: 'CLEAN', MeterUsage: 'ADDITIVE', RegisterUsage: 'DOC', ResolveCustomer: 'CLEAN' },
    service: 'DOC',
    why: 'CustomerNotEntitledException modelled on MeterUsage',
  },
  '009': { tools: { ...C4, MeterUsage: 'DOC' }, service: 'DOC', why: 'docs only' },
  '010': { tools: C4, service: 'DOC', why: 'service docs only' },
  '011': { tools: { ...C4, RegisterUsage: 'DOC' }, why: 'error docs only' },
  '012': {
    tools: { BatchMeterUsage: 'RISKY', MeterUsage: 'ADDITIVE', RegisterUsage: 'RISKY', ResolveCustomer: 'ADDITIVE' },
    why:
      'UsageAllocations (tagging) added with their errors; NonEmptyString pattern \\S+ → [\\s\\S]+ accepts more ' +
      'strings (decided by automata): the ResolveCustomer token (request, ADDITIVE) and the RegisterUsage ' +
      'Signature (response, RISKY); behavioural doc: BatchMeterUsage requests "must be less than 1MB in size" ' +
      '(RISKY)',
  },
  '013': {
    tools: {
      BatchMeterUsage: 'BREAKING',
      MeterUsage: 'BREAKING',
      RegisterUsage: 'BREAKING',
      ResolveCustomer: 'ADDITIVE',
    },
    service: 'DOC',
    why:
      'note: CustomerAWSAccountId in ResolveCustomer (ADDITIVE) and UsageAllocations 500 → 2500 (breaks a response ' +
      'consumer of BatchMeterUsage); not in the note: ProductCode gained the pattern ^[-a-zA-Z0-9/=:_.@]*$ on ' +
      'every request',
  },
  '014': {
    tools: { BatchMeterUsage: 'BREAKING', MeterUsage: 'RISKY', RegisterUsage: 'RISKY', ResolveCustomer: 'BREAKING' },
    service: 'DOC',
    why:
      'note: CustomerAWSAccountId added to BatchMeterUsage and CustomerIdentifier made optional — optional in a ' +
      'response record is breaking for consumers; CustomerIdentifier may now be empty in ResolveCustomer ' +
      'responses; behavioural doc: MeterUsage Timestamp window one hour → six hours; RegisterUsage must register ' +
      'within 6 hours (RISKY)',
  },
  '015': {
    tools: { BatchMeterUsage: 'RISKY', MeterUsage: 'RISKY', RegisterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' },
    why:
      'note: ClientToken (idempotency) on MeterUsage, with IdempotencyConflictException; behavioural doc: ' +
      'CustomerIdentifier deprecation on March 31, 2026 and the UsageRecord window one → six hours ' +
      '(BatchMeterUsage); once per hour per dimension, recorded values cannot be modified (MeterUsage)',
  },
  '016': {
    tools: { BatchMeterUsage: 'RISKY', MeterUsage: 'RISKY', RegisterUsage: 'CLEAN', ResolveCustomer: 'CLEAN' },
    why:
      'note announces a documentation change only (deprecation date removed); not wording only: the deprecation ' +
      'date (2026-03-31) is removed, and MeterUsage must be signed with the deployment role (long-term keys not ' +
      'supported) and must send a ClientToken (RISKY)',
  },
  '017': {
    tools: { BatchMeterUsage: 'RISKY', MeterUsage: 'ADDITIVE', RegisterUsage: 'ADDITIVE', ResolveCustomer: 'BREAKING' },
    service: 'DOC',
    why:
      'note: LicenseArn in records and responses, InvalidLicenseException; not in it: ProductCode minimum length 1 ' +
      '→ 0 (loosened: fine for requests, breaks a ResolveCustomer consumer) and optional in BatchMeterUsage; ' +
      'behavioural doc: starting June 1, 2026 new SaaS products must use CustomerAWSAccountId and LicenseArn ' +
      '(RISKY)',
  },
  '018': {
    tools: { ...C4, BatchMeterUsage: 'RISKY' },
    why:
      'note: reporting window 6h → 24h, a documented behaviour change only; behavioural doc: "6 hours" → "24 ' +
      'hours" (RISKY)',
  },
  '019': {
    tools: { ...C4, BatchMeterUsage: 'RISKY' },
    why:
      'same behaviour note, reworded; behavioural doc: a 6-hour month-end grace period until 06:00 UTC, then ' +
      'TimestampOutOfBoundsException (RISKY)',
  },
  '020': {
    tools: { ...C4, BatchMeterUsage: 'RISKY', ResolveCustomer: 'RISKY' },
    why:
      'note: CustomerIdentifier not populated for new SaaS integrations — documented, not modelled; behavioural ' +
      'doc: CustomerIdentifier not supported / not populated for new integrations (RISKY)',
  },
};

const SMITHY: Record<string, Expect> = {
  '001': { tools: BOTOCORE['012'].tools, why: 'same API change as botocore 2020-11-04 (tagging)' },
  '002': { tools: BOTOCORE['013'].tools, service: 'DOC', why: 'same API change as botocore 2022-02-03' },
  '003': { tools: C4, why: 'IDL 1.0 → 2.0 conversion (@box dropped, @input/@output added later): file form only' },
  '004': { tools: C4, why: 'file form only' },
  '005': { tools: C4, service: 'ADDITIVE', why: 'endpoint rules changed' },
  '006': { tools: C4, service: 'ADDITIVE', why: 'endpoint rules changed' },
  '007': { tools: C4, why: 'file form only' },
  '008': {
    tools: C4,
    service: 'ADDITIVE',
    why: '@input/@output traits and endpoint rules; the Status enum moved from the enum trait to an enum shape',
  },
  '009': { tools: C4, why: 'file form only' },
  '010': { tools: C4, service: 'ADDITIVE', why: 'endpoint rules changed' },
  '011': { tools: BOTOCORE['014'].tools, service: 'DOC', why: 'same API change as botocore 2025-03-25' },
  '012': { tools: C4, service: 'ADDITIVE', why: 'endpoint rules changed' },
  '013': { tools: C4, service: 'ADDITIVE', why: 'endpoint rules changed' },
  '014': { tools: C4, why: 'file form only' },
  '015': { tools: BOTOCORE['015'].tools, service: 'ADDITIVE', why: 'ClientToken; endpoint rules' },
  '016': { tools: C4, service: 'ADDITIVE', why: 'endpoint rules changed' },
  '017': { tools: BOTOCORE['016'].tools, why: 'docs only, as botocore 2026-01-22' },
  '018': { tools: BOTOCORE['017'].tools, service: 'DOC', why: 'LicenseArn, as botocore 2026-02-26' },
};

for (const [kind, expected] of [
  ['botocore', BOTOCORE],
  ['smithy', SMITHY],
] as const) {
  describe(`real history: ${kind}`, () => {
    const entries = replay(kind);
    it('records every version once, in order, with residual 0% on every transition', () => {
      expect(entries).toHaveLength(corpus(kind).length);
      expect(entries.every((e) => e.outcome === 'new-version' && e.residual === 0)).toBe(true);
    });
    entries.slice(1).forEach((e, i) => {
      const file = corpus(kind)[i + 1].file;
      const exp = expected[file.slice(0, 3)];
      it(`${file}: ${exp.why}`, () => {
        expect(e.tools).toEqual(exp.tools);
        expect(e.serviceClass).toBe(exp.service ?? 'CLEAN');
      });
    });
    it('the timeline lists exactly the drifted versions', () => {
      const drifted = Object.entries(expected).filter(
        ([, x]) => Object.values(x.tools).some((c) => c !== 'CLEAN') || (x.service ?? 'CLEAN') !== 'CLEAN',
      ).length;
      expect(timelineEntries(entries)).toHaveLength(drifted);
    });
  });
}
