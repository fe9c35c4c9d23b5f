import { randomUUID } from 'node:crypto';
import type { CallerFixture, Fixtures } from './fixtures.js';
import { TokenBucket } from './throttle.js';

export interface MeterRecord {
  meteringRecordId: string;
  operation: 'MeterUsage' | 'BatchMeterUsage';
  productCode: string;
  dimension: string;
  quantity: number;
  timestamp: number;
  accountId: string;
  customer?: string;
  licenseArn?: string;
  allocations?: unknown[];
  clientToken?: string;
  recordedAt: string;
}

export interface RequestLogEntry {
  time: string;
  requestId: string;
  target: string | null;
  operation: string | null;
  status: number;
  errorType: string | null;
  body: unknown;
}

/** Everything the emulator remembers; in memory, reset to the fixtures on demand. */
export class EmulatorState {
  records: MeterRecord[] = [];
  /** MeterUsage, non-AgentCore callers: {product, dimension, hour, account, instance/task/pod} → record. */
  hourly = new Map<string, MeterRecord>();
  /** MeterUsage ClientTokens (every caller): token → request fingerprint and record. */
  tokens = new Map<string, { fingerprint: string; record: MeterRecord }>();
  /** BatchMeterUsage: {product, customer, dimension, timestamp} → record. */
  batch = new Map<string, MeterRecord>();
  redeemedTokens = new Set<string>();
  registeredTasks = new Set<string>();
  requests: RequestLogEntry[] = [];
  private buckets = new Map<string, TokenBucket>();

  constructor(public fixtures: Fixtures) {}

  reset(fixtures = this.fixtures): void {
    this.fixtures = fixtures;
    this.records = [];
    this.hourly.clear();
    this.tokens.clear();
    this.batch.clear();
    this.redeemedTokens.clear();
    this.registeredTasks.clear();
    this.requests = [];
    this.buckets.clear();
  }

  now(): Date {
    return this.fixtures.now ? new Date(this.fixtures.now) : new Date();
  }

  caller(accessKeyId: string): CallerFixture & { accessKeyId: string } {
    return { ...(this.fixtures.callers[accessKeyId] ?? this.fixtures.defaultCaller), accessKeyId };
  }

  bucket(op: string): TokenBucket {
    let b = this.buckets.get(op);
    if (!b) {
      b = new TokenBucket(this.fixtures.throttle.capacity, this.fixtures.throttle.refillPerSecond);
      this.buckets.set(op, b);
    }
    return b;
  }

  newRecordId(): string {
    return randomUUID();
  }
}
