// Line breaks and other control characters (C0 but the tab, DEL, C1, the Unicode line and paragraph separators).
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/**
 * A message as one line: a control character (a shape id or file name from hostile input may hold a newline)
 * is written as its JSON escape, `\n` or `\u001b`, so a message can never start a second line on a terminal.
 */
export function oneLine(message: string): string {
  return message.replace(CONTROL, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An input problem the user can fix: printed as one line, exit code 2, never a stack trace. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly detail: string,
  ) {
    super(oneLine(`${file}: ${jsonPath}: ${detail}`));
    this.name = 'InputError';
  }
}

/** A usage or configuration problem (exit 2) that is not tied to a JSON path. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'UsageError';
  }
}

/** JSON path segment: `.name` for identifiers, `["..."]` otherwise. */
export function pathSeg(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export function joinPath(base: string, ...keys: (string | number)[]): string {
  return base + keys.map(pathSeg).join('');
}

export type JsonObject = Record<string, unknown>;
export const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A text, or a function that builds it: loaders pass functions so the hot path builds no strings. */
export type LazyText = string | (() => string);
export const textOf = (t: LazyText): string => (typeof t === 'string' ? t : t());
/** A JSON path as a LazyText. */
export type PathArg = LazyText;
export const pathOf = textOf;

/**
 * Asserts a model fact; a failure is a one-line InputError naming the file and the JSON path. The message, like
 * the path, may be a function: a check that runs for every shape or member then builds no string.
 */
export function need(cond: unknown, file: string, path: PathArg, msg: LazyText): asserts cond {
  if (!cond) throw new InputError(file, pathOf(path), textOf(msg));
}
