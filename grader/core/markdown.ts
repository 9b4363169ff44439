/**
 * Markdown for the terminal: enough of it for kata statements and hints to read well in the
 * menu. Headings stand out, paragraphs and list items are re-wrapped to the terminal's width,
 * code blocks are kept exactly (the math lives there), tables become aligned columns,
 * `code` and **bold** are coloured, *emphasis* loses its stars. Anything else is passed through as text.
 */
import { plain, stripAnsi, type Style } from './style.ts';

const visibleLength = (text: string): number => [...stripAnsi(text)].length;

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
      else if (part !== '') current += paint(part);
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
  for (const word of words) {
    const w = visibleLength(word);
    const indent = lines.length === 0 ? first : rest;
    if (line !== '' && indent.length + lineWidth + 1 + w > width) {
      lines.push(indent + line);
      line = word;
      lineWidth = w;
    } else {
      line = line === '' ? word : `${line} ${word}`;
      lineWidth += (lineWidth === 0 ? 0 : 1) + w;
    }
  }
  lines.push((lines.length === 0 ? first : rest) + line);
  return lines;
}

function renderTable(rows: string[][], s: Style): string[] {
  const styled = rows.map((cells, r) => cells.map((cell) => {
    const text = styledWords(cell, s).join(' ');
    return r === 0 ? s.bold(text) : text;
  }));
  const widths: number[] = [];
  for (const cells of styled) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  const line = (cells: string[]): string =>
    `  ${cells.map((cell, i) => cell + ' '.repeat(widths[i] - visibleLength(cell))).join('   ')}`.trimEnd();
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
      const text = styledWords(line.replace(/^#+\s*/, ''), plain).join(' ');
      blank();
      out.push(level === 1 ? s.bold(s.cyan(text)) : s.bold(text));
      if (level === 1) out.push(s.dim('═'.repeat(Math.min(width, visibleLength(text)))));
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
      out.push(...wrapWords(styledWords(text.join(' '), s), width, lead, ' '.repeat(lead.length)));
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i].trim() !== '' && !/^(#{1,6}\s|```|\s*\||( {4}|\t))/.test(lines[i]) && !LIST_ITEM.test(lines[i]); i++) {
        text.push(lines[i].trim());
      }
      out.push(...wrapWords(styledWords(text.join(' '), s), width, ''));
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
