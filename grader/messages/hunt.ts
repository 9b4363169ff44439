/**
 * What `npm run hunt` prints, in English and 简体中文: the drill's screen, the status line, the
 * question for the line, the report and the history (grader/commands/hunt.ts).
 */
import { defineMessages, plural } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  usage: `Usage: npm run hunt [-- <kata>] [--drill <id>] [--seed N]
       npm run hunt -- --history

A bug hunt: working-looking code with one planted bug (one of the kata's catalogued mistakes)
is written to katas/<kata>/hunt.ts. Find the bug, fix it and save: it is graded with the
kata's own checks on every save. When it passes, name the line that was wrong; the report
says whether you found the planted line or fixed it elsewhere, and reveals the mistake.

  <kata>          hunt in this kata (a name or a unique prefix); without it, any kata,
                  preferring katas you have solved
  --drill <id>    this drill (a mistake's file name in solutions/<kata>/mistakes/)
  --seed N        the same seed, the same drill
  --history       list your hunts, newest first

Keys: g grade now · q give up (name the line, see the report) · Ctrl-C leave (not counted; the
drill file stays).`,
  title: (title: string, slug: string) => `Bug hunt: ${title} (${slug})`,
  file: (file: string) => `The drill: ${file}`,
  task:
    'This code passes some of the kata\'s checks and fails others: one bug was planted in it. Find the bug, fix it in the file and save; it is graded on every save. When it passes, name the line that was wrong.',
  keys: 'g: grade now · q: give up (name the line anyway) · Ctrl-C: leave (the file stays)',
  status: (elapsed: string, slug: string, attempts: number) =>
    `🔎 ${elapsed} · ${slug} hunt · ${attempts} ${plural(attempts, 'grade', 'grades')} · g grade · q give up`,
  statusGrading: (elapsed: string, slug: string, attempts: number) =>
    `🔎 ${elapsed} · ${slug} hunt · ${attempts} ${plural(attempts, 'grade', 'grades')} · grading… · g grade · q give up`,
  grading: (slug: string) => `Grading the drill of ${slug}…`,
  attemptHead: (n: number, at: string) => `Grade ${n} at ${at}`,
  passed: (at: string) => `✓ The drill passes (${at}).`,
  gaveUp: (at: string) => `You stopped at ${at}.`,
  whichLine: (count: number) => `Which line was wrong? (a line number of the drill as you got it, 1–${count}; Enter to skip)`,
  badLine: (count: number) => `A line number from 1 to ${count}, please (or Enter to skip).`,
  reportHead: (title: string, slug: string) => `Bug hunt report: ${title} (${slug})`,
  fixed: '✓ Fixed: the kata\'s checks pass.',
  notFixed: '✗ Not fixed: the kata\'s checks do not pass yet.',
  namedNone: (planted: string) => `You named no line. The bug was planted on line ${planted}.`,
  namedFound: (line: number, planted: string) => `✓ Line ${line} is where the bug was planted (${planted}).`,
  namedMissed: (line: number, planted: string) => `✗ Line ${line} is not where the bug was planted: that was line ${planted}.`,
  fixNone: 'You did not change the drill.',
  fixPlantedOnly: 'Your fix changed the planted lines only.',
  fixPlantedAndElsewhere: (lines: string) => `Your fix changed the planted lines, and also line ${lines}.`,
  fixElsewhere: (lines: string) => `Your fix left the planted lines alone and changed line ${lines}: it works around the bug elsewhere.`,
  mistake: (title: string) => `The planted mistake: ${title}`,
  time: (used: string, attempts: number) => `Time used: ${used}, ${attempts} ${plural(attempts, 'grade', 'grades')}`,
  saved: 'Kept in your history: npm run hunt -- --history',
  left: (file: string) => `Hunt left; it is not counted. The drill stays in ${file}.`,
  backedUp: (path: string) => `Your earlier hunt.ts was kept in ${path}.`,
  noDrills: (slugs: string) => `No drill can be made for ${slugs} yet.`,
  unknownDrill: (id: string, ids: string) => `No drill "${id}". Drills: ${ids}`,
  needsTerminal: 'A bug hunt needs an interactive terminal. npm run hunt -- --history lists past hunts.',
  badSeed: (text: string) => `--seed must be a whole number, got "${text}"`,
  /** Between the items of a list: "a, b". */
  listSeparator: ', ',
  // The menu's entry on a kata's page.
  menuItem: 'Bug hunt in this kata',
  menuDescription: 'Working-looking code with one planted bug: find it, fix it, name the line',

  // The history (--history): its columns and cells.
  colWhen: 'when',
  colKata: 'kata',
  colDrill: 'drill',
  colTime: 'time',
  colFixed: 'fixed',
  colLine: 'line',
  colFix: 'fix',
  yes: 'yes',
  no: 'no',
  found: (line: number) => `${line} found`,
  missed: (line: number) => `${line} missed`,
  planted: 'planted lines',
  elsewhere: 'elsewhere',
  none: 'No bug hunts yet. Start one: npm run hunt',
};

