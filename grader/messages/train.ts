/**
 * What `npm run train` prints, in English and 简体中文: the usage, option errors, the blocks
 * that cannot be used yet, the progress and epoch lines, the results, and the errors of a saved
 * model file (grader/commands/train.ts, grader/core/train-view.ts, solutions/train/).
 */
import { defineMessages, plural } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  usage: (
    epochs: number,
    stepSize: number,
    batchSize: number,
    lrDefaults: string,
    activations: string,
    activation: string,
    optimizers: string,
    optimizer: string,
    momentum: number,
    seed: number,
    norms: string,
    schedules: string,
    schedule: string,
    gamma: number,
    warmupEpochs: number,
    cnnChannels: string,
    cnnHidden: string,
    cnnDropout: number,
    cnnEpochs: number,
    cnnStepSize: number,
    cnnThreads: number,
    lstmHidden: number,
    lstmEpochs: number,
    lstmStepSize: number,
    lstmThreads: number,
  ) => `Usage: npm run train [-- options]
Trains an MNIST classifier built from the reference solutions (or your katas) and reports its
accuracy on the 10,000 official test images. The default recipe: 784-128-128-10, ReLU, softmax
cross-entropy, Adam lr 1e-3, batch 32, ${epochs} epochs, with the learning rate multiplied by
${gamma} after ${stepSize} epochs (a step schedule). Each choice is built from the kata that teaches it.

  --epochs N              passes over the training images (default ${epochs})
  --batch-size N          images per step (default ${batchSize})
  --lr X                  learning rate (default ${lrDefaults})
  --lr-schedule S         ${schedules} (default ${schedule}; the lr-schedules kata)
  --step-size N           epochs between two steps of the step schedule (default ${stepSize})
  --gamma X               the step and exponential schedules' factor (default ${gamma})
  --warmup-epochs N       warmup-cosine's linear warmup, in epochs (default ${warmupEpochs})
  --arch A                mlp (default), cnn or lstm. cnn: conv 3×3 → activation → max pool 2, once per
                          --channels entry, then the dense layers (the conv2d-backward kata; default for cnn:
                          --channels ${cnnChannels} --hidden ${cnnHidden} --dropout ${cnnDropout} --epochs ${cnnEpochs} --step-size ${cnnStepSize} --threads ${cnnThreads}).
                          lstm: an LSTM reads the image row by row (28 steps of 28 pixels), its last hidden
                          state goes to the output layer (the lstm-backward kata; --hidden H is its hidden
                          size; default for lstm: --hidden ${lstmHidden} --epochs ${lstmEpochs} --step-size ${lstmStepSize} --threads ${lstmThreads};
                          --activation, --norm and --dropout do not apply)
  --channels 8,16         with --arch cnn: the filters of each convolution block, comma-separated
                          (--hidden, --norm and --dropout apply to its dense layers)
  --hidden 128,128        hidden layer widths, comma-separated ("" for none)
  --activation A          ${activations} for the hidden layers (default ${activation})
  --norm N                ${norms} before each hidden activation (default none)
  --batchnorm             the same as --norm batchnorm
  --dropout P             inverted dropout after each hidden activation, P the probability of dropping (default 0)
  --clip-norm N           clip the gradients to a total L2 norm of N before each step (default 0: none; the rnn-backward kata)
  --optimizer O           ${optimizers} (default ${optimizer}; sgd is momentum 0)
  --momentum X            μ for --optimizer momentum (default ${momentum})
  --seed N                fixes the initial weights, the shuffling and dropout (default ${seed})
  --threads N             1, or 2: a worker thread takes half of every batch (default 1; 2 for cnn and lstm)
  --limit N               train on the first N training images only, for a quick try
  --use katas             build the network from your own kata files instead of the reference
  --save FILE             save the trained model, e.g. models/mnist.json
  --load FILE             evaluate a saved model instead of training
  -h, --help              this text`,
  /** Between the items of a list of values: "sgd, momentum, adam". */
  listSeparator: ', ',
  /** Between the names a module lacks: "denseForward and denseBackward". */
  andSeparator: ' and ',

  // Option errors.
  mustBeNumber: (option: string, text: string) => `--${option} must be a number, got "${text}"`,
  mustBeOneOfQuoted: (option: string, allowed: string, text: string) => `--${option} must be one of ${allowed}, got "${text}"`,
  mustBeOneOf: (option: string, allowed: string, value: string) => `--${option} must be one of ${allowed}, got ${value}`,
  mustBeWholeAtLeast: (option: string, min: number, value: string) => `--${option} must be a whole number ≥ ${min}, got ${value}`,
  warmupRange: (value: number, epochs: number) => `--warmup-epochs must be a whole number from 0 to --epochs (${epochs}), got ${value}`,
  gammaRange: (value: number) => `--gamma must be in (0, 1], got ${value}`,
  dropoutRange: (value: number) => `--dropout must be in [0, 1), got ${value}`,
  clipNormRange: (value: number) => `--clip-norm must be a number ≥ 0 (0: no clipping), got ${value}`,
  clippedAt: (norm: number) => `gradients clipped to norm ${norm}`,
  seedMustBeWhole: (value: number) => `--seed must be a whole number, got ${value}`,
  lrMustBePositive: (value: number) => `--lr must be a number > 0, got ${value}`,
  momentumRange: (value: number) => `--momentum must be in [0, 1), got ${value}`,
  layerSizes: (sizes: string) => `the layer sizes must be whole numbers ≥ 1, got ${sizes}`,
  channelsInvalid: (channels: string, max: number) =>
    `--channels must be 1 to ${max} whole numbers ≥ 1, comma-separated (each block halves the image), got "${channels}"`,
  threadsRange: (value: string) => `--threads must be 1 or 2, got ${value}`,
  threadsNoBatchnorm: '--threads 2 does not work with --norm batchnorm (each thread would normalise half a batch)',
  channelsNeedCnn: (arch: string) => `--channels only applies to --arch cnn (the ${arch} has no convolutions)`,
  cnnLayers: (channels: string, dense: string) => `conv ${channels} → ${dense}`,
  lstmLayers: (steps: number, inputs: number, dense: string) => `lstm ${steps}×${inputs} → ${dense}`,
  lstmHiddenInvalid: (hidden: string) => `with --arch lstm, --hidden is the LSTM's hidden size H, one whole number ≥ 1, got "${hidden}"`,
  lstmOptionNotApplicable: (option: string) =>
    `--${option} does not apply to --arch lstm (its last hidden state goes straight to the output layer, with no hidden dense layer)`,
  batchnormNeedsBatch: '--batchnorm needs --batch-size ≥ 2 (one example has no batch variance)',

  // The configuration in one line: "784-128-128-10, relu, softmax cross-entropy, adam lr 0.001, …".
  configSeparator: ', ',
  softmaxCrossEntropy: 'softmax cross-entropy',
  scheduleStep: (gamma: number, stepSize: number) => ` (×${gamma} every ${stepSize} ${plural(stepSize, 'epoch', 'epochs')})`,
  scheduleExponential: (gamma: number) => ` (×${gamma} every epoch)`,
  scheduleCosine: ' (cosine annealing)',
  scheduleWarmupCosine: (warmup: number) => ` (${warmup}-epoch warmup, then cosine)`,
  batchOf: (size: number) => `batch ${size}`,
  epochCount: (epochs: number) => `${epochs} ${plural(epochs, 'epoch', 'epochs')}`,
  seedOf: (seed: number) => `seed ${seed}`,

  // The run.
  evaluating: (file: string, network: string) => `Evaluating ${file}: ${network}`,
  savedWith: (notes: string) => `(saved with ${notes})`,
  training: (config: string) => `Training ${config}`,
  theReferenceSolutions: 'the reference solutions',
  yourKataFiles: 'your kata files',
  withData: (what: string, trainImages: string, testImages: string) => `with ${what}, ${trainImages} training and ${testImages} test images`,
  testAccuracy: (accuracy: string) => `Test accuracy: ${accuracy}`,
  rightOfTest: (right: number, total: number) => ` (${right} of ${total} test images)`,
  afterTraining: (epochs: number, seconds: string) => ` after ${epochs} ${plural(epochs, 'epoch', 'epochs')}, ${seconds} s of training`,
  lrNotScheduled: (optimizer: string, lr: string, schedule: string) =>
    `Your ${optimizer} has no public lr field, so the learning rate stayed at ${lr} ` +
    `instead of following the ${schedule} schedule (the kata's contract: a public, writable lr).`,
  confusionTitle: 'Confusion matrix (rows: true digit, columns: predicted):',
  lossTitle: 'Training loss per batch:',
  misclassifiedTitle: 'Some misclassified test digits (true → predicted):',
  savedModel: (file: string) => `Saved the model to ${file}; evaluate it again with npm run train -- --load ${file}`,
  keepHint: 'Keep a model with --save models/mnist.json; see every option: npm run train -- --help',

  // The view (grader/core/train-view.ts).
  epochLabel: (epoch: string, epochs: number) => `Epoch ${epoch}/${epochs}`,
  loss: (loss: string) => `loss ${loss}`,
  acc: (accuracy: string) => `acc ${accuracy}`,
  test: (accuracy: string) => `test ${accuracy}`,
  seconds: (seconds: string) => `${seconds} s`,
  samplesPerSecond: (samples: string) => `${samples} samples/s`,
  leftInEpochAndRun: (epoch: string, run: string) => `${epoch} left (run ${run})`,
  leftInEpoch: (epoch: string) => `${epoch} left`,
  predicted: 'predicted',
  trueDigit: 'true',
  accColumn: 'acc',
  noFiniteLoss: 'loss curve: no finite loss to draw',
  batchesDrawn: (batches: string) => `${batches} batches`,
  epochsDrawn: (epochs: string) => ` (${epochs} epochs)`,
  logScale: ', log scale',
  noneMisclassified: 'No test digit was misclassified.',

  // The blocks (solutions/train/parts.ts).
  partMissing: (slug: string, file: string) => `  ✗ ${slug}: ${file} is missing`,
  partNotSolved: (slug: string, file: string, detail: string) => `  ✗ ${slug} is not solved yet (${file}: ${detail})`,
  partBroken: (slug: string, file: string, detail: string) => `  ✗ ${slug} does not work yet (${file}: ${detail})`,
  referenceUnusable: 'The reference solutions cannot be used:',
  restoreReference: 'Restore them (git checkout solutions/) and try again.',
  katasNotReady: 'Cannot train with your katas yet:',
  solveFirst: (count: number, slugs: string) =>
    `Solve ${count === 1 ? 'it' : 'them'} first (npm run grade -- ${slugs}), or train with the reference solutions: npm run train`,
  cannotLoad: (error: string) => `cannot be loaded: ${error}`,
  doesNotExport: (names: string) => `it does not export ${names}`,
  stillTheStub: (error: string) => `${error} is still the stub`,
  noKataForRole: (slug: string, role: string) => `The course has no kata ${slug}, which the trainer needs for its ${role} block`,
  shouldBeShape: (what: string, rows: number, cols: number, got: string) => `${what} should be ${rows}×${cols}, got ${got}`,
  tensorShouldBe: (what: string, want: string, got: string) => `${what} should be ${want}, got ${got}`,
  lstmStates: (got: string) => `lstmForward(xs of 2 steps, …).hs should be an array of 2 matrices, got ${got} of them`,
  shouldBeFloat64Array: (what: string, length: number) => `${what} should be a Float64Array of ${length} entries`,
  stepShouldMove: (first: number, second: number) => `one step against the gradient should move [1, -1] toward 0, got [${first}, ${second}]`,
  sigmoidProbe: (a: number, d: number) => `sigmoid(0.5) gave ${a} and its derivative ${d}`,
  clipProbe: (norm: number, first: number) => `clipGradNorm([[3, 0], [4]], 1) should return 5 and scale 3 to 0.6, got ${norm} and ${first}`,
  scheduleProbe: (values: string) => `the schedules should give learning rates (finite, ≥ 0), got ${values}`,

  // A saved model (solutions/train/model.ts).
  theModelFile: 'the model file',
  notJson: (where: string, error: string) => `${where} is not a saved model: it is not JSON (${error})`,
  notOurFormat: (where: string, format: string) => `${where} is not a saved model of this trainer (no "format": "${format}")`,
  wrongVersion: (where: string, version: string, ours: number) => `${where} has version ${version}; this trainer reads version ${ours}`,
  noValidConfig: (where: string) => `${where} has no valid "config" (sizes, activation, norm)`,
  damaged: (where: string, sizes: string, params: number, stats: number, gotParams: number, gotStats: number) =>
    `${where} is damaged: a ${sizes} network has ${params} parameters and ` +
    `${stats} running statistics, the file holds ${gotParams} and ${gotStats}`,
  noModelFile: (file: string) => `There is no model file at ${file}; train one with npm run train -- --save ${file}`,
  cannotRead: (file: string, error: string) => `Cannot read ${file}: ${error}`,
};

