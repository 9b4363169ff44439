/**
 * The command-line entry: `tsx grader/main.ts <command> [args]`, run by the npm scripts.
 * Thin on purpose: each command is a module under commands/ over the tested cores. Every
 * command answers --help (and -h) with its usage, and a bad option with the same usage.
 */
import { pathToFileURL } from 'node:url';
import { argumentProblem } from './commands/options.ts';
import { progressPath } from './core/progress-store.ts';
import { setLanguage } from './i18n/language.ts';
import { chooseLanguage, LanguageOptionError, savedLanguage } from './i18n/resolve.ts';
import { processIo, type Io } from './io.ts';
import { cli } from './messages/cli.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

interface CommandEntry {
  run: Command;
  /** Its usage: the text of --help, and what a bad option is answered with. */
  usage: () => string | Promise<string>;
}

/**
 * Each command's module is loaded only when that command runs: `npm run grade` never pays for
 * the menu's prompt library, and a command whose module is broken cannot take the others down.
 */
const COMMANDS: Record<string, CommandEntry> = {
  menu: {
    run: async (argv, io) => (await import('./commands/menu.ts')).menuCommand(argv, io),
    usage: () => cli.menuUsage,
  },
  list: {
    run: async (argv, io) => (await import('./commands/menu.ts')).listCommand(argv, io),
    usage: () => cli.listUsage,
  },
  grade: {
    run: async (argv, io) => (await import('./commands/grade.ts')).gradeCommand(argv, io),
    usage: async () => (await import('./commands/grade.ts')).gradeUsage(),
  },
  watch: {
    run: async (argv, io) => (await import('./commands/watch.ts')).watchCommand(argv, io),
    usage: () => cli.watchUsage,
  },
  interview: {
    run: async (argv, io) => (await import('./commands/interview.ts')).interviewCommand(argv, io),
    usage: async () => (await import('./commands/interview.ts')).INTERVIEW_USAGE,
  },
  hunt: {
    run: async (argv, io) => (await import('./commands/hunt.ts')).huntCommand(argv, io),
    usage: async () => (await import('./commands/hunt.ts')).HUNT_USAGE,
  },
  hint: {
    run: async (argv, io) => (await import('./commands/hint.ts')).hintCommand(argv, io),
    usage: () => cli.hintUsage,
  },
  compare: {
    run: async (argv, io) => (await import('./commands/compare.ts')).compareCommand(argv, io),
    usage: () => cli.compareUsage,
  },
  reset: {
    run: async (argv, io) => (await import('./commands/reset.ts')).resetCommand(argv, io),
    usage: () => cli.resetUsage,
  },
  train: {
    run: async (argv, io) => (await import('./commands/train.ts')).trainCommand(argv, io),
    usage: async () => (await import('./commands/train.ts')).TRAIN_USAGE,
  },
  bench: {
    run: async (argv, io) => (await import('./commands/bench.ts')).benchCommand(argv, io),
    usage: async () => (await import('./commands/bench.ts')).BENCH_USAGE,
  },
};

async function usageOf(command: CommandEntry): Promise<string> {
  return command.usage();
}

function overview(): string {
  return [cli.commandsHead, ...Object.keys(COMMANDS).map((name) => `  ${name}`), cli.commandsTail].join('\n');
}

export async function main(args: string[], io: Io): Promise<number> {
  let argv: string[];
  try {
    const choice = chooseLanguage(args, io.env, () => savedLanguage(progressPath(io.env)));
    setLanguage(choice.lang);
    argv = choice.argv;
  } catch (error) {
    if (!(error instanceof LanguageOptionError)) throw error;
    io.err(error.message);
    return 2;
  }
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(name === undefined ? overview() : `${cli.unknownCommand(name)}\n${overview()}`);
    return 2;
  }
  // Options come before a lone "--"; anything after it is an argument, never --help.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('--help') || options.includes('-h')) {
    io.out(await usageOf(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Ctrl-C at a prompt (terminal.ts's Interrupted): the learner chose to leave; nothing to explain.
    if (error instanceof Error && error.name === 'Interrupted') return 130;
    const bad = argumentProblem(error);
    if (bad) {
      io.err(`${bad}\n\n${await usageOf(command)}`);
      return 2;
    }
    // Unreadable files and the like: one clear line, never a stack.
    io.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Output piped into `head` or `less` that closes early: stop quietly, not with a stack.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
