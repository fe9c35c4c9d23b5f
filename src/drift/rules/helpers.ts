import type { ChangeClass, Direction, RuleDef } from '../types.js';

/** Declares the input and output mirror of one rule with their classes. */
export function mirror(
  area: string,
  change: string,
  input: ChangeClass,
  output: ChangeClass,
  summary: string,
): RuleDef[] {
  return [
    { id: `input.${area}.${change}`, class: input, direction: 'input', summary },
    { id: `output.${area}.${change}`, class: output, direction: 'output', summary },
  ];
}

export function one(direction: Direction, area: string, change: string, cls: ChangeClass, summary: string): RuleDef {
  return { id: `${direction}.${area}.${change}`, class: cls, direction, summary };
}

export const fmt = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
