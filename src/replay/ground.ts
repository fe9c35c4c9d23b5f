import type { JsonSchema, Tool } from '../snapshot/types.js';
import type { ReplayCase } from './types.js';

const norm = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();

/** Every description in a tool's documents: the operation, its members and its errors. */
function allDocs(tool: Tool): string {
  const parts = [tool.documentation, ...tool.errors.map((e) => e.documentation)];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as JsonSchema)) {
        if (k === 'description' && typeof x === 'string') parts.push(x);
        else walk(x);
      }
    }
  };
  walk(tool.input);
  walk(tool.output);
  return norm(parts.join(' '));
}

const memo = new WeakMap<Tool, string>();

/**
 * Why a case cannot be run on the current snapshot — its ground is gone — or null. An expected error
 * must be modelled or named in the docs; a case's `ground` phrase must still be in the docs.
 */
export function groundOf(c: ReplayCase, tool: Tool): string | null {
  let docs = memo.get(tool);
  if (docs === undefined) memo.set(tool, (docs = allDocs(tool)));
  if (
    c.expectError &&
    !tool.errors.some((e) => e.name === c.expectError) &&
    !docs.includes(c.expectError.toLowerCase())
  ) {
    return `${c.expectError} is neither modelled nor documented for ${tool.name} in the current snapshot`;
  }
  if (c.ground && !docs.includes(norm(c.ground))) {
    return `its ground is gone from the current docs ("${c.ground}")`;
  }
  return null;
}
