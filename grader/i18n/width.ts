/**
 * Display width in a terminal: a CJK character, a full-width form or a wide emoji takes two
 * columns, a combining mark none. Columns and wrapping measure with this, not `.length`, so
 * the menu and the scorecard stay aligned in Chinese (string-width does the measuring: it knows
 * the Unicode East Asian Width tables, which a hand-written range list would get wrong).
 */
import stringWidth from 'string-width';

/** Columns the text takes on a terminal (ANSI colour codes take none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartTo(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

// Ideographs, kana, hangul, CJK punctuation and full-width forms: a line may break between any two of them.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3040-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/;
// Closing punctuation never starts a line, opening punctuation never ends one (the Chinese rule, 避头尾).
const NO_LINE_START = /^[，。、；：！？）」』》〉】”’,.;:!?)\]}%]/;
const NO_LINE_END = /[（「『《〈【“‘([{]$/;

/**
 * A run of text without spaces, cut where a line may break: between wide characters, and
 * between a wide character and a narrow one, never before closing punctuation or after opening
 * punctuation. `'反向传播（backprop）'` → `['反', '向', '传', '播（backprop）']`. English words
 * stay whole.
 */
export function breakablePieces(run: string): string[] {
  const chars = [...run];
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const prev = chars[i - 1];
    const boundary = piece !== '' && (WIDE.test(c) || WIDE.test(prev)) && !NO_LINE_START.test(c) && !NO_LINE_END.test(piece);
    if (boundary) {
      pieces.push(piece);
      piece = '';
    }
    piece += c;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}
