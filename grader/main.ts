/**
 * The command-line entry: `tsx grader/main.ts <command> [args]`, run by the npm scripts.
 * Thin on purpose: each command is a module under commands/ over the tested cores.
 */
import { pathToFileURL } from 'node:url';
import { processIo, type Io } from './io.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

/**
 * Each command's module is loaded only when that command runs: `npm run grade` never pays for
 * the menu's prompt library, and a command whose module is broken cannot take the others down.
 * (Loading inquirer also measurably slows typed-array loops on the main thread.)
 */
const COMMANDS: Record<string, { run: Command; usage: string }> = {
  menu: { run: async (argv, io) => (await import('./commands/menu.ts')).menuCommand(argv, io), usage: 'npm start' },
  list: { run: async (argv, io) => (await import('./commands/menu.ts')).listCommand(argv, io), usage: 'tsx grader/main.ts list' },
  grade: {
    run: async (argv, io) => {
      const [{ gradeCommand }, { progressHooks }] = await Promise.all([import('./commands/grade.ts'), import('./commands/learner.ts')]);
      return gradeCommand(argv, io, progressHooks(io));
    },
    usage: 'npm run grade [-- <kata>…] [--solutions] [--json]',
  },
  watch: { run: async (argv, io) => (await import('./commands/watch.ts')).watchCommand(argv, io), usage: 'npm run watch [-- <kata>]' },
  hint: { run: async (argv, io) => (await import('./commands/hint.ts')).hintCommand(argv, io), usage: 'npm run hint [-- <kata>]' },
  compare: { run: async (argv, io) => (await import('./commands/compare.ts')).compareCommand(argv, io), usage: 'npm run compare -- <kata> [--yes]' },
  reset: { run: async (argv, io) => (await import('./commands/reset.ts')).resetCommand(argv, io), usage: 'npm run reset -- <kata>' },
  train: {
    run: async (argv, io) => (await import('./commands/train.ts')).trainCommand(argv, io),
    usage: 'npm run train [-- --epochs N --use katas --save FILE --load FILE …] (npm run train -- --help)',
  },
  bench: { run: async (argv, io) => (await import('./commands/bench.ts')).benchCommand(argv, io), usage: 'npm run bench [-- --json] (npm run bench -- --help)' },
};

function usage(): string {
  return ['Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(name === undefined ? usage() : `Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Ctrl-C at a prompt (terminal.ts's Interrupted): the learner chose to leave; nothing to explain.
    if (error instanceof Error && error.name === 'Interrupted') return 130;
    // Bad arguments and unreadable files: one clear line, never a stack.
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
