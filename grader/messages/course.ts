/**
 * The course's files as a learner meets them: a kata name that matches none or several, and
 * the notices of a grade that used the course's original of a file the checkout changed.
 */
import { defineMessages } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  // manifest.ts: findKata
  couldMean: (name: string, matches: string, list: string) => `"${name}" could mean ${matches}. Type more of the name.\nKatas:\n${list}`,
  /** Between alternatives but the last two, then `or`: "a or b or c"; “a、b 或 c”. */
  listSeparator: ' or ',
  or: ' or ',
  noSuchKata: (name: string, list: string) => `There is no kata called "${name}". The katas are:\n${list}`,

  // course-files.ts: a grade with the course's originals
  toolkitChanged: (file: string) =>
    `${file} differs from the course's toolkit, and the checks use it, so a changed toolkit could make a wrong answer pass. ` +
    `Keep your version elsewhere if you need it, then restore the course's: git checkout -- ${file}`,
  usedOriginal: (file: string) => `Your ${file} differs from the course's, so this grade used the course's original. Your copy is untouched.`,
  fixtureMissing: (file: string) => `${file} is missing from your checkout, so this grade used the course's original.`,

  // course-lock.ts
  lockUnreadable: (file: string, why: string) => `${file} cannot be read (${why}); restore it with git checkout -- katas/course.lock.json`,
  originalUnreadable: (file: string, why: string) =>
    `${file} differs from the course's original, and the original cannot be read back (${why}). Restore it from the course.`,
  noGit: 'git is not installed',
  notInHistory: "git's history does not have it",
};

export const course = defineMessages('course', {
  en,
  'zh-CN': {
    couldMean: (name, matches, list) => `"${name}" 可能指 ${matches}。请把名字写得更完整一些。\n可选的题：\n${list}`,
    listSeparator: '、',
    or: ' 或 ',
    noSuchKata: (name, list) => `没有名为 "${name}" 的题。所有的题：\n${list}`,

    toolkitChanged: (file) =>
      `${file} 与课程自带的工具库不同，而检查项会用到它，改动过的工具库可能让错误的答案也通过。` +
      `如有需要，请把你的版本另存到别处，然后恢复课程的版本：git checkout -- ${file}`,
    usedOriginal: (file) => `你的 ${file} 与课程的版本不同，因此本次评测使用了课程的原始文件。你的副本没有改动。`,
    fixtureMissing: (file) => `你的代码目录中缺少 ${file}，因此本次评测使用了课程的原始文件。`,

    lockUnreadable: (file, why) => `无法读取 ${file}（${why}）；请用 git checkout -- katas/course.lock.json 恢复它`,
    originalUnreadable: (file, why) => `${file} 与课程的原始文件不同，且无法读回原始文件（${why}）。请从课程中恢复它。`,
    noGit: '没有安装 git',
    notInHistory: 'git 历史中没有这个文件',
  },
});
