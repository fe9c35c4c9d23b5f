import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFacts, factLine, type FactChange } from '../../src/facts/compare.js';
import { sharedDocPaths, toolFacts } from '../../src/facts/tool.js';
import { loadModelText } from '../../src/model/load.js';
import { normalize } from '../../src/snapshot/normalize.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { CORPUS } from '../helpers.js';

/**
 * Behavioural doc facts on six real histories (the metering service in both formats, four other services).
 * Every transition whose docs change a behavioural fact is listed with the tools it touches and why it is a
 * real change of meaning, or counted as a false alarm with why; every other transition must report none.
 */
function snaps(dir: string): [string, Snapshot][] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-.*\.json$/.test(f))
    .sort()
    .map((f) => {
      const t = readFileSync(join(dir, f), 'utf8');
      return [f.slice(0, 3), normalize(loadModelText(t, f), { pack: 'h', bytes: t, location: f })];
    });
}

function behaviour(a: Snapshot, b: Snapshot): Record<string, FactChange[]> {
  const out: Record<string, FactChange[]> = {};
  for (const t of b.tools) {
    const o = a.tools.find((x) => x.name === t.name);
    if (!o) continue;
    const c = compareFacts(toolFacts(o), toolFacts(t), sharedDocPaths(o, t));
    if (c.length) out[t.name] = c;
  }
  return out;
}

interface Flag {
  tools: string[];
  why: string;
  falseAlarms?: { count: number; why: string };
}

const METERING: Record<string, Flag> = {
  '007': { tools: ['MeterUsage'], why: 'MeterUsage Timestamp: "up to one hour in the past" newly documented' },
  '012': { tools: ['BatchMeterUsage'], why: 'requests "must be less than 1MB in size"' },
  '013': {
    tools: ['BatchMeterUsage', 'MeterUsage'],
    why:
      'records "not accepted more than 6 hours after the event"; ' +
      'the "up to eight dimensions" limit removed; invalid records must be removed',
  },
  '014': {
    tools: ['BatchMeterUsage', 'MeterUsage', 'RegisterUsage', 'ResolveCustomer'],
    why:
      'CustomerIdentifier and CustomerAWSAccountID mutually exclusive; MeterUsage window one hour → six hours; ' +
      'RegisterUsage within 6 hours; ResolveCustomer must be called from the publishing account',
  },
  '015': {
    tools: ['BatchMeterUsage', 'MeterUsage'],
    why:
      'CustomerIdentifier deprecation on March 31, 2026; records ' +
      'one → six hours in the past; once per hour per dimension, values cannot be modified',
  },
  '016': {
    tools: ['BatchMeterUsage', 'MeterUsage'],
    why:
      'the deprecation date is removed (the release note says so); ' +
      'MeterUsage must be signed with the deployment role, long-term keys not supported, a ClientToken must be sent',
    falseAlarms: {
      count: 2,
      why:
        '"You can\'t specify both" reworded as "You must use one or the other, but not both": ' +
        'one requirement reported removed and added (different modal words)',
    },
  },
  '017': {
    tools: ['BatchMeterUsage'],
    why:
      'starting June 1, 2026 new SaaS products must use CustomerAWSAccountId and ' +
      'LicenseArn; the "one or the other" statement is gone',
  },
  '018': { tools: ['BatchMeterUsage'], why: 'the reporting window 6 hours → 24 hours' },
  '019': {
    tools: ['BatchMeterUsage'],
    why: 'a 6-hour month-end grace period until 06:00 UTC, then TimestampOutOfBoundsException',
  },
  '020': {
    tools: ['BatchMeterUsage', 'ResolveCustomer'],
    why:
      'CustomerIdentifier not supported (BatchMeterUsage) and not ' +
      'populated (ResolveCustomer) for new SaaS integrations; use CustomerAWSAccountId and LicenseArn',
  },
};
// The Smithy files are the same releases (numbered differently); 003–010, 012–014 and 016 only re-form the file.
const SMITHY: Record<string, Flag> = {
  '001': METERING['012'],
  '002': METERING['013'],
  '011': METERING['014'],
  '015': METERING['015'],
  '017': METERING['016'],
  '018': METERING['017'],
};
const EXPECTED: Record<string, Record<string, Flag>> = {
  botocore: METERING,
  smithy: SMITHY,
  cloudwatch: {
    '002': { tools: ['ListMetrics'], why: 'late metrics "as much as 40 minutes" → "50 minutes"' },
    '003': {
      tools: ['PutMetricAlarm'],
      why: 'the total evaluation period limit one day → seven days (604,800 seconds)',
    },
    '011': { tools: ['DeleteAlarms'], why: '"Log alarms cannot be batch deleted"' },
  },
  comprehendmedical: {
    '001': { tools: ['DetectEntities'], why: '"The DetectEntities operation is deprecated"' },
    '010': {
      tools: [
        'DescribeEntitiesDetectionV2Job',
        'DescribeICD10CMInferenceJob',
        'DescribePHIDetectionJob',
        'DescribeRxNormInferenceJob',
        'DescribeSNOMEDCTInferenceJob',
        'DetectEntities',
        'DetectEntitiesV2',
        'DetectPHI',
        'InferICD10CM',
        'InferRxNorm',
        'InferSNOMEDCT',
        'ListEntitiesDetectionV2Jobs',
        'ListICD10CMInferenceJobs',
        'ListPHIDetectionJobs',
        'ListRxNormInferenceJobs',
        'ListSNOMEDCTInferenceJobs',
        'StartEntitiesDetectionV2Job',
        'StartICD10CMInferenceJob',
        'StartPHIDetectionJob',
        'StartRxNormInferenceJob',
        'StartSNOMEDCTInferenceJob',
      ],
      why:
        '"documentation update only" per the note, yet it drops every documented limit: 40 KB per file, 30 GB per ' +
        'bucket, 20,000 bytes and 10,000 characters of text',
    },
  },
  'iot-data': {
    '013': {
      tools: ['DeleteConnection'],
      why: 'client IDs "must be URL encoded" when they contain invalid characters',
    },
  },
  pricing: {},
};

