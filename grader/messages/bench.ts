/**
 * What `npm run bench` prints, in English and 简体中文: the usage, what is being measured, the
 * side-by-side table of the training epoch, and the grading speed of `--grading`
 * (grader/commands/bench.ts, bench-grading.ts, solutions/train/bench.ts).
 */
import { defineMessages } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  usage: `Usage: npm run bench [-- options]
Times one epoch of the default recipe (784-128-128-10, ReLU, softmax cross-entropy, Adam lr 1e-3,
batch 32, all 60,000 training images) with the reference trainer, side by side with a
straightforward TypeScript baseline and, when python3 has numpy, the same epoch in NumPy float64.

  --json                  print the numbers as JSON (epochSeconds, samplesPerSecond, gflopsPerSecond,
                          baselineEpochSeconds, testAccuracy, numpyEpochSeconds when measured)
  --baseline-images N     images the baseline trains on before its time is scaled up (default 3200)
  --no-numpy              skip the NumPy epoch (it runs with one BLAS thread, like the trainer,
                          unless OPENBLAS_NUM_THREADS says otherwise)
  --no-cnn                skip the CNN: by default the default --arch cnn network (conv 8-16 → 784-10)
                          also trains --cnn-batches batches (default 200) with the reference
                          convolution (im2col over the matrix kernels), the same with the batch
                          split over two threads, and --cnn-baseline-batches (default 20) with a
                          direct-loop convolution, each scaled to an epoch
  --cnn-batches N         batches of the CNN with the reference convolution
  --cnn-baseline-batches N  batches of the CNN with the direct-loop convolution
  --grading               instead: how fast a grade answers, cold (npm run grade -- sigmoid) and
                          warm (save → scorecard in watch mode), against a bare tsx start
  --runs N                with --grading: the median of N runs (default 5)
  -h, --help              this text`,
  mustBeWholeAtLeastOne: (option: string, text: string) => `--${option} must be a whole number ≥ 1, got "${text}"`,

  // What is being measured (solutions/train/bench.ts).
  statusReference: (images: string) => `Reference trainer: one epoch of ${images} images…`,
  statusBaseline: (images: string, all: string) => `Baseline (textbook triple loops): ${images} images, scaled up to ${all}…`,
  statusNumpy: 'NumPy float64 (scripts/numpy-epoch.py), if python3 has numpy…',
  numpyNotAsked: 'not asked for (--no-numpy)',
  statusCnn: (layers: string, images: string, all: string) => `CNN (${layers}), reference convolution: ${images} images, scaled up to ${all}…`,
  statusCnnThreads: (images: string, all: string) => `CNN, the batch split over two threads: ${images} images, scaled up to ${all}…`,
  cnnTwoThreads: 'the same, batch split over 2 threads',
  statusCnnBaseline: (images: string, all: string) => `CNN, direct-loop convolution: ${images} images, scaled up to ${all}…`,
  cnnNotAsked: 'not asked for (--no-cnn)',
  noPython: (python: string) => `no ${python} on this machine`,
  failed: (what: string, why: string) => `${what} failed: ${why}`,
  noNumpy: (python: string) => `${python} has no numpy`,
  exitCode: (code: string) => `exit code ${code}`,

  // The epoch table (grader/commands/bench.ts).
  referenceTrainer: 'reference trainer (TypeScript)',
  baseline: 'straightforward baseline',
  numpyRun: (version: string) => `NumPy ${version} float64`,
  kernelsNote: (kernels: string) => `matrix products: ${kernels} kernels`,
  baselineNote: (images: string, seconds: string) => `measured on ${images} images in ${seconds} s, scaled up`,
  numpyNote: (threads: string, accuracy: string) => `BLAS threads: ${threads}; test accuracy ${accuracy}`,
  secondsPerEpoch: 's/epoch',
  samplesPerSecond: 'samples/s',
  gflops: 'GFLOP/s',
  timeRatio: 'time ÷ reference',
  rowNote: (note: string) => `  (${note})`,
  tableTitle: (images: string) => `One epoch of the default recipe (784-128-128-10, ReLU, softmax, Adam, batch 32) on ${images} images:`,
  numpySkipped: (why: string) => `  NumPy: skipped, ${why}`,
  testAccuracy: (accuracy: string) => `  test accuracy after that one epoch: ${accuracy}`,
  cnnTitle: (layers: string, images: string) =>
    `One epoch of the default CNN (${layers}, ReLU, max pool 2, softmax, Adam, batch 32) on ${images} images, scaled up from a number of batches:`,
  cnnReference: 'reference trainer (im2col + matrix kernels)',
  cnnBaseline: 'direct-loop convolution',
  cnnSkipped: (why: string) => `  CNN: skipped, ${why}`,
  cnnGflopsNote: (gflop: string) => `  GFLOP/s: the ${gflop} GFLOP of an epoch's convolutions and dense products counted densely, per second.`,
  gflopsNote: (gflop: string) =>
    `  GFLOP/s: the ${gflop} GFLOP of an epoch's matrix products counted densely (forward, dW, and dx but the first layer's), per second.`,

  // Grading speed (grader/commands/bench-grading.ts).
  withinTarget: (target: string) => `within the target of ${target} s`,
  overTarget: (target: string) => `over the target of ${target} s`,
  timesBaseline: (ratio: string) => `${ratio}× the baseline`,
  gradingTitle: (runs: number, cores: number) => `Grading speed, median of ${runs} runs on ${cores} cores (the sigmoid kata, every check):`,
  cold: 'cold: npm run grade -- sigmoid',
  warm: 'warm: save → scorecard in watch',
  bareStart: 'baseline: a bare node --import tsx',
  seconds: (seconds: string) => `${seconds} s`,
  idleMachine: 'Timings vary with the load of the machine: measure on an idle one.',
};