export const trainText = defineMessages('train', {
  en,
  'zh-CN': {
    usage: (epochs, stepSize, batchSize, lrDefaults, activations, activation, optimizers, optimizer, momentum, seed, norms, schedules, schedule, gamma, warmupEpochs, cnnChannels, cnnHidden, cnnDropout, cnnEpochs, cnnStepSize, cnnThreads, lstmHidden, lstmEpochs, lstmStepSize, lstmThreads) => `用法：npm run train [-- 选项]
用参考答案（或你自己在各题中写的代码）搭建一个 MNIST 分类器并训练，报告它在官方 10,000 张测试图像上的准确率。
默认配方：784-128-128-10，ReLU，softmax 交叉熵，Adam lr 1e-3，批量大小 32，训练 ${epochs} 轮，${stepSize} 轮之后学习率乘以 ${gamma}（阶梯衰减）。每个选项都由讲授它的那道题搭建。

  --epochs N              训练轮数，即遍历训练图像的次数（默认 ${epochs}）
  --batch-size N          每步的图像数，即批量大小（默认 ${batchSize}）
  --lr X                  学习率（默认 ${lrDefaults}）
  --lr-schedule S         学习率调度：${schedules}（默认 ${schedule}；来自 lr-schedules 题）
  --step-size N           阶梯衰减每隔多少轮衰减一次（默认 ${stepSize}）
  --gamma X               阶梯衰减和指数衰减的衰减因子（默认 ${gamma}）
  --warmup-epochs N       warmup-cosine 的线性预热轮数（默认 ${warmupEpochs}）
  --arch A                mlp（默认）、cnn 或 lstm。cnn：每个 --channels 数值对应一块“卷积 3×3 → 激活函数 → 最大池化 2”，
                          之后接全连接层（来自 conv2d-backward 题；cnn 的默认值：
                          --channels ${cnnChannels} --hidden ${cnnHidden} --dropout ${cnnDropout} --epochs ${cnnEpochs} --step-size ${cnnStepSize} --threads ${cnnThreads}）。
                          lstm：由一个 LSTM 逐行读入图像（28 步，每步 28 个像素），最后一个隐藏状态送入输出层
                          （来自 lstm-backward 题；--hidden H 是它的隐藏状态维度；lstm 的默认值：
                          --hidden ${lstmHidden} --epochs ${lstmEpochs} --step-size ${lstmStepSize} --threads ${lstmThreads}；
                          --activation、--norm 和 --dropout 不适用）
  --channels 8,16         配合 --arch cnn：每个卷积块的滤波器个数，用逗号分隔
                          （--hidden、--norm 和 --dropout 作用于它的全连接层）
  --hidden 128,128        各隐藏层的宽度，用逗号分隔（"" 表示没有隐藏层）
  --activation A          隐藏层的激活函数：${activations}（默认 ${activation}）
  --norm N                每个隐藏层激活函数之前的归一化：${norms}（默认 none）
  --batchnorm             等同于 --norm batchnorm
  --dropout P             每个隐藏层激活函数之后的反向缩放的 Dropout，P 为丢弃概率（默认 0）
  --clip-norm N           每步之前把梯度按总 L2 范数裁剪到 N（默认 0：不裁剪；来自 rnn-backward 题）
  --optimizer O           优化器：${optimizers}（默认 ${optimizer}；sgd 即动量为 0）
  --momentum X            --optimizer momentum 的动量 μ（默认 ${momentum}）
  --seed N                随机种子，固定初始权重、打乱顺序和 Dropout（默认 ${seed}）
  --threads N             1 或 2：2 表示由一个工作线程处理每个批量的一半（默认 1；cnn 和 lstm 默认 2）
  --limit N               只用前 N 张训练图像，用于快速试跑
  --use katas             用你自己在各题中写的代码搭建网络，而不是参考答案
  --save FILE             保存训练好的模型，例如 models/mnist.json
  --load FILE             评估一个已保存的模型，不训练
  -h, --help              显示本说明`,
    listSeparator: '、',
    andSeparator: '、',

    mustBeNumber: (option, text) => `--${option} 必须是数字，收到的是“${text}”`,
    mustBeOneOfQuoted: (option, allowed, text) => `--${option} 必须是 ${allowed} 之一，收到的是“${text}”`,
    mustBeOneOf: (option, allowed, value) => `--${option} 必须是 ${allowed} 之一，收到的是 ${value}`,
    mustBeWholeAtLeast: (option, min, value) => `--${option} 必须是 ≥ ${min} 的整数，收到的是 ${value}`,
    warmupRange: (value, epochs) => `--warmup-epochs 必须是 0 到 --epochs（${epochs}）之间的整数，收到的是 ${value}`,
    gammaRange: (value) => `--gamma 必须在 (0, 1] 之间，收到的是 ${value}`,
    dropoutRange: (value) => `--dropout 必须在 [0, 1) 之间，收到的是 ${value}`,
    clipNormRange: (value) => `--clip-norm 必须是 ≥ 0 的数（0 表示不裁剪），收到的是 ${value}`,
    clippedAt: (norm) => `梯度裁剪到范数 ${norm}`,
    seedMustBeWhole: (value) => `--seed 必须是整数，收到的是 ${value}`,
    lrMustBePositive: (value) => `--lr 必须是大于 0 的数，收到的是 ${value}`,
    momentumRange: (value) => `--momentum 必须在 [0, 1) 之间，收到的是 ${value}`,
    layerSizes: (sizes) => `各层宽度必须是 ≥ 1 的整数，收到的是 ${sizes}`,
    channelsInvalid: (channels, max) => `--channels 必须是 1 到 ${max} 个 ≥ 1 的整数，用逗号分隔（每个卷积块把图像边长减半），收到的是“${channels}”`,
    threadsRange: (value) => `--threads 必须是 1 或 2，收到的是 ${value}`,
    threadsNoBatchnorm: '--threads 2 不能与 --norm batchnorm 同时使用（每个线程只会对半个批量做归一化）',
    channelsNeedCnn: (arch) => `--channels 只适用于 --arch cnn（${arch} 没有卷积层）`,
    cnnLayers: (channels, dense) => `卷积 ${channels} → ${dense}`,
    lstmLayers: (steps, inputs, dense) => `LSTM（${steps} 步，每步 ${inputs} 维）→ ${dense}`,
    lstmHiddenInvalid: (hidden) => `使用 --arch lstm 时，--hidden 是 LSTM 的隐藏状态维度 H，必须是一个 ≥ 1 的整数，收到的是“${hidden}”`,
    lstmOptionNotApplicable: (option) => `--${option} 不适用于 --arch lstm（它的最后一个隐藏状态直接进入输出层，中间没有隐藏的全连接层）`,
    batchnormNeedsBatch: '--batchnorm 要求 --batch-size ≥ 2（只有一个样本时没有批量方差）',

    configSeparator: '，',
    softmaxCrossEntropy: 'softmax 交叉熵',
    scheduleStep: (gamma, stepSize) => `（每 ${stepSize} 轮乘以 ${gamma}）`,
    scheduleExponential: (gamma) => `（每轮乘以 ${gamma}）`,
    scheduleCosine: '（余弦退火）',
    scheduleWarmupCosine: (warmup) => `（先预热 ${warmup} 轮，再余弦退火）`,
    batchOf: (size) => `批量大小 ${size}`,
    epochCount: (epochs) => `共 ${epochs} 轮`,
    seedOf: (seed) => `随机种子 ${seed}`,

    evaluating: (file, network) => `评估 ${file}：${network}`,
    savedWith: (notes) => `（保存时的记录：${notes}）`,
    training: (config) => `开始训练：${config}`,
    theReferenceSolutions: '参考答案',
    yourKataFiles: '你自己在各题中写的代码',
    withData: (what, trainImages, testImages) => `使用${what}，训练图像 ${trainImages} 张，测试图像 ${testImages} 张`,
    testAccuracy: (accuracy) => `测试集准确率：${accuracy}`,
    rightOfTest: (right, total) => `（${total} 张测试图像中答对 ${right} 张）`,
    afterTraining: (epochs, seconds) => `，共训练 ${epochs} 轮，用时 ${seconds} 秒`,
    lrNotScheduled: (optimizer, lr, schedule) =>
      `你的 ${optimizer} 没有公开的 lr 字段，所以学习率一直是 ${lr}，` +
      `没有按 ${schedule} 调度变化（这道题的约定：lr 是公开、可写的字段）。`,
    confusionTitle: '混淆矩阵（行：真实数字，列：预测数字）：',
    lossTitle: '每个批量的训练损失：',
    misclassifiedTitle: '部分分错的测试集数字（真实 → 预测）：',
    savedModel: (file) => `模型已保存到 ${file}；再次评估它：npm run train -- --load ${file}`,
    keepHint: '用 --save models/mnist.json 保存模型；查看全部选项：npm run train -- --help',

    epochLabel: (epoch, epochs) => `第 ${epoch}/${epochs} 轮`,
    loss: (loss) => `损失 ${loss}`,
    acc: (accuracy) => `准确率 ${accuracy}`,
    test: (accuracy) => `测试集 ${accuracy}`,
    seconds: (seconds) => `${seconds} 秒`,
    samplesPerSecond: (samples) => `${samples} 样本/秒`,
    leftInEpochAndRun: (epoch, run) => `剩余 ${epoch}（全程 ${run}）`,
    leftInEpoch: (epoch) => `剩余 ${epoch}`,
    predicted: '预测',
    trueDigit: '真实',
    accColumn: '准确率',
    noFiniteLoss: '损失曲线：没有可绘制的有限损失值',
    batchesDrawn: (batches) => `共 ${batches} 个批量`,
    epochsDrawn: (epochs) => `（${epochs} 轮）`,
    logScale: '，对数坐标',
    noneMisclassified: '测试集中没有分错的数字。',

    partMissing: (slug, file) => `  ✗ ${slug}：缺少 ${file}`,
    partNotSolved: (slug, file, detail) => `  ✗ ${slug} 还没有完成（${file}：${detail}）`,
    partBroken: (slug, file, detail) => `  ✗ ${slug} 还不能正常运行（${file}：${detail}）`,
    referenceUnusable: '参考答案无法使用：',
    restoreReference: '请先恢复它们（git checkout solutions/），再重试。',
    katasNotReady: '还不能用你自己的代码训练：',
    solveFirst: (count, slugs) =>
      `请先完成${count === 1 ? '这道题' : '这些题'}（npm run grade -- ${slugs}），或者用参考答案训练：npm run train`,
    cannotLoad: (error) => `无法加载：${error}`,
    doesNotExport: (names) => `没有导出 ${names}`,
    // "not implemented: denseBackward(dout, cache)" → "denseBackward(dout, cache) 还没有实现，仍是初始代码".
    stillTheStub: (error) => `${error.replace(/^not implemented:?\s*/i, '')} 还没有实现，仍是初始代码`,
    noKataForRole: (slug, role) => `课程中没有 ${slug} 这道题，而训练器的 ${role} 模块需要它`,
    shouldBeShape: (what, rows, cols, got) => `${what} 的形状应为 ${rows}×${cols}，实际是 ${got}`,
    tensorShouldBe: (what, want, got) => `${what} 的形状应为 ${want}，实际是 ${got}`,
    lstmStates: (got) => `lstmForward（xs 有 2 步，…）的 hs 应是由 2 个矩阵组成的数组，实际有 ${got} 个`,
    shouldBeFloat64Array: (what, length) => `${what} 应是长度为 ${length} 的 Float64Array`,
    stepShouldMove: (first, second) => `沿负梯度方向走一步应使 [1, -1] 向 0 靠近，实际得到 [${first}, ${second}]`,
    sigmoidProbe: (a, d) => `sigmoid(0.5) 得到 ${a}，其导数得到 ${d}`,
    clipProbe: (norm, first) => `clipGradNorm([[3, 0], [4]], 1) 应返回 5 并把 3 缩放到 0.6，实际得到 ${norm} 和 ${first}`,
    scheduleProbe: (values) => `学习率调度应给出有限且 ≥ 0 的学习率，实际得到 ${values}`,

    theModelFile: '模型文件',
    notJson: (where, error) => `${where} 不是保存的模型：它不是 JSON（${error}）`,
    notOurFormat: (where, format) => `${where} 不是本训练器保存的模型（没有 "format": "${format}"）`,
    wrongVersion: (where, version, ours) => `${where} 的版本是 ${version}；本训练器只能读取版本 ${ours}`,
    noValidConfig: (where) => `${where} 没有有效的 "config" 字段（应包含 sizes、activation 和 norm）`,
    damaged: (where, sizes, params, stats, gotParams, gotStats) =>
      `${where} 已损坏：${sizes} 网络有 ${params} 个参数和 ${stats} 个滑动统计量，` +
      `文件中却是 ${gotParams} 个和 ${gotStats} 个`,
    noModelFile: (file) => `${file} 处没有模型文件；先训练一个：npm run train -- --save ${file}`,
    cannotRead: (file, error) => `无法读取 ${file}：${error}`,
  },
});
