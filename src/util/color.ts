import { styleText } from 'node:util';

/** Colour only on a TTY and when NO_COLOR is unset. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

type Style = Parameters<typeof styleText>[0];
export function paint(style: Style, text: string, on = useColor()): string {
  return on ? styleText(style, text) : text;
}

export const CLASS_STYLE: Record<string, Style> = {
  BREAKING: 'red', UNCLASSIFIED: 'magenta', RISKY: 'yellow', ADDITIVE: 'green', DOC: 'cyan', CLEAN: 'gray',
  PASS: 'green', FAIL: 'red', SKIP: 'gray', UNIMPLEMENTED: 'yellow',
};
