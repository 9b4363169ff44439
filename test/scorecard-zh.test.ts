/**
 * Grading in Chinese, end to end: a catalogued mistake graded with the language set to zh-CN
 * gives a Chinese scorecard (verdict, categories, the harness's failure messages, the likely
 * mistake's label, the summary line) whose columns line up by display width, and none of the
 * grader's own English. The kata spec's own sentences (check names, its hints) are the specs'
 * to translate, so they are left out of the English search.
 */
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { kataBySlug } from '../grader/core/manifest.ts';
import type { KataReport } from '../grader/core/report.ts';
import { renderReport, renderSummary } from '../grader/core/scorecard.ts';
import { expectMatrixClose, expectGradientsMatch, expectThrowsMentioning } from '../grader/harness/index.ts';
import { matrix } from '../katas/lib/matrix.ts';
import { setLanguage } from '../grader/i18n/language.ts';
import { displayWidth } from '../grader/i18n/width.ts';
import { englishProse } from './i18n-lint.ts';

beforeAll(() => setLanguage('zh-CN'));
afterAll(() => setLanguage('en'));

/** The message a check fails with. */
function failureOf(check: () => void): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the check passed');
}

describe('grading in Chinese', () => {
  let report: KataReport;
  beforeAll(async () => {
    const kata = kataBySlug('dense-backward');
    const path = join(dirname(kata.solutionPath), 'mistakes', 'gradients-negated.ts');
    report = await gradeKata(kata, { kind: 'file', path });
  });

  test('a wrong dense layer: the verdict, the categories and the harness messages are Chinese, the counts aligned', () => {
    expect(report.status).toBe('failed');
    const card = renderReport(report);
    const lines = card.split('\n');
    expect(lines[0]).toMatch(/^✗ dense-backward {2}.+：尚未通过( {2}|$)/);
    for (const category of ['接口规格', '基准数据', '梯度检验', '性质']) expect(card).toContain(category);
    // The harness's own sentences: expected vs got, and the gradient check.
    expect(card).toMatch(/：应为 -?[\d.]+，实际为 -?[\d.]+（\d+ 个元素中有 \d+ 个不一致；最大相对误差/);
    expect(card.replace(/\n\s*/g, '')).toMatch(/你的反向传播算出 \S+ 为 \S+，而有限差分给出/);
    expect(card).toMatch(/\n  可能的错误：\S/);

    // The passed/total column starts at the same display column on every category line.
    const categoryLines = lines.filter((l) => /^ {4}[✓✗] /.test(l) && /\d+\/\d+/.test(l));
    expect(categoryLines.length).toBeGreaterThanOrEqual(4);
    const slashColumns = categoryLines.map((l) => displayWidth(l.slice(0, l.search(/\d+\/\d+/) + /\d+\//.exec(l.slice(l.search(/\d+\/\d+/)))![0].length)));
    expect(new Set(slashColumns).size, categoryLines.join('\n')).toBe(1);

    // No English of the grader's: the card without the spec's check names and without the
    // catalogued mistake's own title and explanation (each translated by its kata).
    const own = renderReport({ ...report, likelyMistakes: [] })
      .split('\n')
      .map((l) => (/^ {4}[✓✗] /.test(l) ? l.replace(/(\d+\/\d+).*$/, '$1') : l))
      .join('\n');
    expect(englishProse(own), own).toBeUndefined();
  });

  test('the summary line', () => {
    const summary = renderSummary([report], 8.5);
    expect(summary).toContain('1 道题中 0 道通过 · 1 道尚未通过');
    expect(englishProse(summary)).toBeUndefined();
  });
});

describe('harness messages in Chinese', () => {
  test('a transposed matrix', () => {
    const message = failureOf(() => expectMatrixClose('dw', matrix(2, 3), matrix(3, 2), { shapeHint: 'D×M' }));
    expect(message).toBe('dw 的形状是 2×3，应为 3×2（D×M）。看起来是转置了。');
  });

  test('a gradient check', () => {
    const x = Float64Array.from([1, 2]);
    const message = failureOf(() => expectGradientsMatch('f', () => x[0] * x[0] + x[1], [{ name: 'dx', value: x, analytic: Float64Array.from([2, 3]) }]));
    expect(message).toBe('f：你的反向传播算出 dx[1] 为 3，而有限差分给出 1（相对误差 5.0e-1；2 个元素中有 1 个不一致）。');
  });

  test('an error that should name its values', () => {
    const message = failureOf(() =>
      expectThrowsMentioning('matmul(a, b)', () => {
        throw new Error('bad');
      }, ['2×3', '4×5']),
    );
    expect(message).toBe('matmul(a, b) 抛出了“bad”，但错误信息中应当提到 “2×3”和“4×5”。');
    expect(englishProse(message)).toBeUndefined();
  });
});
