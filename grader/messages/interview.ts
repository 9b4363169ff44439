/**
 * What `npm run interview` prints, in English and 简体中文: the opening, the countdown, the
 * follow-up questions, the report and the history (grader/commands/interview.ts,
 * grader/core/interview.ts).
 */
import { defineMessages, plural } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  usage: (min: number, max: number) => `Usage: npm run interview [-- <kata> | --topic <topic>] [--minutes N] [--questions N]
       npm run interview -- --history

A mock interview: a countdown (the kata's expected minutes, or --minutes N), hints, the
comparison with the reference and the statement's worked examples locked, your file graded
on every save as often as you like; when it passes or the time is up, ${min} (--questions: ${min}–${max})
follow-up questions; then a report, kept in your history.

  <kata>            the kata to be interviewed on (a name or a unique prefix of one)
  --topic <topic>   a kata of this topic of katas/course.json (activations, layers, optimizers, …)
                    without either: your first unsolved kata, else the least recently practised
  --minutes N       the time allowed (default: the kata's expected minutes)
  --questions N     how many follow-up questions (${min} to ${max}, default ${min})
  --seed N          the same seed, the same questions
  --history         list your interviews, newest first

Keys during the countdown: g grade now · s the statement again · q give up (go to the
questions) · Ctrl-C leave (the interview is not counted; your file and progress are kept).`,

  // The status of a grade attempt, in the report.
  statusPassed: 'passed',
  statusFailed: 'not yet',
  statusNotStarted: 'not started',
  statusCompileError: 'does not compile',
  statusStopped: 'stopped',

  // The report.
  reportHeading: (title: string, slug: string) => `Interview report: ${title} (${slug})`,
  endedPassed: 'The kata passed.',
  endedTimeUp: 'The time ran out before the kata passed.',
  endedGaveUp: 'You stopped before the kata passed.',
  reportTime: (used: string, allowed: string) => `Time used: ${used} of ${allowed}`,
  reportAttempts: (count: number) => `Grade attempts: ${count}`,
  attempt: (at: string, status: string) => `at ${at}: ${status}`,
  attemptChecks: (passed: number, total: number) => `, ${passed}/${total} checks`,
  attemptMistake: (mistake: string) => ` (likely mistake: ${mistake})`,
  mistakesHead: 'Mistakes the grader named:',
  noMistakes: 'none',
  questions: (score: number, total: number) => `Follow-up questions: ${score} of ${total} right`,
  selfAssessed: ' (self-assessed)',
  reviewHead: 'What to review:',
  reviewFinish: (slug: string) => `finish the kata, with hints if you need them: npm run watch -- ${slug}, npm run hint -- ${slug}`,
  reviewMistake: (title: string) => `the mistake "${title}"`,
  reviewMistakeExplained: (title: string, explanation: string) => `the mistake "${title}": ${explanation}`,
  reviewQuestion: (topic: string, prompt: string) => `${topic}: ${prompt}`,
  reviewTime: 'your pace: the pass took more than 80% of the time; practise the kata again from the stub',
  reviewNothing: 'nothing: a clean interview. Try another kata, or a shorter time with --minutes',

  // The history (--history).
  colWhen: 'when',
  colKata: 'kata',
  colTime: 'time used',
  colResult: 'result',
  colGrades: 'grades',
  colMistakes: 'mistakes',
  colQuestions: 'questions',
  passed: 'passed',
  notPassed: 'not passed',
  none: 'No interviews yet. Start one: npm run interview',

  // The command.
  needsTerminal: 'A mock interview needs an interactive terminal (it counts down and asks questions). npm run interview -- --history lists past interviews.',
  both: 'Give a kata or --topic, not both.',
  unknownTopic: (topic: string, topics: string) => `No kata has the topic "${topic}". Topics: ${topics}.`,
  badMinutes: (text: string) => `--minutes must be a number of minutes above 0, got "${text}"`,
  badQuestions: (text: string, min: number, max: number) => `--questions must be a whole number from ${min} to ${max}, got "${text}"`,
  badSeed: (text: string) => `--seed must be a whole number, got "${text}"`,
  oneKata: (count: number, given: string) => `interview takes one kata, got ${count}: ${given}`,
  whyUnsolved: 'Chosen for you: your first unsolved kata.',
  whyLeastRecent: 'Chosen for you: the kata you practised least recently.',
  whyLeastRecentOn: (last: string) => `Chosen for you: the kata you practised least recently (last on ${last}).`,
  title: (title: string, slug: string, clock: string) => `Mock interview: ${title} (${slug}), ${clock} on the clock`,
  locked: 'Hints, the comparison with the reference and the statement\'s worked examples are locked until the report.',
  workedExampleLocked: 'The worked example is locked during the interview.',
  file: (file: string) => `Your file: ${file}. Save it to grade, as often as you like.`,
  keys: 'g: grade now · s: the statement again · q: give up and go to the questions · Ctrl-C: leave',
  countdown: (left: string, slug: string, attempts: number) =>
    `⏱ ${left} left · ${slug} · ${attempts} ${plural(attempts, 'grade', 'grades')} · g grade · s statement · q give up`,
  countdownGrading: (left: string, slug: string, attempts: number) =>
    `⏱ ${left} left · ${slug} · ${attempts} ${plural(attempts, 'grade', 'grades')} · grading… · g grade · s statement · q give up`,
  grading: (slug: string) => `Grading ${slug}…`,
  attemptHead: (n: number, at: string, left: string) => `Grade attempt ${n} at ${at} · ${left} left`,
  endedPassedAt: (at: string) => `✓ Passed at ${at}. Now the follow-up questions.`,
  endedTimeUpAt: (at: string) => `⏱ Time is up (${at}). Now the follow-up questions.`,
  endedGaveUpAt: (at: string) => `You stopped at ${at}. Now the follow-up questions.`,
  questionHead: (n: number, total: number, topic: string) => `Question ${n} of ${total} (${topic})`,
  yourAnswer: 'Your answer:',
  yourOpenAnswer: 'Your answer (say it aloud, or type it; Enter when done):',
  choose: 'Your answer:',
  right: '✓ Right.',
  wrong: (expected: string) => `✗ Not quite: the expected answer is ${expected}.`,
  skipped: (expected: string) => `Skipped: the expected answer is ${expected}.`,
  modelAnswer: 'Model answer:',
  covered: 'Did your answer cover the model answer?',
  saved: 'Kept in your history: npm run interview -- --history',
  left: 'Interview left; it is not counted. Your file and your progress are kept.',
  noBank: (error: string) => `This kata's question bank cannot be read, so there can be no follow-up questions: ${error}`,
  /** Between the items of a list: "a, b". */
  listSeparator: ', ',

  // The follow-up questions' topics (questions.json's `topic`).
  topicDerivation: 'derivation',
  topicShapesCost: 'shapes-cost',
  topicStability: 'stability',
  topicConventions: 'conventions',
  topicComparison: 'comparison',
  topicTrainingTricks: 'training-tricks',
  topicTesting: 'testing',
};

