/**
 * Terminal colours, only when they will be seen: a TTY without NO_COLOR, or FORCE_COLOR set.
 * Pipes, files and CI logs get plain text.
 */
export interface Style {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const colours: Style = {
  green: wrap(32, 39),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  cyan: wrap(36, 39),
};

const identity = (text: string): string => text;
export const plain: Style = { green: identity, red: identity, yellow: identity, dim: identity, bold: identity, cyan: identity };

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return colours;
  if (env.NO_COLOR || !stream.isTTY) return plain;
  return colours;
}

/** Remove ANSI colour codes (for tests and width calculations). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
