import type { HttpRequest } from '@smithy/types';

/** Registration tokens the live probe may send: syntactically valid, never issued by AWS. */
export const PROBE_TOKEN_PREFIX = 'specwatch-probe-';

export class LivePolicyViolation extends Error {
  constructor(message: string) {
    super(`live read-only policy: ${message}`);
    this.name = 'LivePolicyViolation';
  }
}

/**
 * The live read-only policy, enforced where requests are sent: only side-effect-free probes may
 * leave. MeterUsage with DryRun true; BatchMeterUsage with an empty UsageRecords list;
 * ResolveCustomer with a probe token; nothing else (RegisterUsage meters when it succeeds).
 */
export function checkLiveRequest(req: HttpRequest): void {
  const target = String(req.headers['x-amz-target'] ?? req.headers['X-Amz-Target'] ?? '');
  const op = target.split('.').pop() ?? '';
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(
      typeof req.body === 'string' ? req.body : new TextDecoder().decode((req.body ?? new Uint8Array()) as Uint8Array),
    ) as Record<string, unknown>;
  } catch {
    throw new LivePolicyViolation(`refused ${op || 'request'}: body is not inspectable JSON`);
  }
  if (op === 'MeterUsage' && body.DryRun === true) return;
  if (op === 'BatchMeterUsage' && Array.isArray(body.UsageRecords) && body.UsageRecords.length === 0) return;
  if (
    op === 'ResolveCustomer' &&
    typeof body.RegistrationToken === 'string' &&
    body.RegistrationToken.startsWith(PROBE_TOKEN_PREFIX)
  )
    return;
  throw new LivePolicyViolation(
    `refused ${op || '(no target)'}: only DryRun MeterUsage, empty BatchMeterUsage and probe-token ` +
      `ResolveCustomer may be sent live`,
  );
}

/**
 * The agent pack's read-only policy (`specwatch mcp` without --allow-write): the calls that cannot meter.
 * The live probes' rules, except that ResolveCustomer may carry any token (resolving meters nothing).
 */
export function checkNoMeteringRequest(req: HttpRequest): void {
  const target = String(req.headers['x-amz-target'] ?? req.headers['X-Amz-Target'] ?? '');
  if (target.split('.').pop() === 'ResolveCustomer') return;
  try {
    checkLiveRequest(req);
  } catch (e) {
    throw new ReadOnlyViolation(
      (e as Error).message
        .replace(/^live read-only policy: /, '')
        .replace('may be sent live', 'may be sent without --allow-write'),
    );
  }
}

export class ReadOnlyViolation extends Error {
  constructor(message: string) {
    super(`read-only: ${message}`);
    this.name = 'ReadOnlyViolation';
  }
}
