/**
 * Bad command-line words, told in the user's terms. Every command parses its options with
 * node:util's parseArgs, whose messages speak of its own API ("To specify a positional argument
 * starting with a '-', place it at the end of the command after '--'…"); main.ts replaces them
 * with one line from here, followed by the command's usage.
 */
import { cli } from '../messages/cli.ts';

/** What was wrong with the words given, in the user's terms. */
function describeProblem(error: Error & { code: string }): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return cli.unknownOption(option);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return cli.unexpectedArgument(quoted);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? cli.optionNeedsValue(option) : cli.optionTakesNoValue(option);
    default:
      // node's own sentence (English): made into one like the others.
      return `${error.message[0].toUpperCase()}${error.message.slice(1)}.`;
  }
}

/** The sentence for a parseArgs error (e.g. "Unknown option --x."), or undefined for any other error. */
export function argumentProblem(error: unknown): string | undefined {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return undefined;
  return describeProblem(Object.assign(error as Error, { code }));
}