export const benchText = defineMessages('bench', {
  en,
  'zh-CN': {
    usage: `用法：npm run bench [-- 选项]
用参考训练器按默认配方（784-128-128-10，ReLU，softmax 交叉熵，Adam lr 1e-3，批量大小 32，全部 60,000 张训练图像）训练一轮并计时，与一个朴素的 TypeScript 基线实现并排比较；如果 python3 装有 numpy，还会用 NumPy float64 训练同样的一轮来对比。

  --json                  以 JSON 输出各项数值（epochSeconds、samplesPerSecond、gflopsPerSecond、
                          baselineEpochSeconds、testAccuracy，测了 NumPy 时还有 numpyEpochSeconds）
  --baseline-images N     基线先训练多少张图像，再按比例推算整轮的时间（默认 3200）
  --no-numpy              跳过 NumPy 那一轮（它和训练器一样只用一个 BLAS 线程，
                          除非 OPENBLAS_NUM_THREADS 另有设置）
  --no-cnn                跳过 CNN：默认还会用 --arch cnn 的默认网络（卷积 8-16 → 784-10）训练
                          --cnn-batches 个批次（默认 200，参考卷积：im2col 加矩阵乘法内核），再把同样的批次拆给
                          两个线程训练一遍，以及 --cnn-baseline-batches 个批次（默认 20，直接用循环写的卷积），
                          各自按比例推算到一轮
  --cnn-batches N         用参考卷积训练 CNN 的批次数
  --cnn-baseline-batches N  用循环卷积训练 CNN 的批次数
  --grading               改为测量评测的响应速度：冷启动（npm run grade -- sigmoid）和
                          热启动（监视模式下从保存文件到出成绩单），并与裸 tsx 启动对比
  --runs N                配合 --grading：取 N 次运行的中位数（默认 5）
  -h, --help              显示本说明`,
    mustBeWholeAtLeastOne: (option, text) => `--${option} 必须是 ≥ 1 的整数，收到的是“${text}”`,

    statusReference: (images) => `参考训练器：在 ${images} 张图像上训练一轮……`,
    statusBaseline: (images, all) => `基线（教科书式的三重循环）：训练 ${images} 张图像，再按比例推算到 ${all} 张……`,
    statusNumpy: 'NumPy float64（scripts/numpy-epoch.py），如果 python3 装有 numpy……',
    numpyNotAsked: '未要求运行（--no-numpy）',
    statusCnn: (layers, images, all) => `CNN（${layers}），参考卷积：训练 ${images} 张图像，再按比例推算到 ${all} 张……`,
    statusCnnThreads: (images, all) => `CNN，批量拆给两个线程：训练 ${images} 张图像，再按比例推算到 ${all} 张……`,
    cnnTwoThreads: '同上，批量拆给 2 个线程',
    statusCnnBaseline: (images, all) => `CNN，循环卷积：训练 ${images} 张图像，再按比例推算到 ${all} 张……`,
    cnnNotAsked: '未要求运行（--no-cnn）',
    noPython: (python) => `这台机器上没有 ${python}`,
    failed: (what, why) => `${what} 运行失败：${why}`,
    noNumpy: (python) => `${python} 没有安装 numpy`,
    exitCode: (code) => `退出码 ${code}`,

    referenceTrainer: '参考训练器（TypeScript）',
    baseline: '朴素基线',
    numpyRun: (version) => `NumPy ${version} float64`,
    kernelsNote: (kernels) => `矩阵乘法：${kernels} 内核`,
    baselineNote: (images, seconds) => `在 ${images} 张图像上测得 ${seconds} 秒，按比例推算`,
    numpyNote: (threads, accuracy) => `BLAS 线程数：${threads}；测试集准确率 ${accuracy}`,
    secondsPerEpoch: '秒/轮',
    samplesPerSecond: '样本/秒',
    gflops: 'GFLOP/s',
    timeRatio: '耗时 ÷ 参考',
    rowNote: (note) => `  （${note}）`,
    tableTitle: (images) => `默认配方（784-128-128-10，ReLU，softmax，Adam，批量大小 32）在 ${images} 张图像上训练一轮：`,
    numpySkipped: (why) => `  NumPy：已跳过，${why}`,
    testAccuracy: (accuracy) => `  这一轮之后的测试集准确率：${accuracy}`,
    cnnTitle: (layers, images) => `默认 CNN（${layers}，ReLU，最大池化 2，softmax，Adam，批量大小 32）在 ${images} 张图像上训练一轮，由若干批次按比例推算：`,
    cnnReference: '参考训练器（im2col + 矩阵乘法内核）',
    cnnBaseline: '循环卷积',
    cnnSkipped: (why) => `  CNN：已跳过，${why}`,
    cnnGflopsNote: (gflop) => `  GFLOP/s：一轮中卷积和全连接层乘法的浮点运算量（${gflop} GFLOP，按稠密计算）除以用时（秒）。`,
    gflopsNote: (gflop) =>
      `  GFLOP/s：一轮中矩阵乘法的浮点运算量（${gflop} GFLOP，按稠密计算：前向传播、dW，以及除第一层外的 dx）除以用时（秒）。`,

    withinTarget: (target) => `在目标 ${target} 秒以内`,
    overTarget: (target) => `超出目标 ${target} 秒`,
    timesBaseline: (ratio) => `基线的 ${ratio} 倍`,
    gradingTitle: (runs, cores) => `评测速度：${cores} 核机器上 ${runs} 次运行的中位数（sigmoid 这道题，全部检查项）：`,
    cold: '冷启动：npm run grade -- sigmoid',
    warm: '热启动：监视模式下保存 → 成绩单',
    bareStart: '基线：裸 node --import tsx',
    seconds: (seconds) => `${seconds} 秒`,
    idleMachine: '计时会随机器负载变化：请在空闲的机器上测量。',
  },
});
