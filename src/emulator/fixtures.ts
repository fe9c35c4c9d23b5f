import { readFileSync } from 'node:fs';
import { InputError } from '../util/errors.js';
import { parseJsonText } from '../util/json.js';
import type { Windows } from './doc-rules.js';

export interface ProductFixture {
  dimensions: string[];
  entitledAccounts?: string[] | '*';
}
export interface CustomerFixture {
  accountId: string;
  customerIdentifier?: string;
  subscriptions: string[];
}
export interface TokenFixture {
  customerAWSAccountId: string;
  productCode: string;
  licenseArn?: string;
  customerIdentifier?: string;
  legacy?: boolean;
  expiresAt?: string;
  redeemed?: boolean;
}
/**
 * Who calls: the account and region of the credentials, and where the software runs. `taskId` names the ECS
 * task or EKS pod, `instanceId` the EC2 instance: the once-per-hour MeterUsage rule is kept per each.
 */
export interface CallerFixture {
  accountId: string;
  region: string;
  platform: 'ECS' | 'EKS' | 'Fargate' | 'EC2' | 'AgentCore' | 'Other';
  taskId?: string;
  instanceId?: string;
}
export interface FaultConfig {
  latencyMs?: number;
  errorRate?: number;
  throttleRate?: number;
  partialFailureRate?: number;
  malformedResponse?: boolean;
  unmodelledError?: string;
}
export interface Fixtures {
  /** Fixed "now" for deterministic tests (ISO); default the wall clock. */
  now?: string;
  /**
   * Test credentials whose signatures are really verified; any other well-formed key is accepted only when
   * this is empty.
   */
  credentials?: Record<string, string>;
  products: Record<string, ProductFixture>;
  customers: CustomerFixture[];
  tokens: Record<string, TokenFixture>;
  licenses: Record<string, { productCode: string; accountId: string }>;
  callers: Record<string, CallerFixture>;
  defaultCaller: CallerFixture;
  disabledOperations: string[];
  faults: Record<string, FaultConfig>;
  throttle: { capacity: number; refillPerSecond: number };
  /** Overrides of the windows the served model's docs state (see doc-rules.ts). */
  windows?: Partial<Windows>;
  publicKeyRotationTimestamp: string;
  /** RegisterUsage public key versions that still verify but have expired (answered with the rotation time). */
  expiredPublicKeyVersions: number[];
}

export const LICENSE_ARN = 'arn:aws:license-manager::123456789012:license:l-0123456789abcdef0123456789abcdef';

/** The built-in fixture: enough products, customers and tokens to exercise every behaviour. */
export function defaultFixtures(): Fixtures {
  return {
    products: {
      'prod-abc123': { dimensions: ['users', 'hosts', 'data_gb'], entitledAccounts: ['123456789012'] },
      'prod-saas456': { dimensions: ['requests', 'seats'], entitledAccounts: '*' },
      'prod-noentitle': { dimensions: ['users'], entitledAccounts: [] },
    },
    customers: [
      { accountId: '111122223333', customerIdentifier: 'cust-legacy-1', subscriptions: ['prod-saas456'] },
      { accountId: '444455556666', customerIdentifier: 'cust-legacy-2', subscriptions: [] },
      { accountId: '777788889999', subscriptions: ['prod-saas456'] },
    ],
    tokens: {
      'reg-token-valid': { customerAWSAccountId: '777788889999', productCode: 'prod-saas456', licenseArn: LICENSE_ARN },
      'reg-token-legacy': {
        customerAWSAccountId: '111122223333',
        productCode: 'prod-saas456',
        licenseArn: LICENSE_ARN,
        customerIdentifier: 'cust-legacy-1',
        legacy: true,
      },
      'reg-token-expired': {
        customerAWSAccountId: '777788889999',
        productCode: 'prod-saas456',
        expiresAt: '2020-01-01T00:00:00Z',
      },
      'reg-token-redeemed': { customerAWSAccountId: '777788889999', productCode: 'prod-saas456', redeemed: true },
    },
    licenses: { [LICENSE_ARN]: { productCode: 'prod-saas456', accountId: '777788889999' } },
    callers: {
      AKIDEMULATORECS: { accountId: '123456789012', region: 'us-east-1', platform: 'ECS', taskId: 'task-ecs-1' },
      AKIDEMULATORFARGATE: {
        accountId: '123456789012',
        region: 'us-east-1',
        platform: 'Fargate',
        taskId: 'task-fargate-1',
      },
      AKIDEMULATOREC2: {
        accountId: '123456789012',
        region: 'us-east-1',
        platform: 'EC2',
        instanceId: 'i-0emulator0000001',
      },
      AKIDEMULATORAGENTCORE: { accountId: '123456789012', region: 'us-east-1', platform: 'AgentCore' },
      AKIDEMULATOREUWEST: { accountId: '123456789012', region: 'eu-west-1', platform: 'EKS', taskId: 'task-eks-1' },
      AKIDNOTENTITLED: { accountId: '999900001111', region: 'us-east-1', platform: 'ECS', taskId: 'task-ne-1' },
    },
    defaultCaller: { accountId: '123456789012', region: 'us-east-1', platform: 'ECS', taskId: 'task-default' },
    disabledOperations: [],
    faults: {},
    throttle: { capacity: 10_000, refillPerSecond: 10_000 },
    publicKeyRotationTimestamp: '2026-01-01T00:00:00Z',
    expiredPublicKeyVersions: [],
  };
}

/** Every key a fixture file (or PUT /_emulator/fixtures) may set. */
export const FIXTURE_KEYS: string[] = [...Object.keys(defaultFixtures()), 'now', 'credentials', 'windows'];

/** Loads a fixture file over the defaults (shallow per top-level key). */
export function loadFixtures(file: string): Fixtures {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, '$', `cannot read fixtures (${(e as NodeJS.ErrnoException).code})`);
  }
  const v = parseJsonText(text, file);
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new InputError(file, '$', 'fixtures must be a JSON object');
  const known = new Set(FIXTURE_KEYS);
  for (const k of Object.keys(v))
    if (!known.has(k)) throw new InputError(file, `$.${k}`, `unknown fixture key (known: ${[...known].join(', ')})`);
  return { ...defaultFixtures(), ...(v as Partial<Fixtures>) };
}
