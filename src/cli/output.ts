export { CLASS_STYLE, paint, useColor } from '../util/color.js';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Progress lines go to stderr so --json stdout stays one document. */
export function progress(msg: string): void {
  if (process.env.SPECWATCH_QUIET) return;
  process.stderr.write(msg + '\n');
}
