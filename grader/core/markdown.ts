/**
 * Markdown for the terminal: enough of it for kata statements and hints to read well in the
 * menu. Headings stand out, paragraphs and list items are re-wrapped to the terminal's width,
 * code blocks are kept exactly (the math lives there), tables become aligned columns,
 * `code` and **bold** are coloured, *emphasis* loses its stars. Anything else is passed through as text.
 */
import { breakablePieces, displayWidth } from '../i18n/width.ts';
import { plain, type Style } from './style.ts';


/**
 * Marks a word that continues the previous one without a space: Chinese has no spaces, so a
 * run of it is cut into pieces a line may break between (width.ts), and wrapping joins them
 * back without one. The word joiner is invisible and zero-width, and is removed when joined.
 */
const GLUE = '\u2060';

/** The words of a run of text without spaces: one, or for Chinese, pieces glued together. */
function runWords(run: string): string[] {
  return breakablePieces(run).map((piece, i) => (i === 0 ? piece : GLUE + piece));
}

/** Plain text cut into words for wrapping: at spaces, and between Chinese characters. */
export function plainWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).flatMap(runWords);
}

/** A paragraph's source lines as one: a line break is a space, except between two Chinese characters. */
function joinLines(lines: readonly string[]): string {
  return lines.reduce((text, line) => (text === '' ? line : /[\u3000-\u9fff\uff00-\uffef]$/.test(text) && /^[\u3000-\u9fff\uff00-\uffef]/.test(line) ? text + line : `${text} ${line}`), '');
}

/** Words back into one line: with spaces between them, none before a glued piece. */
export function joinWords(words: readonly string[]): string {
  return words.reduce((line, word) => (word.startsWith(GLUE) ? line + word.slice(1) : line === '' ? word : `${line} ${word}`), '');
}

// **bold**, `code`, [link](url), *emphasis* (the terminal has no italics: the stars just go).
const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])/g;

/** A paragraph's words, each already styled, with inline markup removed. */
export function styledWords(text: string, s: Style): string[] {
  const words: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current !== '') words.push(current);
    current = '';
  };
  // Append text with its spaces as word breaks, every piece styled by `paint`.
  const add = (piece: string, paint: (t: string) => string): void => {
    piece.split(/(\s+)/).forEach((part, i) => {
      if (i % 2 === 1) flush();
      else if (part !== '') {
        // Chinese: a break is allowed between the pieces of the run, which stay glued otherwise.
        runWords(part).forEach((bit, j) => {
          if (j > 0) {
            flush();
            current = GLUE;
          }
          current += paint(bit.startsWith(GLUE) ? bit.slice(1) : bit);
        });
      }
    });
  };
  // Inline markup, bold possibly holding code: **an `Error`**.
  const inline = (piece: string, outer: (t: string) => string): void => {
    let at = 0;
    for (const match of piece.matchAll(INLINE)) {
      add(piece.slice(at, match.index), outer);
      if (match[1] !== undefined) inline(match[1], (t) => s.bold(outer(t)));
      else if (match[2] !== undefined) add(match[2], (t) => s.cyan(outer(t)));
      else if (match[3] !== undefined) add(`${match[3]} (${match[4]})`, outer);
      else inline(match[5], outer);
      at = match.index + match[0].length;
    }
    add(piece.slice(at), outer);
  };
  inline(text, (t) => t);
  flush();
  return words;
}

/** Styled words laid out in lines of at most `width` visible columns, each line prefixed. */
export function wrapWords(words: readonly string[], width: number, first: string, rest = first): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const raw of words) {
    const glued = raw.startsWith(GLUE);
    const word = glued ? raw.slice(1) : raw;
    const w = displayWidth(word);
    const gap = line === '' || glued ? 0 : 1;
    const indent = lines.length === 0 ? first : rest;
    if (line !== '' && displayWidth(indent) + lineWidth + gap + w > width) {
      lines.push(indent + line);
      line = word;
      lineWidth = w;
    } else {
      line += (gap ? ' ' : '') + word;
      lineWidth += gap + w;
    }
  }
  lines.push((lines.length === 0 ? first : rest) + line);
  return lines;
}

function renderTable(rows: string[][], s: Style): string[] {
  const styled = rows.map((cells, r) => cells.map((cell) => {
    const text = joinWords(styledWords(cell, s));
    return r === 0 ? s.bold(text) : text;
  }));
  const widths: number[] = [];
  for (const cells of styled) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  const line = (cells: string[]): string =>
    `  ${cells.map((cell, i) => cell + ' '.repeat(widths[i] - displayWidth(cell))).join('   ')}`.trimEnd();
  const [head, ...body] = styled;
  return [line(head), s.dim(`  ${widths.map((w) => '─'.repeat(w)).join('   ')}`), ...body.map(line)];
}

const tableCells = (line: string): string[] =>
  line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());

const LIST_ITEM = /^(\s*)([-*]|\d+\.)\s+(.*)$/;

/** The markdown, rendered for a terminal `width` columns wide. */
export function renderMarkdown(markdown: string, s: Style = plain, width = 80): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  const blank = (): void => {
    if (out.length > 0 && out[out.length - 1] !== '') out.push('');
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      blank();
      i++;
    } else if (/^```/.test(line)) {
      // A fenced code block: verbatim up to the closing fence.
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) out.push(`    ${s.cyan(lines[i++])}`);
      i++;
    } else if (/^( {4}|\t)/.test(line)) {
      // An indented code block: verbatim, blank lines inside it included.
      const block: string[] = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i]) || lines[i].trim() === '')) block.push(lines[i++]);
      while (block.length > 0 && block[block.length - 1].trim() === '') block.pop();
      for (const code of block) out.push(code.trim() === '' ? '' : `    ${s.cyan(code.replace(/^( {4}|\t)/, ''))}`);
      blank();
    } else if (/^#{1,6}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length;
      const text = joinWords(styledWords(line.replace(/^#+\s*/, ''), plain));
      blank();
      out.push(level === 1 ? s.bold(s.cyan(text)) : s.bold(text));
      if (level === 1) out.push(s.dim('═'.repeat(Math.min(width, displayWidth(text)))));
      i++;
    } else if (/^\s*\|/.test(line)) {
      const rows: string[][] = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) {
        // The |---|---| row under the header only marks it as a table.
        if (!/^\s*\|[\s:|-]+\|?\s*$/.test(lines[i])) rows.push(tableCells(lines[i]));
      }
      out.push(...renderTable(rows, s));
    } else if (LIST_ITEM.test(line)) {
      const [, indent, marker, first] = LIST_ITEM.exec(line)!;
      const text = [first];
      // Continuation lines are indented past the marker.
      for (i++; i < lines.length && /^\s+\S/.test(lines[i]) && !LIST_ITEM.test(lines[i]); i++) text.push(lines[i].trim());
      const bullet = marker === '-' || marker === '*' ? '•' : marker;
      const lead = `${indent}  ${bullet} `;
      out.push(...wrapWords(styledWords(joinLines(text), s), width, lead, ' '.repeat(lead.length)));
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|\s*\||( {4}|\t))/.test(lines[i]) && !LIST_ITEM.test(lines[i]); i++) {
        text.push(lines[i].trim());
      }
      out.push(...wrapWords(styledWords(joinLines(text), s), width, ''));
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
