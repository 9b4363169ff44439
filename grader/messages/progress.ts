/**
 * The learner's progress file: the warnings when it cannot be read or saved, and the reasons a
 * file is not a progress file (shown in the warning that sets it aside).
 */
import { defineMessages } from '../i18n/messages.ts';

// Declared apart so that its strings are typed `string`, not their literal English text.
const en = {
  // progress-store.ts
  cannotRead: (path: string, why: string) => `Could not read your progress file ${path} (${why}); continuing without it.`,
  movedAside: (file: string, reason: string, aside: string) =>
    `Your progress file ${file} could not be read: ${reason}. It was moved to ${aside} and progress starts afresh (your code is untouched).`,
  cannotMoveAside: (path: string, reason: string, why: string) =>
    `Your progress file ${path} could not be read (${reason}) nor moved aside (${why}); continuing without it.`,
  cannotSave: (path: string, why: string) => `Could not save your progress to ${path} (${why}).`,

  // progress.ts: ProgressFormatError reasons
  notJson: (why: string) => `it is not valid JSON (${why})`,
  notJsonObject: 'it is not a JSON object',
  versionIs: (version: string) => `its version is ${version}, expected 1`,
  fieldNotObject: (field: string) => `${field} is not an object`,
  fieldNotList: (field: string) => `${field} is not a list`,
  fieldIs: (field: string, value: string) => `${field} is ${value}`,
  langIs: (field: string, value: string, expected: string) => `${field} is ${value}, expected ${expected}`,
  or: ' or ',
  badCheckCounts: (field: string) => `${field} has bad check counts`,
  notTime: (field: string) => `${field} is not a time`,
  notCount: (field: string) => `${field} is not a count`,
  notKataName: (field: string) => `${field} is not a kata's name`,
  notDrillName: (field: string) => `${field} is not a drill's name`,
  notPositive: (field: string) => `${field} is not a positive number`,
  notDuration: (field: string) => `${field} is not a duration`,
  notBoolean: (field: string) => `${field} is not true or false`,
  notTextList: (field: string) => `${field} is not a list of texts`,
  noId: (field: string) => `${field} has no id`,
  scoreNotCount: (field: string) => `${field} is not a count of its questions`,
  notLineNumber: (field: string) => `${field} is not a line number`,
};

export const progress = defineMessages('progress', {
  en,
  'zh-CN': {
    cannotRead: (path, why) => `无法读取你的进度文件 ${path}（${why}）；本次不使用进度继续。`,
    movedAside: (file, reason, aside) => `无法读取你的进度文件 ${file}：${reason}。它已被移到 ${aside}，进度从头开始（你的代码没有改动）。`,
    cannotMoveAside: (path, reason, why) => `无法读取你的进度文件 ${path}（${reason}），也无法把它移开（${why}）；本次不使用进度继续。`,
    cannotSave: (path, why) => `无法把你的进度保存到 ${path}（${why}）。`,

    notJson: (why) => `它不是有效的 JSON（${why}）`,
    notJsonObject: '它不是一个 JSON 对象',
    versionIs: (version) => `它的版本是 ${version}，应为 1`,
    fieldNotObject: (field) => `${field} 不是对象`,
    fieldNotList: (field) => `${field} 不是列表`,
    fieldIs: (field, value) => `${field} 的值是 ${value}，不合法`,
    langIs: (field, value, expected) => `${field} 的值是 ${value}，应为 ${expected}`,
    or: ' 或 ',
    badCheckCounts: (field) => `${field} 的检查项计数有误`,
    notTime: (field) => `${field} 不是时间`,
    notCount: (field) => `${field} 不是计数`,
    notKataName: (field) => `${field} 不是题名`,
    notDrillName: (field) => `${field} 不是找 bug 题的名字`,
    notPositive: (field) => `${field} 不是正数`,
    notDuration: (field) => `${field} 不是时长`,
    notBoolean: (field) => `${field} 不是 true 或 false`,
    notTextList: (field) => `${field} 不是文本列表`,
    noId: (field) => `${field} 没有 id`,
    scoreNotCount: (field) => `${field} 不是不超过题数的计数`,
    notLineNumber: (field) => `${field} 不是行号`,
  },
});
