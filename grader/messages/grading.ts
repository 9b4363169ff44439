/**
 * What grading tells the learner: the scorecard's words (verdicts, categories, problems, the summary
 * line), why grading stopped, and how a thrown error is told
 * (grader/core/scorecard.ts, grade.ts, classify.ts, typecheck.ts, grader/runner/child.ts).
 */
import { defineMessages } from '../i18n/messages.ts';

export const grading = defineMessages('grading', {
  en: {
    // The verdicts (scorecard and summary line).
    statusPassed: 'passed',
    statusFailed: 'not yet',
    statusNotStarted: 'not started',
    statusCompileError: 'does not compile',
    statusStopped: 'could not finish',
    titleAndVerdict: (title: string, verdict: string) => `${title}: ${verdict}`,
    // The check categories, as shown (the ids in data stay English: spec, fixtures, …).
    categorySpec: 'spec',
    categoryFixtures: 'fixtures',
    categoryGradientCheck: 'gradient check',
    categoryProperties: 'properties',
    categoryConvergence: 'convergence',
    categoryOther: 'other',
    // The problems, aligned like a category.
    problemTypeError: 'type check',
    problemAsyncError: 'async error',
    problemPatchedBuiltIn: 'built-ins',

    blockedByEarlierKata: (slug: string, name: string, file: string) =>
      `This kata uses your ${slug} kata, and ${name} in ${file} is not written yet. Solve ${slug} first: npm run grade -- ${slug}`,
    notStarted: (target: string, slug: string) =>
      `Open ${target} and replace each "not implemented" throw with your code. The statement is katas/${slug}/README.md.`,
    notStartedFrom: (target: string, first: string, slug: string) =>
      `Open ${target} and replace each "not implemented" throw with your code, starting with ${first}. The statement is katas/${slug}/README.md.`,
    fixSyntax: 'Fix the syntax error, save, and grade again.',
    checksRan: (ran: number, declared: number) => ` ${ran} of ${declared} checks ran.`,
    notWrittenYet: (names: string) => `Not written yet: ${names}.`,
    likelyMistake: 'Likely mistake:',
    consoleOutput: 'Your console output:',
    summaryHead: (passed: number, total: number) => `${passed} of ${total} ${total === 1 ? 'kata passes' : 'katas pass'}`,
    summaryCount: (n: number, status: string) => `${n} ${status}`,

    // Why grading stopped (grade.ts).
    phaseStart: 'while the grader was starting',
    phaseLoad: (file: string) => `while loading ${file}`,
    phaseCheck: (name: string) => `during the check "${name}"`,
    phaseDiagnosis: (probing: string) => `during the diagnosis of the likely mistake (while probing ${probing})`,
    probingReference: 'the reference',
    probingYourCode: 'your code',
    loadHang: (seconds: number) =>
      `Loading the file did not finish within ${seconds} s: code at the top level of the file (outside any function) loops forever or awaits something that never comes.`,
    hang: (where: string, seconds: number) =>
      `Grading stopped ${where}: it was still running after ${seconds} s. Look for a loop whose condition never becomes false, or an index that never advances.`,
    memory: (where: string, megabytes: string) =>
      `Grading stopped ${where}: the process used ${megabytes} MB and kept growing. Something allocates without end (an array or matrix created in a loop that never stops?).`,
    exited: (where: string, exit: string) =>
      `Grading ended ${where} before every check had run (${exit}). Does your code call process.exit or kill the process? Nothing after that point was checked, so the kata cannot pass.`,
    killedBy: (signal: string) => `the process was killed by ${signal}`,
    exitedWith: (code: string) => `the process exited with code ${code}`,
    noChecks: "The spec declares no checks, so nothing could pass. Restore the course's spec (git checkout -- katas/).",
    loadingStopped: (message: string) => `Loading stopped: ${message}`,
    happenedTimes: (message: string, times: number) => `${message} (It happened ${times} times.)`,
    diagnosisStopped:
      'The search for the likely mistake was stopped: your code did not finish on one of its small experiments, ' +
      'which suggests a loop that depends on the input sizes.',
    // The course's own files, as this grade used them (course-files.ts).
    toolkitChanged: (file: string) =>
      `${file} differs from the course's toolkit, and the checks use it, so a changed toolkit could make a wrong ` +
      `answer pass. Keep your version elsewhere if you need it, then restore the course's: git checkout -- ${file}`,
    lockUnreadable: (lock: string, error: string) => `${lock} cannot be read (${error}); restore it with git checkout -- katas/course.lock.json`,
    typeCheckCouldNotRun: (error: string) => `The type check could not run: ${error}`,
    moreTypeErrors: (more: number) => `… and ${more} more (npm run typecheck lists them all).`,

    // The type checker's own failures (typecheck.ts), shown after typeCheckCouldNotRun.
    typescriptFailed: (error: string) => `TypeScript failed: ${error}`,
    checkerStopped: (code: string) => `the type checker stopped (exit code ${code})`,
    checkerClosed: 'the type checker is closed',
    checkerCouldNotStart: (error: string) => `could not start the type checker: ${error}`,
    typeCheckTimedOut: (duration: string) => `type check did not finish in ${duration}`,
    typeCheckRestarted: 'type check did not finish (the type checker was restarted)',

    // How a thrown error is told (classify.ts).
    notAnError: (shown: string) => `${shown} (a value that is not an Error: throw new Error('…') keeps the message and the line)`,
    thisFunction: 'this function',
    notImplemented: (name: string) => `${name} is not implemented yet.`,
    notImplementedIn: (name: string, file: string) => `${name} in ${file} is not implemented yet.`,
    threwPrefix: 'your code threw',
    threw: (error: string) => `your code threw ${error}`,
    threwAt: (error: string, location: string) => `your code threw ${error} (${location})`,
    harnessStopped: (error: string, location: string) =>
      `the check stopped on ${error} (${location}). It could not use what your code ` +
      'returned or exported: compare the names, the return value and its shape with the statement.',

    // The grading child (grader/runner/child.ts).
    exportsCheck: (file: string, names: string) => `${file} exports ${names}`,
    missingExports: (file: string, missing: string) =>
      `${file} does not export ${missing}. Keep the stub's names and \`export\` keywords.`,
    missingExportsFound: (file: string, missing: string, found: string) =>
      `${file} does not export ${missing}. Keep the stub's names and \`export\` keywords (it exports ${found}).`,
    asyncExport: (what: string) =>
      `${what} is async, so it returns a Promise instead of its result. The contract's functions compute ` +
      'synchronously and return the value itself: remove `async` (and any `await`).',
    checkTimeout: (seconds: number) => `did not finish within ${seconds} s. Look for a loop that never ends or far too much work.`,
    threwAsynchronouslyPrefix: 'your code threw, asynchronously,',
    asyncSurfaced: (message: string, during: string) => `${message}. It surfaced while "${during}" was running.`,
    duringLoading: (file: string) => `loading ${file}`,
    duringSpec: 'loading the spec',
    duringDiagnosis: 'the diagnosis of the likely mistake',
    andMore: (list: string, more: number) => `${list} and ${more} more`,
    patchedBuiltIn: (list: string, during: string) =>
      `your code replaced ${list}, a built-in of JavaScript the checks rely on (found after "${during}"). ` +
      'A replaced built-in can make a wrong answer look right, so the grade cannot pass: leave the built-ins alone.',
    graderFailed: (message: string) => `the grader failed: ${message}`,
  },
  'zh-CN': {
    statusPassed: '通过',
    statusFailed: '尚未通过',
    statusNotStarted: '未开始',
    statusCompileError: '无法编译',
    statusStopped: '未能完成评测',
    titleAndVerdict: (title, verdict) => `${title}：${verdict}`,
    categorySpec: '接口规格',
    categoryFixtures: '基准数据',
    categoryGradientCheck: '梯度检验',
    categoryProperties: '性质',
    categoryConvergence: '收敛',
    categoryOther: '其他',
    problemTypeError: '类型检查',
    problemAsyncError: '异步错误',
    problemPatchedBuiltIn: '内置对象',

    blockedByEarlierKata: (slug, name, file) =>
      `这道题要用到你在 ${slug} 这道题中写的代码，而 ${file} 中的 ${name} 还没有写。请先完成 ${slug}：npm run grade -- ${slug}`,
    notStarted: (target, slug) =>
      `打开 ${target}，把每个抛出 "not implemented" 的地方换成你的代码。题面见 katas/${slug}/README.zh-CN.md。`,
    notStartedFrom: (target, first, slug) =>
      `打开 ${target}，把每个抛出 "not implemented" 的地方换成你的代码，从 ${first} 开始。题面见 katas/${slug}/README.zh-CN.md。`,
    fixSyntax: '修正语法错误，保存后重新评测。',
    checksRan: (ran, declared) => `${declared} 项检查中运行了 ${ran} 项。`,
    notWrittenYet: (names) => `尚未实现：${names}。`,
    likelyMistake: '可能的错误：',
    consoleOutput: '你的代码的控制台输出：',
    summaryHead: (passed, total) => `${total} 道题中 ${passed} 道通过`,
    summaryCount: (n, status) => `${n} 道${status}`,

    phaseStart: '在评测程序启动时',
    phaseLoad: (file) => `在加载 ${file} 时`,
    phaseCheck: (name) => `在检查“${name}”时`,
    phaseDiagnosis: (probing) => `在诊断可能的错误时（当时正在试探 ${probing}）`,
    probingReference: '参考答案',
    probingYourCode: '你的代码',
    loadHang: (seconds) =>
      `加载文件在 ${seconds} 秒内没有完成：文件顶层（任何函数之外）的代码陷入了死循环，或者在等待一个永远不会到来的结果。`,
    hang: (where, seconds) =>
      `评测${where}中止：运行 ${seconds} 秒后仍未结束。请检查是否有循环条件永远不会变为假，或者索引永远不会前进。`,
    memory: (where, megabytes) =>
      `评测${where}中止：进程占用了 ${megabytes} MB 内存，而且还在增长。有代码在无休止地分配内存（是不是在一个停不下来的循环里不断创建数组或矩阵？）。`,
    exited: (where, exit) =>
      `评测${where}提前结束，并非所有检查都已运行（${exit}）。你的代码是否调用了 process.exit 或结束了进程？之后的内容都没有检查，所以这道题无法通过。`,
    killedBy: (signal) => `进程被 ${signal} 终止`,
    exitedWith: (code) => `进程以退出码 ${code} 结束`,
    noChecks: '规格文件中没有声明任何检查，因此不可能通过。请恢复课程自带的规格文件（git checkout -- katas/）。',
    loadingStopped: (message) => `加载中止：${message}`,
    happenedTimes: (message, times) => `${message}（共发生了 ${times} 次。）`,
    diagnosisStopped: '查找可能错误的过程已中止：你的代码在其中一个小实验上没有运行结束，这说明某个循环依赖于输入的大小。',
    toolkitChanged: (file) =>
      `${file} 与课程自带的工具库不同，而检查会用到它，改动过的工具库可能让错误的答案通过。如有需要，请把你的版本另存一份，然后恢复课程的版本：git checkout -- ${file}`,
    lockUnreadable: (lock, error) => `无法读取 ${lock}（${error}）；请用 git checkout -- katas/course.lock.json 恢复它`,
    typeCheckCouldNotRun: (error) => `类型检查无法运行：${error}`,
    moreTypeErrors: (more) => `…… 还有 ${more} 个（npm run typecheck 会全部列出）。`,

    typescriptFailed: (error) => `TypeScript 出错：${error}`,
    checkerStopped: (code) => `类型检查器已停止（退出码 ${code}）`,
    checkerClosed: '类型检查器已关闭',
    checkerCouldNotStart: (error) => `无法启动类型检查器：${error}`,
    typeCheckTimedOut: (duration) => `类型检查在 ${duration} 内没有完成`,
    typeCheckRestarted: '类型检查没有完成（类型检查器已重启）',

    notAnError: (shown) => `${shown}（抛出的不是 Error 对象：用 throw new Error('…') 才能保留错误信息和行号）`,
    thisFunction: '这个函数',
    notImplemented: (name) => `${name} 还没有实现。`,
    notImplementedIn: (name, file) => `${file} 中的 ${name} 还没有实现。`,
    threwPrefix: '你的代码抛出了',
    threw: (error) => `你的代码抛出了 ${error}`,
    threwAt: (error, location) => `你的代码抛出了 ${error}（${location}）`,
    harnessStopped: (error, location) =>
      `检查在 ${error}（${location}）处中止。它无法使用你的代码返回或导出的内容：请对照题目检查名称、返回值及其形状。`,

    exportsCheck: (file, names) => `${file} 导出 ${names}`,
    missingExports: (file, missing) => `${file} 没有导出 ${missing}。请保留初始代码中的名称和 \`export\` 关键字。`,
    missingExportsFound: (file, missing, found) =>
      `${file} 没有导出 ${missing}。请保留初始代码中的名称和 \`export\` 关键字（它导出的是 ${found}）。`,
    asyncExport: (what) =>
      `${what} 是 async 函数，因此它返回的是 Promise，而不是结果本身。接口中的函数都是同步计算并直接返回值的：请去掉 \`async\`（以及所有 \`await\`）。`,
    checkTimeout: (seconds) => `没有在 ${seconds} 秒内完成。请检查是否有永不结束的循环，或者计算量过大。`,
    threwAsynchronouslyPrefix: '你的代码异步抛出了',
    asyncSurfaced: (message, during) => `${message}。这个错误是在运行“${during}”时出现的。`,
    duringLoading: (file) => `加载 ${file}`,
    duringSpec: '加载规格文件',
    duringDiagnosis: '诊断可能的错误',
    andMore: (list, more) => `${list} 等（另有 ${more} 个）`,
    patchedBuiltIn: (list, during) =>
      `你的代码替换了 ${list}，这是检查所依赖的 JavaScript 内置对象（在“${during}”之后发现）。被替换的内置对象可能让错误的答案看起来是对的，因此这次评测不能通过：请不要改动内置对象。`,
    graderFailed: (message) => `评测程序自身出错：${message}`,
  },
});
