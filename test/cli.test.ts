/**
 * The command line as a learner meets it, in a scratch copy of the course (test/scratch-checkout.ts):
 * the course's own spec is used whatever the checkout holds, paths are read from where the
 * learner typed the command, the documented JSON command prints JSON, Ctrl-C leaves nothing
 * behind, and every command answers --help.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadKatas } from '../grader/core/manifest.ts';
import { scratchCheckout } from './scratch-checkout.ts';

const checkout = scratchCheckout();
afterAll(() => checkout.remove());

/** `tsx grader/main.ts <args>` in the scratch checkout, as npm would run it from `cwd`. */
function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', 'tsx', join(checkout.root, 'grader/main.ts'), ...args], {
    cwd: checkout.root,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: options.cwd ?? checkout.root, NO_COLOR: '1', KATAS_STATE_DIR: mkdtempSync(join(tmpdir(), 'kata-state-')), ...options.env },
  });
}

describe.concurrent('the grade command', () => {
  test('a spec replaced in the checkout is set aside: the course’s original grades, and the learner is told', () => {
    writeFileSync(
      join(checkout.root, 'katas/sigmoid-derivative/sigmoid.spec.ts'),
      "import { describe, test } from '../../grader/harness/index.ts';\ndescribe('spec', () => test('nothing', () => {}));\n",
    );
    const result = run(['grade', 'sigmoid']);
    expect(result.stdout).toContain('Your katas/sigmoid-derivative/sigmoid.spec.ts differs from the course’s'.replace('’', "'"));
    expect(result.stdout).toContain('sigmoid-derivative  Sigmoid and its derivative: not started');
    expect(result.status).toBe(1);
  });

  test('a fixture lost from the checkout is read back; a file the learner added beside the fixtures is ignored', () => {
    rmSync(join(checkout.root, 'fixtures/dense-backward/large.json'));
    writeFileSync(join(checkout.root, 'fixtures/dense-backward/my-notes.json'), '{ "mine": true }\n');
    const result = run(['grade', 'dense', '--solutions']);
    expect(result.stdout.replace(/\s+/g, ' ')).toContain("fixtures/dense-backward/large.json is missing from your checkout, so this grade used the course's original.");
    expect(result.stdout).toContain('Dense layer backward: passed');
    expect(result.status).toBe(0);
  });

  test('--file is read from the folder the command was typed in', () => {
    const folder = join(checkout.root, 'scratch-work');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'mine.ts'), "export * from '../solutions/sigmoid-derivative/sigmoid.ts';\n");
    const result = run(['grade', 'sigmoid', '--file', 'mine.ts'], { cwd: folder });
    expect(result.stdout).toContain('Sigmoid and its derivative: passed');
    expect(result.status).toBe(0);
  });

  test('--file with a folder is a usage error that names the path', () => {
    const result = run(['grade', 'sigmoid', '--file', 'katas']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--file: ${join(checkout.root, 'katas')} is a folder`);
  });

  test('the documented JSON command prints JSON and nothing else', () => {
    const result = spawnSync('npm', ['run', '-s', 'grade', '--', 'sigmoid', '--solutions', '--json'], { cwd: checkout.root, encoding: 'utf8' });
    const parsed = JSON.parse(result.stdout) as { passed: boolean; katas: { slug: string; status: string }[] };
    expect(parsed.passed).toBe(true);
    expect(parsed.katas[0]).toMatchObject({ slug: 'sigmoid-derivative', status: 'passed' });
  });

  test('Ctrl-C while grading leaves no scratch folder behind', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'kata-sigint-'));
    const child = spawn(process.execPath, ['--import', 'tsx', join(checkout.root, 'grader/main.ts'), 'grade', 'mnist', '--solutions'], {
      cwd: checkout.root,
      env: { ...process.env, TMPDIR: temp, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const scratch = (): string[] => readdirSync(temp).filter((n) => n.startsWith('kata-grade-'));
    for (let waited = 0; scratch().length === 0 && waited < 60_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(scratch()).toHaveLength(1);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(scratch()).toEqual([]);
  });
});

describe.concurrent('the interview command without a terminal', () => {
  test('--history lists the interviews (none yet); an interview itself needs a terminal', () => {
    const history = run(['interview', '--history']);
    expect(history.status).toBe(0);
    expect(history.stdout).toBe('No interviews yet. Start one: npm run interview\n');
    const piped = run(['interview', 'sigmoid']);
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^A mock interview needs an interactive terminal/);
  });

  test('a bad kata, topic or time is told, with the topics or the usage', () => {
    expect(run(['interview', 'nope']).stderr).toMatch(/nope/);
    const topic = run(['interview', '--topic', 'vision']);
    expect(topic.status).toBe(2);
    const topics = [...new Set(loadKatas().map((k) => k.topic))].join(', '); // the course's topics in course order, as katas are added
    expect(topic.stderr).toContain(`No kata has the topic "vision". Topics: ${topics}.`);
    const minutes = run(['interview', 'sigmoid', '--minutes', '0']);
    expect(minutes.status).toBe(2);
    expect(minutes.stderr).toMatch(/^--minutes must be a number of minutes above 0, got "0"\.\n\nUsage: npm run interview/);
    expect(run(['interview', 'sigmoid', '--questions', '9']).stderr).toMatch(/^--questions must be a whole number from 3 to 5/);
  });
});

describe.concurrent('the hunt command without a terminal', () => {
  test('--history lists the hunts (none yet); a hunt itself needs a terminal; bad names are said', () => {
    const history = run(['hunt', '--history']);
    expect(history.status, history.stderr).toBe(0);
    expect(history.stdout).toBe('No bug hunts yet. Start one: npm run hunt\n');
    const piped = run(['hunt', 'dense']);
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^A bug hunt needs an interactive terminal/);
    expect(run(['hunt', 'nope']).stderr).toMatch(/nope/);
    expect(run(['hunt', 'dense', '--drill', 'nope']).stderr).toMatch(/^No drill "nope"\. Drills: .*db-averaged/);
  });
});

describe.concurrent('every command answers --help, and a bad option with its usage', () => {
  for (const command of ['menu', 'list', 'grade', 'watch', 'interview', 'hunt', 'hint', 'compare', 'reset', 'train', 'bench']) {
    test(command, () => {
      for (const flag of ['--help', '-h']) {
        const help = run([command, flag]);
        expect(help.status, help.stderr).toBe(0);
        expect(help.stdout).toMatch(/^Usage: npm (start|run)/);
      }
      const bad = run([command, '--no-such-option']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^Unknown option --no-such-option\.\n\nUsage: npm/);
      expect(bad.stderr).not.toContain('To specify a positional argument');
    });
  }
});
