import type { Anchor } from '../facts/anchors.js';

/** The service the hand-written behaviours (emulator rules, replay cases) were written for. */
export const METERING_SERVICE = 'AWSMPMeteringService';

/**
 * The documentation facts the emulator's metering behaviours implement, as written and verified against
 * the vendored model (AWS Marketplace Metering, 2026-02-26). The windows are read from the served docs at
 * run time (doc-rules.ts), so the emulator follows a new model; these anchors make a human look again when
 * the fact a rule was written for moves (`specwatch facts`, `watch` and the page say STALE).
 */
const rule = (
  behaviour: string,
  tool: string,
  path: string,
  kind: Anchor['kind'],
  fact: string,
  quote: string,
): Anchor => ({ behaviour: `emulator rule '${behaviour}'`, owner: 'emulator', tool, path, kind, fact, quote });

export const EMULATOR_ANCHORS: Anchor[] = [
  rule(
    'meter-usage window',
    'MeterUsage',
    'MeterUsage',
    'quantity',
    '6 hours',
    "If you submit records more than six hours after events occur, the records won't be accepted.",
  ),
  rule(
    'batch window',
    'BatchMeterUsage',
    'BatchMeterUsage',
    'quantity',
    '6 hours',
    "Usage records aren't accepted 6 hours or more after an event.",
  ),
  rule(
    'once per hour',
    'MeterUsage',
    'MeterUsage',
    'quantity',
    'once per hour',
    'For non-Amazon Bedrock AgentCore Runtime deployments, you can only report usage once per hour for each dimension.',
  ),
  rule(
    'batch size',
    'BatchMeterUsage',
    'BatchMeterUsage',
    'quantity',
    '25 UsageRecords',
    'BatchMeterUsage can process up to 25 UsageRecords at a time, and each request must be less than 1 MB in size.',
  ),
  rule(
    'license-level products',
    'BatchMeterUsage',
    'BatchMeterUsage',
    'date',
    '2026-06-01',
    'Starting June 1, 2026, new SaaS products must use CustomerAWSAccountId (instead of CustomerIdentifier), ' +
      'LicenseArn (instead of ProductCode) to support this feature.',
  ),
  rule(
    'ClientToken conflict',
    'MeterUsage',
    '#MeterUsageRequest.ClientToken',
    'error',
    'IdempotencyConflictException',
    'If you retry the operation with the same ClientToken, but with different parameters, the retry fails with an ' +
      'IdempotencyConflictException error.',
  ),
];
