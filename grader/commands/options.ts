/**
 * Command-line options of the commands that take them (train, bench): node:util's parseArgs,
 * whose messages speak of its own API ("To specify a positional argument starting with a '-',
 * place it at the end of the command after '--'…"), replaced by one line that names the word
 * that was wrong, followed by the command's usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What was wrong with the words given, in the user's terms. */
function describeProblem(error: Error & { code: string }): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `${option} needs a value` : `${option} takes no value`;
    default:
      return error.message;
  }
}

/**
 * parseArgs, strict, with a usage message instead of Node's.
 * @param command how the command is run, e.g. "npm run bench", to open the message
 * @throws Error "<command>: unknown option --x" (or similar), a blank line, then `usage`
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, command: string, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    throw new Error(`${command}: ${describeProblem(Object.assign(error as Error, { code }))}\n\n${usage}`);
  }
}
