import { oneLine } from '../util/errors.js';

export { CLASS_STYLE, paint, useColor } from '../util/color.js';
export { oneLine };

/**
 * Text for a terminal or a log: names, enum values and quoted docs come from upstream and may hold escape
 * sequences or stray line breaks, so every line is written as oneLine makes it (control characters escaped,
 * never run). JSON output needs none of this: JSON.stringify escapes them.
 */
export function print(text: string): void {
  process.stdout.write(text.split('\n').map(oneLine).join('\n'));
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Progress lines go to stderr so --json stdout stays one document. */
export function progress(msg: string): void {
  if (process.env.SPECWATCH_QUIET) return;
  process.stderr.write(oneLine(msg) + '\n');
}
