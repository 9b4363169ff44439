import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadKatas } from './manifest.ts';
import { displayWidth } from '../i18n/width.ts';
import { joinWords, plainWords, renderMarkdown, styledWords, wrapWords } from './markdown.ts';
import { colours, plain, stripAnsi } from './style.ts';

test('inline code and bold lose their markup, also nested; links keep their address', () => {
  expect(styledWords('**throws an `Error`:**', plain)).toEqual(['throws', 'an', 'Error:']);
  expect(styledWords('the *output* a, not a * b * c', plain).join(' ')).toBe('the output a, not a * b * c');
  expect(styledWords('Use `x * (1 - x)` on **the output**, see [docs](http://a.b).', plain)).toEqual([
    'Use', 'x', '*', '(1', '-', 'x)', 'on', 'the', 'output,', 'see', 'docs', '(http://a.b).',
  ]);
  expect(styledWords('a `b`c', colours)).toEqual(['a', '\u001b[36mb\u001b[39mc']);
});

test('wrapping counts visible characters, not colour codes', () => {
  const words = styledWords('`aaaa` `bbbb` `cccc`', colours);
  expect(wrapWords(words, 10, '').map(stripAnsi)).toEqual(['aaaa bbbb', 'cccc']);
  expect(wrapWords(['one', 'two', 'three'], 9, '- ', '  ')).toEqual(['- one two', '  three']);
});

test('a statement: headings, re-wrapped paragraphs, verbatim code, lists, aligned tables', () => {
  const md = [
    '# Dense layer',
    '',
    'The forward pass',
    'is an affine map.',
    '',
    '    out = x·w + b      (N×M)',
    '',
    '- **dx** has the shape of x,',
    '  always.',
    '- db sums over the batch',
    '',
    '| name | shape |',
    '| --- | --- |',
    '| `x` | N×D |',
    '| dout | N×M |',
  ].join('\n');
  expect(renderMarkdown(md, plain, 80)).toBe(
    [
      'Dense layer',
      '═══════════',
      '',
      'The forward pass is an affine map.',
      '',
      '    out = x·w + b      (N×M)',
      '',
      '  • dx has the shape of x, always.',
      '  • db sums over the batch',
      '',
      '  name   shape',
      '  ────   ─────',
      '  x      N×D',
      '  dout   N×M',
    ].join('\n'),
  );
});

test('fenced code is kept as it is, blank lines inside indented code too', () => {
  expect(renderMarkdown('```sh\nnpm   start\n```\n\n    a\n\n    b\n\nafter', plain)).toBe('    npm   start\n\n    a\n\n    b\n\nafter');
});

describe('every kata statement and hint file', () => {
  for (const kata of loadKatas()) {
    test(`${kata.slug} renders within 72 columns, except code and tables`, () => {
      for (const file of [...Object.values(kata.readmePaths), ...Object.values(kata.hintsPaths)]) {
        if (!existsSync(file)) continue; // test/languages.test.ts says which translations are missing
        const source = readFileSync(file, 'utf8');
        const rendered = renderMarkdown(source, colours, 72);
        const prose = stripAnsi(rendered)
          .split('\n')
          .filter((line) => !line.startsWith('    ') && !/\S {3,}\S/.test(line));
        for (const line of prose) {
          // A single word longer than the width (a long path) cannot be wrapped.
          if (!line.trim().includes(' ') && displayWidth(line) === [...line].length) continue;
          expect(displayWidth(line), `${file}: "${line}"`).toBeLessThanOrEqual(72);
        }
        for (const line of prose) expect(line, `${file}: markup left`).not.toMatch(/\*\*|`/);
      }
    });
  }
});

test('Chinese wraps between characters, never before closing punctuation, and keeps its spaces beside English', () => {
  const text = '反向传播（backpropagation）用链式法则计算梯度。对全连接层，dX、dW 和 db 的形状由 x、w、b 决定。';
  const lines = renderMarkdown(text, plain, 20).split('\n');
  for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(20);
  for (const line of lines) expect(line).not.toMatch(/^[，。、）]/);
  expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  expect(joinWords(plainWords('使用 Adam 优化器训练'))).toBe('使用 Adam 优化器训练');
  expect(renderMarkdown('第一行\n第二行 and\nmore', plain)).toBe('第一行第二行 and more');
});
