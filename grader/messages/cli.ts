/**
 * The command line's own words: each command's --help, the overview, bad options, and what
 * grade, watch, hint, compare and reset print around the scorecard.
 */
import { defineMessages, plural } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  // main.ts: the command table
  menuUsage: 'Usage: npm start\n\nThe menu: every kata with its status; open one to read it, grade it, watch it, take a mock interview on it, get hints, compare, reset.',
  listUsage: 'Usage: npm run list\n\nEvery kata of the course, in order, with your status.',
  watchUsage:
    'Usage: npm run watch [-- <kata>]\n\nGrades the kata every time you save its file (default: your first unsolved kata).\nKeys: h next hint · g grade again · n next kata after a pass · q leave.',
  hintUsage: 'Usage: npm run hint [-- <kata>]\n\nThe next hint of the kata: a nudge, then the approach, then a near-solution.',
  compareUsage:
    'Usage: npm run compare -- <kata> [--yes]\n\nYour file against the reference solution, as a diff. Asks first if the kata is unsolved (--yes skips the question).',
  resetUsage: 'Usage: npm run reset -- <kata>\n\nPuts the original stub back; your file is kept in .backups/ first.',
  gradeUsage: `Usage: npm run grade [-- <kata>…] [--solutions] [--file <path>] [--json]

  <kata>…          katas to grade, by name or unique prefix (default: every kata)
  --solutions      grade the reference solutions instead of your files
  --file <path>    grade this file as one kata's implementation (name exactly one kata)
  --json           print a machine-readable report; use npm run -s grade -- --json so that
                   npm's own banner does not come first
Exit code 0 only when every graded kata passes.`,
  commandsHead: 'Commands:',
  commandsTail: 'Each answers --help.',
  unknownCommand: (name: string) => `Unknown command "${name}".`,

  // options.ts: bad command-line words
  unknownOption: (option: string) => `Unknown option ${option}.`,
  unexpectedArgument: (word: string) => `Unexpected argument "${word}".`,
  optionNeedsValue: (option: string) => `${option} needs a value.`,
  optionTakesNoValue: (option: string) => `${option} takes no value.`,

  // grade.ts
  fileNeedsOneKata: '--file grades one file against one kata: name exactly one kata, e.g. npm run grade -- dense --file my-dense.ts',
  fileMissing: (path: string) => `--file: there is no file at ${path}`,
  fileIsFolder: (path: string) => `--file: ${path} is a folder; give the .ts file to grade.`,
  theReferenceSolutions: 'the reference solutions',
  yourCode: 'your code',
  gradingOne: (slug: string, what: string) => `Grading ${slug} (${what})…`,
  gradingMany: (count: number, what: string) => `Grading ${count} katas (${what})…`,

  // learner.ts: the next step, choosing a kata
  nextAfterFailure: (file: string, slug: string) => `Next: edit ${file}, then run npm run grade -- ${slug}`,
  kataRevisedSolved: (title: string, change: string) =>
    `${title} has changed since you solved it: ${change} Your earlier pass was for the kata as it was; it counts as solved again once this grade passes.`,
  kataRevised: (title: string, change: string) => `${title} has changed since your last grade: ${change}`,
  solvedHead: (title: string) => `✓ ${title}: solved.`,
  lastOne: (count: number) => `That was the last one: all ${count} katas are solved.`,
  trainAfterAll: '  Train a real MNIST classifier with your own code: npm run train -- --use katas',
  nextUp: (head: string, next: string, slug: string, difficulty: string, minutes: number) =>
    `${head} Next up: ${next} (${slug}), ${difficulty}, about ${minutes} min.`,
  startWithGrade: (file: string, slug: string) => `Start it: npm start, or edit ${file} and run npm run watch -- ${slug}`,
  startWithWatch: (slug: string) => `Start it: npm run watch -- ${slug}`,
  gradingYourFile: (slug: string, file: string) => `Grading ${slug} (your code in ${file})…`,
  takesOneKata: (command: string, count: number, names: string) => `${command} takes one kata, got ${count}: ${names}`,
  whichKata: (command: string, example: string, list: string) => `Which kata? e.g. npm run ${command} -- ${example}\nKatas:\n${list}`,

  // watch.ts
  keyNext: (slug: string) => `n: start ${slug}`,
  keyHint: 'h: hint',
  keyGrade: 'g: grade again',
  keyLeave: 'q: leave',
  ctrlCToStop: 'Ctrl-C to stop.',
  gradingSlug: (slug: string) => `Grading ${slug}…`,
  watching: 'Watching',
  watchingAside: (time: string) => `· save it to grade again · ${time}`,

  // hint.ts
  allHintsShown: (total: number, slug: string) => `All ${total} hints for ${slug} have been shown. Here they are again:`,
  hintHeading: (tier: number, total: number, title: string) => `Hint ${tier} of ${total}: ${title}`,
  stuckEvenSo: (slug: string) => `Stuck even so? Compare your file with the reference: npm run compare -- ${slug}`,
  moreHints: (left: number, command: string) => `${left} more ${plural(left, 'hint', 'hints')}, each giving away more: ${command}`,
  lastHint: (slug: string) => `That was the last hint. After a real try, compare with the reference: npm run compare -- ${slug}`,

  // compare.ts, diff-view.ts
  noFileToCompare: (file: string, slug: string) => `There is no file at ${file} to compare. Restore the stub with npm run reset -- ${slug}`,
  yoursLabel: (file: string) => `${file} (yours)`,
  referenceLabel: (file: string) => `${file} (reference)`,
  sameAsReference: (file: string) => `Your ${file} is the same as the reference, line for line.`,
  onlyInYours: (count: number) => `${count} ${plural(count, 'line', 'lines')} only in yours (-)`,
  onlyInReference: (count: number) => `${count} only in the reference (+)`,
  diffSummary: (removed: string, added: string) => `${removed}, ${added}. Different code can be just as right: the grader decides, not the diff.`,
  notSolvedNeedsYes: (slug: string) =>
    `You have not solved ${slug} yet, and its reference solution gives it away.\nTo see it anyway: npm run compare -- ${slug} --yes`,
  showReferenceAnyway: (slug: string) => `${slug} is not solved yet, and the reference gives it away. Show it anyway?`,
  notShown: (slug: string) => `Not shown. A hint gives away less: npm run hint -- ${slug}`,
  hunkHeader: (ours: number, theirs: number) => `@@ line ${ours} of yours, line ${theirs} of the reference @@`,

  // reset.ts
  alreadyOriginal: (stub: string) => `${stub} is already the original stub: nothing to reset.`,
  cannotReset: (stub: string, reason: string) => `Cannot reset ${stub}: ${reason}\nYour file is unchanged.`,
  stubWasMissing: (stub: string) => `${stub} was missing; the original stub is back.`,
  savedYourFile: 'Saved your file',
  savedTo: (saved: string, backup: string) => `${saved} to ${backup}`,
  originalAgain: (stub: string) => `${stub} is the original stub again.`,
  getYoursBack: (backup: string, stub: string) => `To get your version back: cp ${backup} ${stub}`,
};

