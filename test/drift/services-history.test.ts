import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/drift/engine.js';
import type { DriftClass } from '../../src/drift/types.js';
import { CORPUS, corpus, corpusFile, snap } from '../helpers.js';

/**
 * Real botocore histories of four more services (shared/corpus/botocore-services, copied to
 * test/fixtures/corpus/services), each transition with the classes we expect and why. Tools not listed
 * are CLEAN. Every transition must also have residual 0% and unseen 0.
 * cloudwatch: query moved to CBOR/JSON with awsQueryCompatible; comprehendmedical: CBOR beside JSON;
 * iot-data: rest-json with a 2018 serviceId commit and an endpoint-prefix move; pricing: small JSON 1.1.
 */
type Expect = { tools: Record<string, DriftClass>; service: DriftClass; why: string };

const EXPECTED: Record<string, Record<string, Expect>> = {
  cloudwatch: {
    '001': { tools: {}, service: 'CLEAN', why: 'smoke-test traits only (note): no contract change' },
    '002': {
      tools: { ListMetrics: 'RISKY', PutMetricAlarm: 'DOC', PutMetricData: 'ADDITIVE' },
      service: 'CLEAN',
      why:
        'PutMetricData gains optional EntityMetricData and MetricData is no longer required (a request loosened: ' +
        'ADDITIVE); behavioural doc: late-published metrics "40 minutes" → "50 minutes" (RISKY)',
    },
    '003': {
      tools: {
        DeleteAlarms: 'DOC',
        DeleteAnomalyDetector: 'DOC',
        DeleteDashboards: 'ADDITIVE',
        DescribeAlarms: 'DOC',
        DescribeAlarmsForMetric: 'DOC',
        DescribeAnomalyDetectors: 'DOC',
        DescribeInsightRules: 'ADDITIVE',
        GetMetricData: 'DOC',
        GetMetricStatistics: 'DOC',
        ListMetrics: 'DOC',
        PutAnomalyDetector: 'DOC',
        PutCompositeAlarm: 'DOC',
        PutDashboard: 'ADDITIVE',
        PutInsightRule: 'ADDITIVE',
        PutMetricAlarm: 'RISKY',
        PutMetricData: 'DOC',
        TagResource: 'ADDITIVE',
        UntagResource: 'ADDITIVE',
      },
      service: 'CLEAN',
      why:
        'ConflictException/ResourceNotFound modelled on dashboard and tag APIs (ADDITIVE), new optional members, ' +
        'doc edits; behavioural doc: total evaluation period one day → seven days (604,800 seconds), one day for ' +
        'periods under an hour (RISKY)',
    },
    '004': {
      tools: { DescribeAlarmContributors: 'ADDITIVE', DescribeAlarmHistory: 'RISKY', PutInsightRule: 'DOC' },
      service: 'CLEAN',
      why:
        'DescribeAlarmContributors added; DescribeAlarmHistory gains a member and a history item type: a new ' +
        'response enum value (RISKY)',
    },
    '005': {
      tools: {},
      service: 'ADDITIVE',
      why:
        'the protocol switch: CBOR and JSON 1.0 added beside query (still served); awsQueryCompatible keeps the ' +
        'query error codes, so no code and no timestamp default changes; statuses newly stated (ConflictException ' +
        '409) are metadata',
    },
    '006': {
      tools: {
        DescribeAlarmContributors: 'ADDITIVE',
        DescribeAlarmHistory: 'BREAKING',
        DescribeAlarms: 'RISKY',
        DescribeAlarmsForMetric: 'RISKY',
      },
      service: 'CLEAN',
      why:
        'AlarmContributorId maxLength 1024 to 16 on a request (BREAKING); EvaluationState gains ' +
        'EVALUATION_ERROR/FAILURE in responses (RISKY)',
    },
    '007': {
      tools: {
        DeleteAlarmMuteRule: 'ADDITIVE',
        GetAlarmMuteRule: 'ADDITIVE',
        ListAlarmMuteRules: 'ADDITIVE',
        PutAlarmMuteRule: 'ADDITIVE',
      },
      service: 'CLEAN',
      why: 'alarm mute rule APIs added',
    },
    '008': {
      tools: {
        DescribeAlarms: 'ADDITIVE',
        DescribeAlarmsForMetric: 'ADDITIVE',
        GetOTelEnrichment: 'ADDITIVE',
        PutAlarmMuteRule: 'DOC',
        PutMetricAlarm: 'ADDITIVE',
        StartOTelEnrichment: 'ADDITIVE',
        StopOTelEnrichment: 'ADDITIVE',
      },
      service: 'CLEAN',
      why: 'OTel enrichment APIs; PutMetricAlarm fields optional (request loosened), new response members',
    },
    '009': {
      tools: {
        DeleteDashboards: 'RISKY',
        DescribeAlarmContributors: 'BREAKING',
        DescribeAlarmHistory: 'BREAKING',
        GetOTelEnrichment: 'DOC',
        ListTagsForResource: 'DOC',
        PutAlarmMuteRule: 'DOC',
        PutDashboard: 'ADDITIVE',
        StartOTelEnrichment: 'DOC',
        StopOTelEnrichment: 'DOC',
        TagResource: 'DOC',
        UntagResource: 'DOC',
      },
      service: 'CLEAN',
      why:
        'dashboard tags: DashboardNotFoundError dropped from DeleteDashboards (RISKY); ContributorAttributes ' +
        'maxProperties 30 to 150 in responses (loosened output: BREAKING for strict consumers)',
    },
    '010': {
      tools: { AssociateDatasetKmsKey: 'ADDITIVE', DisassociateDatasetKmsKey: 'ADDITIVE', GetDataset: 'ADDITIVE' },
      service: 'CLEAN',
      why: 'dataset KMS APIs added',
    },
    '011': {
      tools: {
        DeleteAlarms: 'RISKY',
        DescribeAlarmHistory: 'RISKY',
        DescribeAlarms: 'ADDITIVE',
        GetDashboard: 'DOC',
        GetMetricWidgetImage: 'DOC',
        PutDashboard: 'DOC',
        PutLogAlarm: 'ADDITIVE',
      },
      service: 'DOC',
      why:
        'PutLogAlarm added; log alarm members and an alarm type enum value in request and response (RISKY for ' +
        'exhaustive response switches); behavioural doc: "Log alarms cannot be batch deleted" (RISKY)',
    },
    '012': {
      tools: { DescribeAlarms: 'ADDITIVE', DescribeAlarmsForMetric: 'ADDITIVE', PutMetricAlarm: 'ADDITIVE' },
      service: 'CLEAN',
      why: 'wall-clock evaluation windows: optional members in request and response',
    },
    '013': {
      tools: {
        DeleteAnomalyDetector: 'ADDITIVE',
        DescribeAnomalyDetectors: 'ADDITIVE',
        PutAnomalyDetector: 'ADDITIVE',
      },
      service: 'CLEAN',
      why: 'AnomalyDetectorId: optional request member, new response member',
    },
    '014': {
      tools: { DescribeAlarms: 'BREAKING', PutLogAlarm: 'BREAKING' },
      service: 'CLEAN',
      why:
        'note: documented value constraints, ranges and a required StartTimeOffset on a request (BREAKING); ' +
        'AggregationExpression maxLength 256 to 2048 in a response (loosened output)',
    },
  },
  comprehendmedical: {
    '001': {
      tools: {
        DescribeEntitiesDetectionV2Job: 'ADDITIVE',
        DescribePHIDetectionJob: 'ADDITIVE',
        DetectEntities: 'RISKY',
        DetectEntitiesV2: 'ADDITIVE',
        DetectPHI: 'ADDITIVE',
        ListEntitiesDetectionV2Jobs: 'ADDITIVE',
        ListPHIDetectionJobs: 'ADDITIVE',
        StartEntitiesDetectionV2Job: 'ADDITIVE',
        StartPHIDetectionJob: 'ADDITIVE',
        StopEntitiesDetectionV2Job: 'ADDITIVE',
        StopPHIDetectionJob: 'ADDITIVE',
      },
      service: 'DOC',
      why:
        'V2 and PHI job APIs added; a new required response member ModelVersion (ADDITIVE for consumers); ' +
        'DetectEntities deprecated (DOC); behavioural doc: "The DetectEntities operation is deprecated" (RISKY)',
    },
    '002': {
      tools: {
        DetectEntities: 'DOC',
        DetectEntitiesV2: 'DOC',
        DetectPHI: 'DOC',
        InferICD10CM: 'ADDITIVE',
        InferRxNorm: 'ADDITIVE',
      },
      service: 'CLEAN',
      why: 'InferICD10CM and InferRxNorm added',
    },
    '003': {
      tools: {
        DetectEntities: 'RISKY',
        DetectEntitiesV2: 'RISKY',
        DetectPHI: 'RISKY',
        InferICD10CM: 'DOC',
        InferRxNorm: 'DOC',
      },
      service: 'CLEAN',
      why: 'new entity types and traits: response enum values added (RISKY) and optional response members',
    },
    '004': {
      tools: {
        DescribeICD10CMInferenceJob: 'ADDITIVE',
        DescribeRxNormInferenceJob: 'ADDITIVE',
        ListICD10CMInferenceJobs: 'ADDITIVE',
        ListRxNormInferenceJobs: 'ADDITIVE',
        StartICD10CMInferenceJob: 'ADDITIVE',
        StartRxNormInferenceJob: 'ADDITIVE',
        StopICD10CMInferenceJob: 'ADDITIVE',
        StopRxNormInferenceJob: 'ADDITIVE',
      },
      service: 'CLEAN',
      why: 'ICD-10-CM and RxNorm batch job APIs added',
    },
    '005': {
      tools: { DetectEntities: 'RISKY', DetectEntitiesV2: 'RISKY', DetectPHI: 'RISKY' },
      service: 'CLEAN',
      why: 'more response enum values (RISKY)',
    },
    '006': {
      tools: { InferICD10CM: 'RISKY' },
      service: 'CLEAN',
      why: 'InferICD10CM returns TIME_EXPRESSION entities (response enum value, RISKY) with a new optional member',
    },
    '007': {
      tools: {
        DescribeEntitiesDetectionV2Job: 'DOC',
        DescribeICD10CMInferenceJob: 'DOC',
        DescribePHIDetectionJob: 'DOC',
        DescribeRxNormInferenceJob: 'DOC',
        DescribeSNOMEDCTInferenceJob: 'ADDITIVE',
        DetectEntities: 'RISKY',
        DetectEntitiesV2: 'RISKY',
        DetectPHI: 'RISKY',
        InferICD10CM: 'DOC',
        InferRxNorm: 'DOC',
        InferSNOMEDCT: 'ADDITIVE',
        ListEntitiesDetectionV2Jobs: 'DOC',
        ListICD10CMInferenceJobs: 'DOC',
        ListPHIDetectionJobs: 'DOC',
        ListRxNormInferenceJobs: 'DOC',
        ListSNOMEDCTInferenceJobs: 'ADDITIVE',
        StartEntitiesDetectionV2Job: 'DOC',
        StartICD10CMInferenceJob: 'DOC',
        StartPHIDetectionJob: 'DOC',
        StartRxNormInferenceJob: 'DOC',
        StartSNOMEDCTInferenceJob: 'ADDITIVE',
        StopSNOMEDCTInferenceJob: 'ADDITIVE',
      },
      service: 'DOC',
      why: 'SNOMED CT APIs added; response enum values (RISKY); doc edits everywhere',
    },
    '008': {
      tools: {
        DetectEntities: 'RISKY',
        DetectEntitiesV2: 'RISKY',
        DetectPHI: 'RISKY',
        InferICD10CM: 'RISKY',
        InferSNOMEDCT: 'RISKY',
      },
      service: 'CLEAN',
      why: 'new entities, traits and category BEHAVIORAL_ENVIRONMENTAL_SOCIAL: response enum values (RISKY)',
    },
    '009': {
      tools: {
        DetectEntities: 'RISKY',
        DetectEntitiesV2: 'RISKY',
        DetectPHI: 'RISKY',
        InferICD10CM: 'RISKY',
        InferRxNorm: 'RISKY',
        InferSNOMEDCT: 'RISKY',
      },
      service: 'CLEAN',
      why: 'more response enum values (RISKY)',
    },
    '010': {
      tools: {
        DescribeEntitiesDetectionV2Job: 'RISKY',
        DescribeICD10CMInferenceJob: 'RISKY',
        DescribePHIDetectionJob: 'RISKY',
        DescribeRxNormInferenceJob: 'RISKY',
        DescribeSNOMEDCTInferenceJob: 'RISKY',
        DetectEntities: 'RISKY',
        DetectEntitiesV2: 'RISKY',
        DetectPHI: 'RISKY',
        InferICD10CM: 'RISKY',
        InferRxNorm: 'RISKY',
        InferSNOMEDCT: 'RISKY',
        ListEntitiesDetectionV2Jobs: 'RISKY',
        ListICD10CMInferenceJobs: 'RISKY',
        ListPHIDetectionJobs: 'RISKY',
        ListRxNormInferenceJobs: 'RISKY',
        ListSNOMEDCTInferenceJobs: 'RISKY',
        StartEntitiesDetectionV2Job: 'RISKY',
        StartICD10CMInferenceJob: 'RISKY',
        StartPHIDetectionJob: 'RISKY',
        StartRxNormInferenceJob: 'RISKY',
        StartSNOMEDCTInferenceJob: 'RISKY',
      },
      service: 'DOC',
      why:
        'note: documentation update only, but it removes the documented limits (40 KB per file, 30 GB per bucket, ' +
        '20,000 bytes and 10,000 characters of text): behavioural doc change, RISKY',
    },
    '011': { tools: {}, service: 'CLEAN', why: 'endpoint tests removed: no contract change' },
    '012': {
      tools: {},
      service: 'ADDITIVE',
      why:
        'Smithy RPC v2 CBOR added beside AWS JSON 1.1 (ADDITIVE at service level); newly stated error statuses ' +
        '(404/429/503) are metadata, not a change; no timestamp default flips',
    },
  },
  'iot-data': {
    '001': { tools: {}, service: 'CLEAN', why: 'no contract change (metadata only)' },
    '002': { tools: {}, service: 'DOC', why: 'service documentation only' },
    '003': { tools: {}, service: 'CLEAN', why: 'no contract change' },
    '004': {
      tools: {},
      service: 'CLEAN',
      why:
        'the 2018 "add missing serviceId" commit: metadata merely added, CLEAN at service level (rest-json: the ' +
        'service name is not on the wire)',
    },
    '005': {
      tools: {
        DeleteThingShadow: 'ADDITIVE',
        GetThingShadow: 'ADDITIVE',
        ListNamedShadowsForThing: 'ADDITIVE',
        Publish: 'DOC',
        UpdateThingShadow: 'ADDITIVE',
      },
      service: 'DOC',
      why:
        'named shadows: ListNamedShadowsForThing added, optional shadowName added; ThingName pattern gains ":" ' +
        '(loosened request: ADDITIVE)',
    },
    '006': {
      tools: {
        DeleteThingShadow: 'DOC',
        GetRetainedMessage: 'ADDITIVE',
        GetThingShadow: 'DOC',
        ListNamedShadowsForThing: 'DOC',
        ListRetainedMessages: 'ADDITIVE',
        Publish: 'ADDITIVE',
        UpdateThingShadow: 'DOC',
      },
      service: 'DOC',
      why: 'retained messages: two APIs added and Publish gains an optional retain flag',
    },
    '007': {
      tools: { GetRetainedMessage: 'DOC', ListRetainedMessages: 'DOC', Publish: 'DOC' },
      service: 'BREAKING',
      why:
        'endpoint prefix data.iot to data-ats.iot (ATS endpoint): clients built from the new model call another ' +
        'host (BREAKING at service level)',
    },
    '008': {
      tools: { Publish: 'ADDITIVE' },
      service: 'CLEAN',
      why: 'MQTT5 properties: optional Publish members and a newly modelled error',
    },
    '009': {
      tools: { GetRetainedMessage: 'ADDITIVE', ListRetainedMessages: 'DOC' },
      service: 'CLEAN',
      why: 'MQTT5 user properties in GetRetainedMessage responses',
    },
    '010': {
      tools: {
        DeleteThingShadow: 'ADDITIVE',
        GetThingShadow: 'ADDITIVE',
        ListNamedShadowsForThing: 'RISKY',
        UpdateThingShadow: 'ADDITIVE',
      },
      service: 'CLEAN',
      why:
        'ShadowName pattern allows "$": loosened for requests (ADDITIVE), RISKY in the ListNamedShadowsForThing ' +
        'response',
    },
    '011': { tools: {}, service: 'CLEAN', why: 'smoke tests only (note): no contract change' },
    '012': {
      tools: { DeleteConnection: 'ADDITIVE', GetRetainedMessage: 'DOC', ListRetainedMessages: 'DOC' },
      service: 'CLEAN',
      why: 'DeleteConnection added',
    },
    '013': {
      tools: {
        DeleteConnection: 'RISKY',
        GetConnection: 'ADDITIVE',
        ListSubscriptions: 'ADDITIVE',
        SendDirectMessage: 'ADDITIVE',
      },
      service: 'CLEAN',
      why:
        'GetConnection, ListSubscriptions and SendDirectMessage added; behavioural doc: client IDs "must be URL ' +
        'encoded" (RISKY)',
    },
  },
  pricing: {
    '001': {
      tools: {},
      service: 'CLEAN',
      why: 'the 2018 "add missing serviceId" commit: metadata merely added, CLEAN at service level',
    },
    '002': {
      tools: { DescribeServices: 'ADDITIVE', GetAttributeValues: 'DOC', GetProducts: 'BREAKING' },
      service: 'DOC',
      why:
        'note: ServiceCode now required in GetProductsRequest (BREAKING); a DescribeServices response member now ' +
        'required (ADDITIVE for consumers)',
    },
    '003': {
      tools: {},
      service: 'CLEAN',
      why: 'documentation update for the GetProducts response (note): no contract change',
    },
    '004': {
      tools: { GetPriceListFileUrl: 'ADDITIVE', GetProducts: 'DOC', ListPriceLists: 'ADDITIVE' },
      service: 'CLEAN',
      why: 'ListPriceLists and GetPriceListFileUrl added',
    },
    '005': {
      tools: { GetPriceListFileUrl: 'RISKY', ListPriceLists: 'RISKY' },
      service: 'DOC',
      why:
        'note: PriceListArn pattern updated, anchored to unanchored and beyond the automaton bound (RISKY); ' +
        'CurrencyCode ^[A-Z]{3}$ to [A-Z]{3} loosened (unanchored). InternalErrorException gains "fault": true: ' +
        'newly stated, not a change (its docs already said "An error on the server occurred"; botocore leaves ' +
        'the flag out of server errors, as with statuses)',
    },
    '006': {
      tools: {
        DescribeServices: 'ADDITIVE',
        GetAttributeValues: 'ADDITIVE',
        GetPriceListFileUrl: 'ADDITIVE',
        GetProducts: 'ADDITIVE',
        ListPriceLists: 'RISKY',
      },
      service: 'DOC',
      why:
        'ThrottlingException added to all APIs (ADDITIVE); PriceListArn pattern gains "+" (loosened: ADDITIVE in ' +
        'requests, RISKY in the ListPriceLists response)',
    },
    '007': {
      tools: { GetPriceListFileUrl: 'ADDITIVE', ListPriceLists: 'ADDITIVE' },
      service: 'CLEAN',
      why: 'ResourceNotFoundException added to two APIs',
    },
    '008': { tools: {}, service: 'DOC', why: 'examples added: service docs only' },
    '009': {
      tools: { DescribeServices: 'BREAKING', GetProducts: 'BREAKING' },
      service: 'CLEAN',
      why: 'note: request input validations tightened on GetProducts and DescribeServices (BREAKING)',
    },
    '010': {
      tools: { GetProducts: 'ADDITIVE' },
      service: 'CLEAN',
      why: 'new GetProducts filter types: a request enum value added',
    },
    '011': {
      tools: {
        DescribeServices: 'ADDITIVE',
        GetAttributeValues: 'ADDITIVE',
        GetProducts: 'ADDITIVE',
        ListPriceLists: 'DOC',
      },
      service: 'CLEAN',
      why: 'note: GetAttributeValues MaxResults 100 to 10000 (request loosened) and errors modelled',
    },
  },
};