export const m = defineMessages('interview', {
  en,
  'zh-CN': {
    usage: (min, max) => `用法：npm run interview [-- <kata> | --topic <topic>] [--minutes N] [--questions N]
      npm run interview -- --history

模拟面试：倒计时（这道题的预计用时，或 --minutes N），提示、与参考答案的对比和题面中的算例
全部锁定，你的文件每次保存都会评测，次数不限；通过或时间到之后，回答 ${min} 道（--questions：${min}–${max}）
追问题；最后给出报告，记入你的历史。

  <kata>            面试用的题（题名或其唯一前缀）
  --topic <topic>   从 katas/course.json 中该主题下选一道题（主题如 activations、layers、optimizers……）
                    两者都不写：选你第一道未解决的题，都解决了则选最久没练的
  --minutes N       允许的时间（默认：这道题的预计用时）
  --questions N     追问题的数量（${min} 到 ${max}，默认 ${min}）
  --seed N          相同的种子，相同的追问题
  --history         列出你的模拟面试，最新的在前

倒计时中的按键：g 立即评测 · s 再看一遍题面 · q 放弃（进入追问） · Ctrl-C 离开（本次面试不计入；
你的文件和进度都会保留）。`,

    statusPassed: '通过',
    statusFailed: '未通过',
    statusNotStarted: '未开始',
    statusCompileError: '编译不通过',
    statusStopped: '已中止',

    reportHeading: (title, slug) => `面试报告：${title}（${slug}）`,
    endedPassed: '这道题已通过。',
    endedTimeUp: '时间用完时这道题还没有通过。',
    endedGaveUp: '你在这道题通过之前停了下来。',
    reportTime: (used, allowed) => `用时：${used}，限时 ${allowed}`,
    reportAttempts: (count) => `评测次数：${count}`,
    attempt: (at, status) => `${at}：${status}`,
    attemptChecks: (passed, total) => `，${passed}/${total} 项检查通过`,
    attemptMistake: (mistake) => `（可能的错误：${mistake}）`,
    mistakesHead: '评测程序指出的错误：',
    noMistakes: '无',
    questions: (score, total) => `追问题：${total} 道答对 ${score} 道`,
    selfAssessed: '（自评）',
    reviewHead: '需要复习的内容：',
    reviewFinish: (slug) => `把这道题做完，需要时看提示：npm run watch -- ${slug}，npm run hint -- ${slug}`,
    reviewMistake: (title) => `错误“${title}”`,
    reviewMistakeExplained: (title, explanation) => `错误“${title}”：${explanation}`,
    reviewQuestion: (topic, prompt) => `${topic}：${prompt}`,
    reviewTime: '你的速度：通过时已用掉超过 80% 的时间；从初始代码重新练一遍这道题',
    reviewNothing: '没有：这是一场干净的面试。换一道题试试，或用 --minutes 缩短时间',

    colWhen: '时间',
    colKata: '题',
    colTime: '用时',
    colResult: '结果',
    colGrades: '评测次数',
    colMistakes: '错误',
    colQuestions: '追问',
    passed: '通过',
    notPassed: '未通过',
    none: '还没有做过模拟面试。开始一次：npm run interview',

    needsTerminal: '模拟面试需要交互式终端（要倒计时和提问）。npm run interview -- --history 可列出以往的面试。',
    both: '题名和 --topic 只能给一个。',
    unknownTopic: (topic, topics) => `没有哪道题属于主题“${topic}”。可选主题：${topics}。`,
    badMinutes: (text) => `--minutes 必须是大于 0 的分钟数，收到的是“${text}”`,
    badQuestions: (text, min, max) => `--questions 必须是 ${min} 到 ${max} 之间的整数，收到的是“${text}”`,
    badSeed: (text) => `--seed 必须是整数，收到的是“${text}”`,
    oneKata: (count, given) => `interview 只接受一道题，却给了 ${count} 道：${given}`,
    whyUnsolved: '为你选的：你第一道未解决的题。',
    whyLeastRecent: '为你选的：你最久没练的题。',
    whyLeastRecentOn: (last) => `为你选的：你最久没练的题（上次在 ${last}）。`,
    title: (title, slug, clock) => `模拟面试：${title}（${slug}），限时 ${clock}`,
    locked: '提示、与参考答案的对比和题面中的算例在报告出来之前都已锁定。',
    workedExampleLocked: '面试期间，算例已锁定。',
    file: (file) => `你的文件：${file}。保存即评测，次数不限。`,
    keys: 'g：立即评测 · s：再看一遍题面 · q：放弃并进入追问 · Ctrl-C：离开',
    countdown: (left, slug, attempts) => `⏱ 剩余 ${left} · ${slug} · 已评测 ${attempts} 次 · g 评测 · s 题面 · q 放弃`,
    countdownGrading: (left, slug, attempts) => `⏱ 剩余 ${left} · ${slug} · 已评测 ${attempts} 次 · 评测中… · g 评测 · s 题面 · q 放弃`,
    grading: (slug) => `正在评测 ${slug}…`,
    attemptHead: (n, at, left) => `第 ${n} 次评测，用时 ${at} · 剩余 ${left}`,
    endedPassedAt: (at) => `✓ 在 ${at} 时通过。下面是追问题。`,
    endedTimeUpAt: (at) => `⏱ 时间到（${at}）。下面是追问题。`,
    endedGaveUpAt: (at) => `你在 ${at} 时停了下来。下面是追问题。`,
    questionHead: (n, total, topic) => `追问 ${n}/${total}（${topic}）`,
    yourAnswer: '你的答案：',
    yourOpenAnswer: '你的答案（说出来或打出来都行；完成后按 Enter）：',
    choose: '你的答案：',
    right: '✓ 正确。',
    wrong: (expected) => `✗ 不太对：正确答案是 ${expected}。`,
    skipped: (expected) => `已跳过：正确答案是 ${expected}。`,
    modelAnswer: '参考答案：',
    covered: '你的回答覆盖了参考答案的要点吗？',
    saved: '已记入你的历史：npm run interview -- --history',
    left: '已离开面试，本次不计入。你的文件和进度都已保留。',
    noBank: (error) => `这道题的题库无法读取，所以没有追问题：${error}`,
    listSeparator: '、',

    topicDerivation: '推导',
    topicShapesCost: '形状与开销',
    topicStability: '数值稳定性',
    topicConventions: '约定',
    topicComparison: '比较',
    topicTrainingTricks: '训练技巧',
    topicTesting: '测试',
  },
});
