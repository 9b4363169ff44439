/**
 * Bad command-line words, told in the user's terms. Every command parses its options with
 * node:util's parseArgs, whose messages speak of its own API ("To specify a positional argument
 * starting with a '-', place it at the end of the command after '--'…"); main.ts replaces them
 * with one line from here, followed by the command's usage.
 */

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

/** The sentence for a parseArgs error (e.g. "Unknown option --x."), or undefined for any other error. */
export function argumentProblem(error: unknown): string | undefined {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const problem = describeProblem(Object.assign(error as Error, { code }));
  return `${problem[0].toUpperCase()}${problem.slice(1)}.`;
}