export const cli = defineMessages('cli', {
  en,
  'zh-CN': {
    menuUsage: '用法：npm start\n\n菜单：列出每道题及其状态；打开一道题即可阅读题面、评测、监视保存、做模拟面试、查看提示、对比参考答案或重置。',
    listUsage: '用法：npm run list\n\n按顺序列出课程中的每道题，以及你的进度。',
    watchUsage:
      '用法：npm run watch [-- <kata>]\n\n每次保存这道题的文件时自动重新评测（默认：你第一道未解决的题）。\n按键：h 下一条提示 · g 重新评测 · n 通过后进入下一题 · q 离开。',
    hintUsage: '用法：npm run hint [-- <kata>]\n\n显示这道题的下一条提示：先点拨，再讲思路，最后给出接近答案的提示。',
    compareUsage:
      '用法：npm run compare -- <kata> [--yes]\n\n以 diff 形式对比你的文件与参考答案。如果这道题还没解决，会先问你是否确定（--yes 跳过询问）。',
    resetUsage: '用法：npm run reset -- <kata>\n\n恢复原始的初始代码；你的文件会先备份到 .backups/。',
    gradeUsage: `用法：npm run grade [-- <kata>…] [--solutions] [--file <path>] [--json]

  <kata>…          要评测的题，写题名或能唯一确定它的前缀（默认：全部题）
  --solutions      评测参考答案，而不是你的文件
  --file <path>    把这个文件当作某道题的实现来评测（必须且只能指定一道题）
  --json           输出机器可读的报告；请用 npm run -s grade -- --json，
                   以免 npm 自己的提示行出现在最前面
只有所有被评测的题都通过时，退出码才是 0。`,
    commandsHead: '命令：',
    commandsTail: '每个命令都支持 --help。',
    unknownCommand: (name) => `未知命令 "${name}"。`,

    unknownOption: (option) => `未知选项 ${option}。`,
    unexpectedArgument: (word) => `多余的参数 "${word}"。`,
    optionNeedsValue: (option) => `${option} 需要一个值。`,
    optionTakesNoValue: (option) => `${option} 不接受值。`,

    fileNeedsOneKata: '--file 用一道题的检查项评测一个文件：请只指定一道题，例如 npm run grade -- dense --file my-dense.ts',
    fileMissing: (path) => `--file：${path} 处没有文件`,
    fileIsFolder: (path) => `--file：${path} 是一个文件夹；请给出要评测的 .ts 文件。`,
    theReferenceSolutions: '参考答案',
    yourCode: '你的代码',
    gradingOne: (slug, what) => `正在评测 ${slug}（${what}）…`,
    gradingMany: (count, what) => `正在评测 ${count} 道题（${what}）…`,

    nextAfterFailure: (file, slug) => `下一步：修改 ${file}，然后运行 npm run grade -- ${slug}`,
    kataRevisedSolved: (title, change) => `你解决「${title}」之后，这道题改过了：${change}你之前的通过针对的是旧版的题目；这次评测通过后，它才重新算作已解决。`,
    kataRevised: (title, change) => `你上次评测之后，「${title}」这道题改过了：${change}`,
    solvedHead: (title) => `✓ ${title}：已解决。`,
    lastOne: (count) => `这是最后一道：全部 ${count} 道题都已解决。`,
    trainAfterAll: '  用你自己的代码训练一个真正的 MNIST 分类器：npm run train -- --use katas',
    nextUp: (head, next, slug, difficulty, minutes) => `${head}下一道：${next}（${slug}），${difficulty}，约 ${minutes} 分钟。`,
    startWithGrade: (file, slug) => `开始做：npm start，或者修改 ${file} 并运行 npm run watch -- ${slug}`,
    startWithWatch: (slug) => `开始做：npm run watch -- ${slug}`,
    gradingYourFile: (slug, file) => `正在评测 ${slug}（你的代码：${file}）…`,
    takesOneKata: (command, count, names) => `${command} 只接受一道题，却给了 ${count} 道：${names}`,
    whichKata: (command, example, list) => `要做哪道题？例如 npm run ${command} -- ${example}\n可选的题：\n${list}`,

    keyNext: (slug) => `n：开始 ${slug}`,
    keyHint: 'h：提示',
    keyGrade: 'g：重新评测',
    keyLeave: 'q：离开',
    ctrlCToStop: '按 Ctrl-C 停止。',
    gradingSlug: (slug) => `正在评测 ${slug}…`,
    watching: '正在监视',
    watchingAside: (time) => `· 保存即重新评测 · ${time}`,

    allHintsShown: (total, slug) => `${slug} 的全部 ${total} 条提示都已显示过。再列一遍：`,
    hintHeading: (tier, total, title) => `提示 ${tier}/${total}：${title}`,
    stuckEvenSo: (slug) => `还是卡住了？把你的文件和参考答案对比一下：npm run compare -- ${slug}`,
    moreHints: (left, command) => `还有 ${left} 条提示，每条透露得更多：${command}`,
    lastHint: (slug) => `这是最后一条提示。认真尝试之后，再和参考答案对比：npm run compare -- ${slug}`,

    noFileToCompare: (file, slug) => `${file} 处没有可对比的文件。用 npm run reset -- ${slug} 恢复初始代码`,
    yoursLabel: (file) => `${file}（你的）`,
    referenceLabel: (file) => `${file}（参考答案）`,
    sameAsReference: (file) => `你的 ${file} 与参考答案逐行相同。`,
    onlyInYours: (count) => `${count} 行只在你的文件里（-）`,
    onlyInReference: (count) => `${count} 行只在参考答案里（+）`,
    diffSummary: (removed, added) => `${removed}，${added}。写法不同也可以同样正确：对错由评测判定，而不是 diff。`,
    notSolvedNeedsYes: (slug) => `你还没有解决 ${slug}，它的参考答案会直接暴露解法。\n如果仍想查看：npm run compare -- ${slug} --yes`,
    showReferenceAnyway: (slug) => `${slug} 还没有解决，参考答案会直接暴露解法。仍要查看吗？`,
    notShown: (slug) => `未显示。提示透露得更少：npm run hint -- ${slug}`,
    hunkHeader: (ours, theirs) => `@@ 你的第 ${ours} 行，参考答案第 ${theirs} 行 @@`,

    alreadyOriginal: (stub) => `${stub} 已经是原始的初始代码：无需重置。`,
    cannotReset: (stub, reason) => `无法重置 ${stub}：${reason}\n你的文件没有改动。`,
    stubWasMissing: (stub) => `${stub} 原本不存在；原始的初始代码已恢复。`,
    savedYourFile: '已备份你的文件',
    savedTo: (saved, backup) => `${saved}：${backup}`,
    originalAgain: (stub) => `${stub} 已恢复为原始的初始代码。`,
    getYoursBack: (backup, stub) => `要找回你的版本：cp ${backup} ${stub}`,
  },
});
