import { expect, test } from 'vitest';
import { renderDiff } from './diff-view.ts';
import { colours } from './style.ts';

const labels = { ours: 'katas/k/k.ts (yours)', theirs: 'solutions/k/k.ts (reference)' };
const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => `line ${i + 1}`);

test('the same file: no diff', () => {
  expect(renderDiff('a\nb\n', 'a\nb\n', labels)).toEqual({ text: '', removed: 0, added: 0 });
});

test('a change: yours with "-", the reference with "+", three lines of context, where it starts', () => {
  const ours = lines(12);
  const theirs = [...ours];
  theirs[5] = 'line 6, fixed';
  const view = renderDiff(`${ours.join('\n')}\n`, `${theirs.join('\n')}\n`, labels);
  expect(view.text.split('\n')).toEqual([
    '- katas/k/k.ts (yours)',
    '+ solutions/k/k.ts (reference)',
    '@@ line 3 of yours, line 3 of the reference @@',
    ' line 3',
    ' line 4',
    ' line 5',
    '-line 6',
    '+line 6, fixed',
    ' line 7',
    ' line 8',
    ' line 9',
  ]);
  expect(view).toMatchObject({ removed: 1, added: 1 });
});

test('changes far apart are separate hunks; a missing final newline is not a change to show', () => {
  const ours = lines(30);
  const theirs = [...ours];
  theirs[1] = 'two';
  theirs.splice(25, 1);
  const view = renderDiff(ours.join('\n'), `${theirs.join('\n')}`, labels, undefined, 1);
  expect(view.text.match(/^@@/gm)).toHaveLength(2);
  expect(view.text).not.toContain('No newline');
  expect(view).toMatchObject({ removed: 2, added: 1 });
});

test('in colour: removed lines red, added lines green, context dim', () => {
  const view = renderDiff('a\nb\n', 'a\nc\n', labels, colours);
  expect(view.text).toContain('\u001b[31m-b\u001b[39m');
  expect(view.text).toContain('\u001b[32m+c\u001b[39m');
  expect(view.text).toContain('\u001b[2m a\u001b[22m');
});