export const m = defineMessages('hunt', {
  en,
  'zh-CN': {
    usage: `用法：npm run hunt [-- <kata>] [--drill <id>] [--seed N]
      npm run hunt -- --history

找 bug：一段看起来能运行、却埋了一个 bug 的代码（取自这道题错误目录中的一个典型错误），写入
katas/<kata>/hunt.ts。找到 bug，改好并保存：每次保存都会用这道题自己的检查评测。通过之后，
说出哪一行有错；报告会告诉你是否找到了埋 bug 的那一行、还是在别处绕过了它，并揭晓这个错误。

  <kata>          在这道题里找 bug（题名或唯一前缀）；不写则任选一道题，
                  优先选你已经解决的
  --drill <id>    指定这道找 bug 题（solutions/<kata>/mistakes/ 下某个错误的文件名）
  --seed N        相同的种子，相同的找 bug 题
  --history       列出你做过的找 bug 题，最新的在前

按键：g 立即评测 · q 放弃（说出是哪一行，查看报告） · Ctrl-C 离开（不计入；找 bug 题的文件保留）。`,
    title: (title, slug) => `找 bug：${title}（${slug}）`,
    file: (file) => `找 bug 题：${file}`,
    task: '这段代码能通过这道题的部分检查，另一部分通不过：里面埋了一个 bug。找到它，在文件里改好并保存；每次保存都会评测。通过之后，说出哪一行有错。',
    keys: 'g：立即评测 · q：放弃（仍可说出是哪一行） · Ctrl-C：离开（文件保留）',
    status: (elapsed, slug, attempts) => `🔎 ${elapsed} · ${slug} 找 bug · 已评测 ${attempts} 次 · g 评测 · q 放弃`,
    statusGrading: (elapsed, slug, attempts) => `🔎 ${elapsed} · ${slug} 找 bug · 已评测 ${attempts} 次 · 评测中… · g 评测 · q 放弃`,
    grading: (slug) => `正在评测 ${slug} 的找 bug 题…`,
    attemptHead: (n, at) => `第 ${n} 次评测，用时 ${at}`,
    passed: (at) => `✓ 找 bug 题已通过（${at}）。`,
    gaveUp: (at) => `你在 ${at} 时停了下来。`,
    whichLine: (count) => `哪一行有错？（按你拿到时的行号，1–${count}；按 Enter 跳过）`,
    badLine: (count) => `请输入 1 到 ${count} 之间的行号（或按 Enter 跳过）。`,
    reportHead: (title, slug) => `找 bug 报告：${title}（${slug}）`,
    fixed: '✓ 已修好：这道题的检查全部通过。',
    notFixed: '✗ 还没修好：这道题的检查还没有全部通过。',
    namedNone: (planted) => `你没有说出行号。bug 埋在第 ${planted} 行。`,
    namedFound: (line, planted) => `✓ 第 ${line} 行正是埋 bug 的地方（${planted}）。`,
    namedMissed: (line, planted) => `✗ 第 ${line} 行不是埋 bug 的地方：bug 在第 ${planted} 行。`,
    fixNone: '你没有改动找 bug 题的代码。',
    fixPlantedOnly: '你的修改只动了埋 bug 的那几行。',
    fixPlantedAndElsewhere: (lines) => `你的修改动了埋 bug 的那几行，还改了第 ${lines} 行。`,
    fixElsewhere: (lines) => `你的修改没有动埋 bug 的那几行，而是改了第 ${lines} 行：这是在别处绕过了 bug。`,
    mistake: (title) => `埋下的错误：${title}`,
    time: (used, attempts) => `用时：${used}，评测 ${attempts} 次`,
    saved: '已记入你的历史：npm run hunt -- --history',
    left: (file) => `已离开找 bug，本次不计入。找 bug 题仍在 ${file}。`,
    backedUp: (path) => `你之前的 hunt.ts 已保存到 ${path}。`,
    noDrills: (slugs) => `${slugs} 暂时还出不了找 bug 的题。`,
    unknownDrill: (id, ids) => `没有名为“${id}”的找 bug 题。可选：${ids}`,
    needsTerminal: '找 bug 需要交互式终端。npm run hunt -- --history 可列出以往的找 bug 记录。',
    badSeed: (text) => `--seed 必须是整数，收到的是“${text}”`,
    listSeparator: '、',
    menuItem: '在这道题里找 bug',
    menuDescription: '一段看起来能运行、却埋了一个 bug 的代码：找到它，修好它，说出是哪一行',

    colWhen: '时间',
    colKata: '题',
    colDrill: '找 bug 题',
    colTime: '用时',
    colFixed: '修好',
    colLine: '行号',
    colFix: '修改',
    yes: '是',
    no: '否',
    found: (line) => `${line} 找到`,
    missed: (line) => `${line} 未找到`,
    planted: '埋 bug 的行',
    elsewhere: '别处',
    none: '还没有做过找 bug 题。开始一次：npm run hunt',
  },
});
