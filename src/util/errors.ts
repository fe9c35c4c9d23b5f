/** An input problem the user can fix: printed as one line, exit code 2, never a stack trace. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly detail: string,
  ) {
    super(`${file}: ${jsonPath}: ${detail}`);
    this.name = 'InputError';
  }
}

/** A usage or configuration problem (exit 2) that is not tied to a JSON path. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
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

/** A JSON path, or a function that builds it: loaders pass functions so the hot path builds no strings. */
export type PathArg = string | (() => string);
export const pathOf = (p: PathArg): string => (typeof p === 'string' ? p : p());

/** Asserts a model fact; a failure is a one-line InputError naming the file and the JSON path. */
export function need(cond: unknown, file: string, path: PathArg, msg: string): asserts cond {
  if (!cond) throw new InputError(file, pathOf(path), msg);
}