function history(service: string) {
  const dir = join(CORPUS, 'services', service);
  const idx = JSON.parse(readFileSync(join(dir, 'INDEX.json'), 'utf8')) as { versions: { file: string }[] };
  return idx.versions.map((v) => ({ file: v.file, snap: snap(join(dir, v.file)) }));
}

for (const [service, expected] of Object.entries(EXPECTED)) {
  describe(`real history: ${service}`, () => {
    const versions = history(service);
    it('has an expectation, with a reason, for every transition', () => {
      expect(Object.keys(expected)).toEqual(versions.slice(1).map((v) => v.file.slice(0, 3)));
      expect(Object.values(expected).every((x) => x.why.length > 10)).toBe(true);
    });
    versions.slice(1).forEach((v, i) => {
      const exp = expected[v.file.slice(0, 3)];
      it(`${v.file}: ${exp.why}`, () => {
        const d = diffSnapshots(versions[i].snap, v.snap);
        const tools = Object.fromEntries(d.tools.filter((t) => t.class !== 'CLEAN').map((t) => [t.name, t.class]));
        expect(tools).toEqual(exp.tools);
        expect(d.service.class).toBe(exp.service);
        expect(d.summary.residual).toBe(0);
        expect(d.unseen).toEqual([]);
      });
    });
  });
}

