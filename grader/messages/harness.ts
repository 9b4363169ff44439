/**
 * The harness's failure messages (grader/harness/): expected vs got, shapes, gradient checks,
 * properties, unchanged inputs, thrown errors, large results, trajectories and classifiers.
 * They are built in the grading child, which speaks the learner's language. The names and
 * hints a spec passes (`dx`, `N×D`) are placed in them as they are.
 */
import { defineMessages } from '../i18n/messages.ts';

export const harness = defineMessages('harness', {
  en: {
    // format.ts: what a value is.
    aFloat64Array: (n: number) => `a Float64Array of ${n} entries`,
    anArray: (n: number) => `an array of ${n} entries`,
    aMatrix: (rows: number, cols: number) => `a ${rows}×${cols} matrix`,
    anObject: (keys: string) => `an object with keys ${keys}`,
    noKeys: '(none)',
    hint: (hint: string) => ` (${hint})`,

    // assert.ts
    readEverythingFromCache: 'Read everything from the cache argument.',
    cacheOverwritten: (forward: string, backward: string, name: string, at: string, was: string, now: string, advice: string) =>
      `after another ${forward} call, ${backward} gave a different ${name} for the same cache (${at} was ${was}, now ${now}). ${advice}`,
    shouldBeNumber: (name: string, it: string) => `${name} should be a number, but it is ${it}.`,
    isNaN: (name: string, expected: string) => `${name} is NaN; expected ${expected}.`,
    numberOff: (name: string, expected: string, got: string, error: string) =>
      `${name}: expected ${expected}, got ${got} (relative error ${error}).`,
    shouldBeMatrix: (name: string, shape: string, hint: string, it: string) =>
      `${name} should be a ${shape}${hint} Matrix { rows, cols, data: Float64Array }, but it is ${it}.`,
    wrongShape: (name: string, got: string, expected: string, hint: string) => `${name} has shape ${got}, expected ${expected}${hint}.`,
    looksTransposed: ' It looks transposed.',
    shouldBeVector: (name: string, n: number, hint: string, it: string) =>
      `${name} should be a Float64Array of ${n} entries${hint}, but it is ${it}.`,
    wrongLength: (name: string, got: number, expected: number, hint: string) => `${name} has ${got} entries, expected ${expected}${hint}.`,
    notFinite: (where: string, got: string, expected: string) =>
      `${where} is ${got}; expected ${expected}. Look for an overflow (exp of a large number) or a division by zero.`,
    entriesDiffer: (where: string, expected: string, got: string, bad: number, total: number, error: string) =>
      `${where}: expected ${expected}, got ${got} (${bad} of ${total} entries differ; worst relative error ${error}).`,
    modifiedInput: (by: string, name: string, where: string, before: string, now: string) =>
      `${by} modified its input ${name}: ${where} was ${before} and is now ${now}. ` +
      'Compute into a new matrix instead of writing into an input.',
    mustExport: (file: string, name: string, it: string) =>
      `${file} must export a function named ${name}, but ${name} is ${it}. Did you rename or remove it?`,
    shouldThrow: (what: string) => `${what} should throw an Error, but it returned normally.`,
    threwNonError: (what: string, it: string) => `${what} should throw an Error, but it threw ${it}.`,
    quoted: (text: string) => `"${text}"`,
    and: ' and ',
    messageShouldName: (what: string, message: string, names: string) => `${what} threw "${message}", but the message should name ${names}.`,

    // gradcheck.ts
    gradientEntriesMatrix: (name: string, rows: number, cols: number, n: number, length: number) =>
      `${name} has ${rows}×${cols} = ${n} entries, but its input has ${length}.`,
    gradientEntries: (name: string, n: number, length: number) => `${name} has ${n} entries, but its input has ${length}.`,
    gradientKind: (name: string, it: string) => `${name} should be a Matrix or Float64Array, but it is ${it}.`,
    projectSizes: (out: number, dout: number) => `the output has ${out} entries, but dout has ${dout}.`,
    gradientsDiffer: (what: string, where: string, analytic: string, numeric: string, error: string, bad: number, checked: number) =>
      `${what}: ${where} is ${analytic} from your backward, but finite differences give ${numeric} ` +
      `(relative error ${error}; ${bad} of ${checked} entries off).`,

    // fixtures.ts: a fixture file of the course that cannot be read as one.
    fixtureShape: (path: string) => `${path}: expected { kata, provenance, cases: [...] } with at least one case`,
    fixtureDuplicate: (path: string, id: string) => `${path}: case id "${id}" appears twice`,

    // large.ts
    sampledShouldBeMatrix: (name: string, rows: number, cols: number, hint: string, it: string) =>
      `${name} should be a ${rows}×${cols} Matrix (${hint}), but it is ${it}.`,
    sampledWrongShape: (name: string, got: string, rows: number, cols: number, hint: string) =>
      `${name} has shape ${got}, expected ${rows}×${cols} (${hint}).`,
    wrongFromRow: (lastRight: number, firstBad: number, rows: number) =>
      ` Every checked entry in rows 0–${lastRight} is right; the wrong ones start at row ${firstBad} of ${rows}. ` +
      'A result that is right for the first rows and wrong beyond them comes from a loop bound or a batch size written ' +
      'into the code instead of the actual number of rows.',
    sampledDiffer: (where: string, expected: string, got: string, bad: number, sampled: number, shape: string, error: string) =>
      `${where}: expected ${expected}, got ${got} (${bad} of the ${sampled} checked entries ` +
      `of this ${shape} result differ; worst relative error ${error}).`,

    // optimizer.ts: where in a trajectory.
    afterStep: (step: number) => `after step ${step}`,
    afterStepWithLr: (step: number, lr: number) => `after step ${step} (run with optimizer.lr = ${lr})`,
    stepParam: (when: string, i: number) => `${when}, params[${i}]`,

    // properties.ts
    propertyFails: (name: string, example: string, reason: string) => `${name} does not hold for ${example}: ${reason}`,
    noCounterexample: '(no counterexample)',

    // classification.ts: what a failing classifier's predictions say.
    constantPrediction: (digit: number) =>
      `Every image was classified as ${digit}: the network did not learn from the pixels. Check that the weights start random (zeros never break the symmetry) and that the gradients reach the hidden layers.`,
    lossNotFinite: (last: string) =>
      `The training loss became ${last}: look for an overflow (softmax without subtracting the max) or exploding weights.`,
    lossFlat: (first: string, last: string) =>
      `The training loss hardly moved (${first} → ${last}): the steps are far too small (check the learning rate) or the updates do not reach the weights.`,
    lossWent: (first: string, last: string, digits: number) => `The training loss went ${first} → ${last}; ${digits} different digits were predicted.`,
    digitsPredicted: (digits: number) => `${digits} different digits were predicted.`,
  },
  'zh-CN': {
    readEverythingFromCache: '所有东西都要从 cache 参数中读取。',
    cacheOverwritten: (forward: string, backward: string, name: string, at: string, was: string, now: string, advice: string) =>
      `又调用一次 ${forward} 之后，对同一个缓存，${backward} 给出了不同的 ${name}（${at} 原来是 ${was}，现在是 ${now}）。${advice}`,
    aFloat64Array: (n) => `长度为 ${n} 的 Float64Array`,
    anArray: (n) => `长度为 ${n} 的数组`,
    aMatrix: (rows, cols) => `${rows}×${cols} 的矩阵`,
    anObject: (keys) => `一个对象（键为 ${keys}）`,
    noKeys: '（无）',
    hint: (hint) => `（${hint}）`,

    shouldBeNumber: (name, it) => `${name} 应当是一个数，但它是 ${it}。`,
    isNaN: (name, expected) => `${name} 是 NaN，应为 ${expected}。`,
    numberOff: (name, expected, got, error) => `${name}：应为 ${expected}，实际为 ${got}（相对误差 ${error}）。`,
    shouldBeMatrix: (name, shape, hint, it) => `${name} 应当是 ${shape}${hint} 的 Matrix { rows, cols, data: Float64Array }，但它是 ${it}。`,
    wrongShape: (name, got, expected, hint) => `${name} 的形状是 ${got}，应为 ${expected}${hint}。`,
    looksTransposed: '看起来是转置了。',
    shouldBeVector: (name, n, hint, it) => `${name} 应当是长度为 ${n}${hint} 的 Float64Array，但它是 ${it}。`,
    wrongLength: (name, got, expected, hint) => `${name} 有 ${got} 个元素，应为 ${expected} 个${hint}。`,
    notFinite: (where, got, expected) => `${where} 是 ${got}，应为 ${expected}。请检查是否有上溢（对很大的数取 exp）或除以零。`,
    entriesDiffer: (where, expected, got, bad, total, error) =>
      `${where}：应为 ${expected}，实际为 ${got}（${total} 个元素中有 ${bad} 个不一致；最大相对误差 ${error}）。`,
    modifiedInput: (by, name, where, before, now) =>
      `${by} 修改了它的输入 ${name}：${where} 原来是 ${before}，现在是 ${now}。请把结果写进一个新矩阵，不要写入输入。`,
    mustExport: (file, name, it) => `${file} 必须导出名为 ${name} 的函数，但 ${name} 是 ${it}。你是不是把它改名或删掉了？`,
    shouldThrow: (what) => `${what} 应当抛出一个 Error，但它正常返回了。`,
    threwNonError: (what, it) => `${what} 应当抛出一个 Error，但它抛出的是 ${it}。`,
    quoted: (text) => `“${text}”`,
    and: '和',
    messageShouldName: (what, message, names) => `${what} 抛出了“${message}”，但错误信息中应当提到 ${names}。`,

    gradientEntriesMatrix: (name, rows, cols, n, length) => `${name} 有 ${rows}×${cols} = ${n} 个元素，但对应的输入有 ${length} 个。`,
    gradientEntries: (name, n, length) => `${name} 有 ${n} 个元素，但对应的输入有 ${length} 个。`,
    gradientKind: (name, it) => `${name} 应当是 Matrix 或 Float64Array，但它是 ${it}。`,
    projectSizes: (out, dout) => `输出有 ${out} 个元素，但 dout 有 ${dout} 个。`,
    gradientsDiffer: (what, where, analytic, numeric, error, bad, checked) =>
      `${what}：你的反向传播算出 ${where} 为 ${analytic}，而有限差分给出 ${numeric}` +
      `（相对误差 ${error}；${checked} 个元素中有 ${bad} 个不一致）。`,

    fixtureShape: (path) => `${path}：应为 { kata, provenance, cases: [...] }，且至少有一个用例`,
    fixtureDuplicate: (path, id) => `${path}：用例 id “${id}”出现了两次`,

    sampledShouldBeMatrix: (name, rows, cols, hint, it) => `${name} 应当是 ${rows}×${cols} 的 Matrix（${hint}），但它是 ${it}。`,
    sampledWrongShape: (name, got, rows, cols, hint) => `${name} 的形状是 ${got}，应为 ${rows}×${cols}（${hint}）。`,
    wrongFromRow: (lastRight, firstBad, rows) =>
      `第 0–${lastRight} 行中抽查的元素全都正确；错误从第 ${firstBad} 行开始（共 ${rows} 行）。` +
      '前几行正确、后面的行出错，说明代码里写死了循环上界或批量大小，而没有使用实际的行数。',
    sampledDiffer: (where, expected, got, bad, sampled, shape, error) =>
      `${where}：应为 ${expected}，实际为 ${got}（这个 ${shape} 的结果中抽查了 ${sampled} 个元素，` +
      `其中 ${bad} 个不一致；最大相对误差 ${error}）。`,

    afterStep: (step) => `第 ${step} 步之后`,
    afterStepWithLr: (step, lr) => `第 ${step} 步之后（运行时 optimizer.lr = ${lr}）`,
    stepParam: (when, i) => `${when}，params[${i}]`,

    propertyFails: (name, example, reason) => `${name} 对 ${example} 不成立：${reason}`,
    noCounterexample: '（没有反例）',

    constantPrediction: (digit) =>
      `所有图像都被分类为 ${digit}：网络没有从像素中学到东西。请检查权重是否随机初始化（全零初始化永远无法打破对称性），以及梯度是否传到了隐藏层。`,
    lossNotFinite: (last) => `训练损失变成了 ${last}：请检查是否有上溢（softmax 没有先减去最大值）或权重爆炸。`,
    lossFlat: (first, last) => `训练损失几乎没有变化（${first} → ${last}）：步长太小（检查学习率），或者更新没有作用到权重上。`,
    lossWent: (first, last, digits) => `训练损失从 ${first} 变为 ${last}；共预测出 ${digits} 种不同的数字。`,
    digitsPredicted: (digits) => `共预测出 ${digits} 种不同的数字。`,
  },
});
