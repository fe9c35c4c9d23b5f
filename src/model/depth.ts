import { InputError } from '../util/errors.js';
import type { ServiceModel, Shape } from './types.js';

/** Far deeper than any AWS model (the deepest of 402 catalog models nests well under 40 levels). */
export const MAX_SHAPE_DEPTH = 200;

function children(s: Shape): string[] {
  const out: string[] = [];
  if (s.type !== 'enum' && s.type !== 'intEnum') {
    for (const k of Object.keys(s.members ?? {})) out.push(s.members![k].target);
  }
  for (const m of [s.member, s.key, s.value]) if (m) out.push(m.target);
  return out;
}

/**
 * Refuses models whose structures nest deeper than MAX_SHAPE_DEPTH (a chain of 1,500 structures
 * would overflow the recursive schema, fingerprint and diff walks): one line naming the shape.
 * Iterative depth-first search; a reference back into the current path (recursion) ends a path.
 */
export function checkShapeDepth(model: ServiceModel, max = MAX_SHAPE_DEPTH): void {
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  for (const root of model.shapes.keys()) {
    if (depth.has(root)) continue;
    const stack: { id: string; kids: string[]; i: number; best: number }[] = [];
    const push = (id: string) => {
      const s = model.shapes.get(id);
      onPath.add(id);
      stack.push({ id, kids: s ? children(s) : [], i: 0, best: 0 });
      if (stack.length > max) {
        throw new InputError(
          model.file,
          s?.srcPath ?? '$.shapes',
          `structures nest more than ${max} levels deep ` + `(${stack[0].id} → … → ${id}): refused`,
        );
      }
    };
    push(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.i < top.kids.length) {
        const k = top.kids[top.i++];
        if (onPath.has(k) || !model.shapes.has(k)) continue;
        const known = depth.get(k);
        if (known !== undefined) {
          top.best = Math.max(top.best, known);
          if (stack.length + known > max) push(k); // re-walk to name the deep path
          continue;
        }
        push(k);
        continue;
      }
      stack.pop();
      onPath.delete(top.id);
      const d = top.best + 1;
      depth.set(top.id, d);
      if (stack.length) stack[stack.length - 1].best = Math.max(stack[stack.length - 1].best, d);
    }
  }
}
