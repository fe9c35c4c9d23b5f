import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';

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
    if (c === '{') { stack.push({ kind: 'obj', key: null }); expectKey = true; }
    else if (c === '[') { stack.push({ kind: 'arr', key: 0 }); }
    else if (c === '}' || c === ']') stack.pop();
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
    p += typeof f.key === 'number' ? `[${f.key}]` : /^[A-Za-z_$][\w$]*$/.test(f.key) ? `.${f.key}` : `[${JSON.stringify(f.key)}]`;
  }
  return p;
}

/** Parses JSON text, turning syntax errors into one-line InputErrors with a path and position. */
export function parseJsonText(text: string, file: string): unknown {
  if (text.trim() === '') throw new InputError(file, '$', 'empty file (expected a JSON document)');
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const offset = m ? Number(m[1]) : text.length;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    const reason = /Unexpected end/.test(msg) || offset >= text.length ? 'truncated JSON (unexpected end of input)' : `invalid JSON (${msg.split('\n')[0].replace(/ in JSON at position \d+.*$/, '')})`;
    throw new InputError(file, jsonPathAt(text, offset), `${reason} at line ${line} column ${col}`);
  }
}

export function readJsonFile(file: string): { text: string; bytes: Buffer; value: unknown } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, '$', code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a JSON file' : `cannot read (${code})`);
  }
  const text = bytes.toString('utf8');
  return { text, bytes, value: parseJsonText(text, file) };
}
