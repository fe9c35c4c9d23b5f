import { oneLine } from '../util/errors.js';

/** A fetch that did not produce a usable model. Recorded as `fetch-failed`, never as "no drift". */
export class FetchError extends Error {
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(oneLine(message));
    this.name = 'FetchError';
  }
}
