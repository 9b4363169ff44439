import { expect, test } from 'vitest';
import { kataRows, progressSummary, renderCourse } from './course-view.ts';
import type { Kata } from './manifest.ts';
import { emptyProgress, recordGrade, recordHints } from './progress.ts';

const kata = (order: number, slug: string, title: string, difficulty: Kata['difficulty'], minutes: number): Kata =>
  ({ order, slug, title, difficulty, minutes }) as Kata;
const course = [
  kata(1, 'sigmoid-derivative', 'Sigmoid and its derivative', 'easy', 15),
  kata(2, 'dense-backward', 'Dense layer backward', 'medium', 30),
  kata(3, 'adam', 'Adam', 'hard', 45),
];
const at = '2025-01-01T00:00:00.000Z';
let progress = recordGrade(emptyProgress(), 'sigmoid-derivative', { status: 'passed', passed: 32, total: 32, at });
progress = recordGrade(progress, 'dense-backward', { status: 'failed', passed: 12, total: 15, at });
progress = recordHints(progress, 'dense-backward', 2);

test('one aligned row per kata: mark, order, title, difficulty, minutes, status', () => {
  expect(kataRows(course, progress)).toEqual([
    '✓ 1. Sigmoid and its derivative  easy    15 min  solved',
    '◐ 2. Dense layer backward        medium  30 min  attempted · best 12/15 checks · 2 hints seen',
    '○ 3. Adam                        hard    45 min  new',
  ]);
});

test('the summary counts solved and attempted katas', () => {
  expect(progressSummary(course, progress)).toBe('1 of 3 katas solved · 1 attempted');
  expect(progressSummary(course, emptyProgress())).toBe('0 of 3 katas solved');
});

test('without a terminal: the course with the names commands take, and the commands', () => {
  const text = renderCourse(course, progress);
  expect(text).toContain('backprop-katas: 1 of 3 katas solved · 1 attempted');
  expect(text).toContain('  ✓ 1. sigmoid-derivative   Sigmoid and its derivative  easy    15 min  solved');
  for (const command of ['grade', 'watch', 'hint', 'compare', 'reset']) expect(text).toContain(`npm run ${command} -- <kata>`);
  expect(text).toContain('Run npm start in a terminal for the interactive menu.');
});

test('in Chinese the columns align by display width (a Chinese character takes two columns), and the words are translated', async () => {
  const { loadKatas } = await import('./manifest.ts');
  const { setLanguage } = await import('../i18n/language.ts');
  const { displayWidth } = await import('../i18n/width.ts');
  setLanguage('zh-CN');
  try {
    const katas = loadKatas();
    for (const rows of [kataRows(katas, progress), kataRows(katas, progress, undefined, true)]) {
      // Where the difficulty, the minutes and the status start, in terminal columns.
      const columnsOf = (row: string) => {
        const at = (pattern: RegExp) => displayWidth(row.slice(0, row.search(pattern)));
        return [at(/ (简单|中等|困难) /), at(/\d+ 分钟/), at(/ (未开始|尝试中|已解决)/)];
      };
      const columns = rows.map(columnsOf);
      for (const c of columns) expect(c.every((x) => x > 0)).toBe(true);
      expect(new Set(columns.map((c) => c.join())).size).toBe(1);
      // .length would not do: the titles differ in characters and in columns.
      expect(new Set(rows.map((row) => row.search(/ (简单|中等|困难) /))).size).toBeGreaterThan(1);
    }
    expect(progressSummary(katas, emptyProgress())).toBe(`已解决 0/${katas.length} 道题`);
    expect(renderCourse(katas, emptyProgress())).toContain('在终端里运行 npm start');
  } finally {
    setLanguage('en');
  }
});
