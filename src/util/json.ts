import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { InputError, joinPath, pathSeg } from './errors.js';
import { readModelFile } from './files.js';

/** Finds the JSON path of the value being parsed at `offset` (for syntax error messages). */
export function jsonPathAt(text: string, offset: number): string {
  const stack: { kind: 'obj' | 'arr'; key: string | number | null }[] = [];
  let i = 0;
  let lastString: string | null = null;
  let expectKey = false;
  while (i < offset && i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j++;
        s += text[j];
        j++;
      }
      lastString = s;
      i = j + 1;
      continue;
    }
    if (c === '{') {
      stack.push({ kind: 'obj', key: null });
      expectKey = true;
    } else if (c === '[') {
      stack.push({ kind: 'arr', key: 0 });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ':' && stack.length && stack[stack.length - 1].kind === 'obj' && expectKey) {
      stack[stack.length - 1].key = lastString;
      expectKey = false;
    } else if (c === ',' && stack.length) {
      const top = stack[stack.length - 1];
      if (top.kind === 'arr') top.key = (top.key as number) + 1;
      else expectKey = true;
    }
    i++;
  }
  let p = '$';
  for (const f of stack) {
    if (f.key === null) continue;
    p +=
      typeof f.key === 'number'
        ? `[${f.key}]`
        : /^[A-Za-z_$][\w$]*$/.test(f.key)
          ? `.${f.key}`
          : `[${JSON.stringify(f.key)}]`;
  }
  return p;
}

const READABLE: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the document',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/**
 * Where JSON.parse failed. Node 20's messages often carry no position ("Unexpected token '@', … is
 * not valid JSON"), so the first error is located by jsonc-parser's scanner in strict mode (no
 * comments, no trailing commas) — only on this failure path; JSON.parse stays the fast path.
 */
function locateSyntaxError(text: string, msg: string): { offset: number; reason: string } {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const code = printParseErrorCode(first.error);
    if (code === 'UnexpectedEndOfString') {
      // The scanner reports the string's start; it ran to a raw line break or to the end of the text.
      const nl = text.slice(first.offset).search(/[\r\n]/);
      if (nl < 0) return { offset: text.length, reason: 'truncated JSON (unexpected end of input)' };
      return { offset: first.offset + nl, reason: 'invalid JSON (line break inside a string)' };
    }
    const truncated = first.offset >= text.trimEnd().length;
    const reason = truncated ? 'truncated JSON (unexpected end of input)' : `invalid JSON (${READABLE[code] ?? code})`;
    return { offset: first.offset, reason };
  }
  const m = /position (\d+)/.exec(msg);
  const offset = m ? Number(m[1]) : text.length;
  return { offset, reason: `invalid JSON (${msg.split('\n')[0].replace(/ in JSON at position \d+.*$/, '')})` };
}

/** Parses JSON text, turning syntax errors into one-line InputErrors with a path, line and column. */
export function parseJsonText(text: string, file: string, opts: { depth?: boolean } = {}): unknown {
  if (text.trim() === '') throw new InputError(file, '$', 'empty file (expected a JSON document)');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const { offset, reason } = locateSyntaxError(text, (e as Error).message);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    throw new InputError(file, jsonPathAt(text, offset), `${reason} at line ${line} column ${col}`);
  }
  // Without the nesting check only for a caller that makes it itself (see loadModelTextLike).
  if (opts.depth !== false) checkDepth(value, file);
  return value;
}

/** Deeper than any real model by far; deep enough input would overflow the recursive stages. */
export const MAX_JSON_DEPTH = 256;

/**
 * Refuses absurdly nested documents (one line naming the JSON path), walking iteratively. `skip`: objects known
 * to nest within bounds where they stand (the same JSON was checked at the same depth); the path named is the
 * one a full walk names, as skipped objects hold nothing too deep.
 */
export function checkDepth(value: unknown, file: string, max = MAX_JSON_DEPTH, skip?: ReadonlySet<object>): void {
  // The common case costs one allocation-free pass (recursion is bounded by `max`); only a refused
  // document is walked again to name the path.
  if (!tooDeep(value, 0, max, skip)) return;
  interface Node {
    v: unknown;
    d: number;
    parent: Node | null;
    key: string | number;
  }
  const stack: Node[] = [{ v: value, d: 0, parent: null, key: '' }];
  while (stack.length) {
    const n = stack.pop()!;
    const v = n.v;
    if (n.d >= max) throw new InputError(file, pathOfNode(n), `nested more than ${max} levels deep: refused`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x !== null && typeof x === 'object' && !skip?.has(x)) stack.push({ v: x, d: n.d + 1, parent: n, key: i });
      }
    } else {
      for (const k in v as object) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== null && typeof x === 'object' && !skip?.has(x)) stack.push({ v: x, d: n.d + 1, parent: n, key: k });
      }
    }
  }

  function pathOfNode(n: Node): string {
    const keys: (string | number)[] = [];
    for (let p: Node | null = n; p && p.parent; p = p.parent) keys.unshift(p.key);
    if (keys.length <= 8) return joinPath('$', ...keys);
    return `${joinPath('$', ...keys.slice(0, 6))}…(${keys.length - 8} more)…${keys.slice(-2).map(pathSeg).join('')}`;
  }
}

function tooDeep(v: unknown, d: number, max: number, skip?: ReadonlySet<object>): boolean {
  if (d >= max) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object' && !skip?.has(x) && tooDeep(x, d + 1, max, skip)) return true;
    }
  } else {
    for (const k in v as object) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object' && !skip?.has(x) && tooDeep(x, d + 1, max, skip)) return true;
    }
  }
  return false;
}

export function readJsonFile(file: string): { text: string; bytes: Buffer; value: unknown } {
  const bytes = readModelFile(file);
  const text = bytes.toString('utf8');
  return { text, bytes, value: parseJsonText(text, file) };
}
