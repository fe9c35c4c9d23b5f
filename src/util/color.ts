import { styleText } from 'node:util';

/** Colour only on a TTY and when NO_COLOR is unset, unless --color/--no-color says otherwise. */
/** `--color` / `--no-color` set this (they win over NO_COLOR and the TTY check). */
export const colorChoice: { forced: boolean | null } = { forced: null };

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (colorChoice.forced !== null) return colorChoice.forced;
  return !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

type Style = Parameters<typeof styleText>[0];
export function paint(style: Style, text: string, on = useColor()): string {
  // validateStream off: the decision is made above (a forced --color must work through a pipe).
  return on ? styleText(style, text, { validateStream: false }) : text;
}

export const CLASS_STYLE: Record<string, Style> = {
  BREAKING: 'red',
  UNCLASSIFIED: 'magenta',
  RISKY: 'yellow',
  ADDITIVE: 'green',
  DOC: 'cyan',
  CLEAN: 'gray',
  PASS: 'green',
  FAIL: 'red',
  SKIP: 'gray',
  UNIMPLEMENTED: 'yellow',
};