const dirs: [string, string][] = [
  ['botocore', join(CORPUS, 'botocore')],
  ['smithy', join(CORPUS, 'smithy')],
  ...readdirSync(join(CORPUS, 'services'))
    .sort()
    .map((s): [string, string] => [s, join(CORPUS, 'services', s)]),
];

describe('behavioural doc facts on real histories', () => {
  const totals = { transitions: 0, flagged: 0, facts: 0, falseAlarms: 0 };
  for (const [name, dir] of dirs) {
    it(`${name}: exactly the expected transitions change documented behaviour`, () => {
      const s = snaps(dir);
      const flagged: Record<string, string[]> = {};
      for (let i = 1; i < s.length; i++) {
        const b = behaviour(s[i - 1][1], s[i][1]);
        totals.transitions++;
        if (Object.keys(b).length) {
          flagged[s[i][0]] = Object.keys(b).sort();
          totals.flagged++;
          totals.facts += Object.values(b).flat().length;
          totals.falseAlarms += EXPECTED[name][s[i][0]]?.falseAlarms?.count ?? 0;
        }
      }
      expect(flagged).toEqual(Object.fromEntries(Object.entries(EXPECTED[name]).map(([k, v]) => [k, v.tools])));
    });
  }
  it('the two changes of 2026 that no shape shows: 6 h → 24 h and CustomerIdentifier for new integrations', () => {
    const s = new Map(snaps(join(CORPUS, 'botocore')));
    const w = behaviour(s.get('017')!, s.get('018')!).BatchMeterUsage.map((c) => [c.path, factLine(c)]);
    expect(w).toEqual([
      ['#UsageRecord.Timestamp', '"6 hours" → "24 hours"'],
      ['BatchMeterUsage', '"6 hours" → "24 hours"'],
    ]);
    const c = behaviour(s.get('019')!, s.get('020')!);
    expect(c.BatchMeterUsage.map(factLine)).toContain('+ "not supported: BatchMeterUsage CustomerIdentifier"');
    expect(c.ResolveCustomer.map(factLine)).toContain('+ "not populated: CustomerIdentifier ResolveCustomer SaaS"');
  });
  it('false alarms are counted and few', () => {
    // 88 transitions, 22 change documented behaviour, each for a real change of meaning (no transition is
    // flagged for wording alone); 4 of the 151 fact changes are one rewording, seen in both formats.
    expect(totals).toEqual({ transitions: 88, flagged: 22, facts: 151, falseAlarms: 4 });
  });
});
