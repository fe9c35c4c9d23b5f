import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../snapshot/ajv.js';
import type { Snapshot } from '../snapshot/types.js';
import { AwsError } from './protocol.js';

/** Compiled input validators per tool, from the snapshot the emulator serves. */
export class InputValidator {
  private readonly fns = new Map<string, ValidateFunction>();
  private readonly ajv = createAjv({ allErrors: true });
  /** Compiled on first use: one tool whose schema does not compile (a pattern ECMAScript refuses) must not
   * keep the emulator from serving the others. */
  constructor(private readonly snapshot: Snapshot) {}

  errors(tool: string, body: unknown): ErrorObject[] {
    let fn = this.fns.get(tool);
    if (!fn) {
      const t = this.snapshot.tools.find((x) => x.name === tool);
      if (!t) return [];
      try {
        fn = this.ajv.compile(t.input);
      } catch (e) {
        throw new AwsError(
          'InternalServiceErrorException',
          `the emulator cannot validate ${tool}: ${(e as Error).message}`,
          500,
        );
      }
      this.fns.set(tool, fn);
    }
    if (fn(body)) return [];
    return fn.errors ?? [];
  }
}

/** The constraint that failed, named AWS-style: "Value at 'UsageRecords' failed to satisfy constraint: …". */
export function describeError(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(root)';
  const p = e.params as Record<string, unknown>;
  const failed = (what: string) => `Value at '${at}' failed to satisfy constraint: Member must ${what} (${e.keyword})`;
  switch (e.keyword) {
    case 'required':
      return (
        `Value at '${at ? at + '.' : ''}${p.missingProperty}' failed to satisfy constraint: Member must not ` +
        `be null (required)`
      );
    case 'maxItems':
    case 'maxLength':
      return failed(`have length less than or equal to ${p.limit}`);
    case 'minItems':
    case 'minLength':
      return failed(`have length greater than or equal to ${p.limit}`);
    case 'pattern':
      return failed(`satisfy regular expression pattern: ${p.pattern}`);
    case 'minimum':
    case 'maximum':
      return failed(`be ${e.message}`);
    case 'enum':
      return failed(`satisfy enum value set: [${(p.allowedValues as unknown[]).join(', ')}]`);
    default:
      return `Value at '${at}' failed to satisfy constraint: ${e.message} (${e.keyword})`;
  }
}

export function validationError(errs: ErrorObject[]): AwsError {
  const msgs = [...new Set(errs.map(describeError))];
  return new AwsError(
    'ValidationException',
    `${msgs.length} validation error${msgs.length > 1 ? 's' : ''} detected: ${msgs.join('; ')}`,
    400,
  );
}