describe('error wire codes', () => {
  it('cloudwatch keeps its query codes across the switch to CBOR/JSON (awsQueryCompatible): no code changes', () => {
    const [before, after] = history('cloudwatch')
      .slice(4, 6)
      .map((v) => v.snap);
    const code = (s: typeof before) =>
      s.tools.find((t) => t.name === 'GetDashboard')!.errors.find((e) => e.name === 'DashboardNotFoundError')!;
    expect(code(before).code).toBe('ResourceNotFound');
    expect(code(after).code).toBe('ResourceNotFound');
    expect(
      diffSnapshots(before, after)
        .tools.flatMap((t) => t.changes)
        .filter((c) => c.rule === 'tool.error.code-changed'),
    ).toEqual([]);
  });
});

describe('the metering histories: unseen 0 on every transition', () => {
  for (const kind of ['botocore', 'smithy'] as const) {
    it(`${kind}`, () => {
      const snaps = corpus(kind).map((v) => snap(v.path));
      const unseen = snaps
        .slice(1)
        .map((s, i) => diffSnapshots(snaps[i], s).unseen)
        .filter((u) => u.length);
      expect(snaps.length).toBeGreaterThan(15);
      expect(unseen).toEqual([]);
    });
  }
});

describe('the metering service across formats: unseen 0, docs kept', () => {
  it('same-day Smithy/botocore pairs are CLEAN', () => {
    for (const [a, b] of [
      ['017', '016'],
      ['018', '017'],
    ]) {
      const d = diffSnapshots(snap(corpusFile('smithy', a)), snap(corpusFile('botocore', b)));
      expect(d.summary.line).toBe('4 tools CLEAN:4 residual 0%');
      expect(d.unseen).toEqual([]);
    }
  });
  it('Smithy 2026-02-26 against botocore 2026-07-01: the 6 h → 24 h window change is behavioural (RISKY)', () => {
    const d = diffSnapshots(snap(corpusFile('smithy', '018')), snap(corpusFile('botocore', '018')));
    expect(d.summary.line).toBe('4 tools CLEAN:3 RISKY:1 residual 0%');
    const changes = d.tools.find((t) => t.name === 'BatchMeterUsage')!.changes;
    expect(changes.map((c) => c.rule)).toEqual(['tool.doc.behaviour-changed', 'tool.doc.changed']);
    expect(changes[0].facts!.map((f) => [f.path, f.before, f.after])).toEqual([
      ['#UsageRecord.Timestamp', '6 hours', '24 hours'],
      ['BatchMeterUsage', '6 hours', '24 hours'],
    ]);
    expect(d.unseen).toEqual([]);
  });
});
