// One tokenizer for both grammars. Whitespace and line breaks are tokens because MATLAB's element separation depends
// on them; the nested-list grammar drops them. Comments are skipped (a line comment still leaves its line break).

import type { Syntax } from './types';

/** Token kinds: numbers, dotted names, strings, operators, brackets and separators. */
export type TokenKind = 'num' | 'name' | 'str' | 'op' | '[' | ']' | '(' | ')' | ',' | ';' | '=' | 'ws' | 'nl' | 'other';

/** A token with its text and its offset in the literal's text. */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
}

const NAME = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/y;
const SINGLE: Record<string, TokenKind> = {
  '[': '[',
  ']': ']',
  '(': '(',
  ')': ')',
  ',': ',',
  ';': ';',
  '=': '=',
  '+': 'op',
  '-': 'op',
  '*': 'op',
  '/': 'op',
  '^': 'op',
};

/**
 * Splits `text` into tokens for `syntax`. Nested: `#`, `//` and `/* *\/` comments; whitespace and line breaks are
 * dropped. MATLAB: `%` and `#` comments, whitespace and line breaks kept, `...` continues the line (becomes
 * whitespace), `'` after a value is the transpose operator (MATLAB's own rule).
 * Never throws: characters it does not know become `other` tokens, which the grammars report.
 * Scans char codes by hand: a 100×100 literal is ~30 000 tokens and the hover has a few milliseconds.
 */
export function tokenize(text: string, syntax: Syntax): Token[] {
  const out: Token[] = [];
  const keepSpace = syntax === 'matlab';
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      let j = i + 1;
      while (j < text.length && isSpace(text.charCodeAt(j))) j++;
      if (keepSpace) out.push({ kind: 'ws', text: text.slice(i, j), start: i });
      i = j;
      continue;
    }
    if (c === NEWLINE) {
      if (keepSpace) out.push({ kind: 'nl', text: '\n', start: i });
      i++;
      continue;
    }
    const skipped = skipComment(text, i, syntax);
    if (skipped > i) {
      if (keepSpace && text[i] === '.') out.push({ kind: 'ws', text: ' ', start: i });
      i = skipped;
      continue;
    }
    const tok = readToken(text, i, syntax, out[out.length - 1]);
    out.push(tok);
    i = tok.start + tok.text.length;
  }
  return out;
}

const NEWLINE = 10;

/** Blanks, including the no-break and other Unicode spaces a paste from a web page or a PDF brings along. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 13 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Returns the offset after a comment or continuation starting at `i`, or `i` when there is none. */
function skipComment(text: string, i: number, syntax: Syntax): number {
  const c = text[i];
  if (c !== '#' && c !== '/' && c !== '%' && c !== '.') return i;
  const next = text[i + 1];
  if (syntax === 'matlab') {
    const block = matlabBlockComment(text, i);
    if (block > i) return block;
  }
  const lineComment =
    syntax === 'matlab' ? c === '%' || c === '#' : c === '#' || (syntax === 'nested' && c === '/' && next === '/');
  if (lineComment) return endOfLine(text, i);
  if (syntax === 'nested' && c === '/' && next === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (syntax === 'matlab' && text.startsWith('...', i)) {
    const eol = endOfLine(text, i);
    return eol < text.length ? eol + 1 : eol;
  }
  return i;
}

/**
 * End of a block comment starting at `i`, or `i`: Julia's `#= … =#` (anywhere), MATLAB's `%{ … %}` (each marker alone
 * on its line, as MATLAB requires; otherwise `%{` is a line comment). An unclosed block runs to the end of the text.
 */
function matlabBlockComment(text: string, i: number): number {
  if (text.startsWith('#=', i)) {
    const end = text.indexOf('=#', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (!text.startsWith('%{', i) || !aloneOnLine(text, i, 2)) return i;
  const close = /^[ \t]*%\}[ \t]*$/m;
  const rest = text.slice(endOfLine(text, i));
  const m = close.exec(rest);
  return m ? endOfLine(text, endOfLine(text, i) + m.index + 1) : text.length;
}

/** True when only blanks surround the `len` characters at `i` on their line. */
function aloneOnLine(text: string, i: number, len: number): boolean {
  const start = text.lastIndexOf('\n', i - 1) + 1;
  return text.slice(start, i).trim() === '' && text.slice(i + len, endOfLine(text, i)).trim() === '';
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** Hexadecimal, octal and binary integers of Python and JS (`0x10`, `0o17`, `0b101`; `_` between digits). */
const PREFIXED = /0(?:[xX][\da-fA-F](?:_?[\da-fA-F])*|[oO][0-7](?:_?[0-7])*|[bB][01](?:_?[01])*)(?![\w$.])/y;

function readToken(text: string, i: number, syntax: Syntax, prev: Token | undefined): Token {
  const c = text[i];
  PREFIXED.lastIndex = i;
  const prefixed = syntax === 'matlab' ? null : PREFIXED.exec(text);
  if (prefixed) return { kind: 'num', text: prefixed[0], start: i };
  const end = numberEnd(text, i);
  if (end > i) {
    // "1j", "2im", "3n": a number glued to letters is not a plain number.
    let j = end;
    while (j < text.length && (isWordChar(text.charCodeAt(j)) || text[j] === '.')) j++;
    return { kind: j > end ? 'other' : 'num', text: text.slice(i, j), start: i };
  }
  if (isWordChar(text.charCodeAt(i))) {
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) return { kind: 'name', text: name[0], start: i };
  }
  if (c === '"' || c === '`' || (c === "'" && !(syntax === 'matlab' && isValue(prev)))) {
    return { kind: 'str', text: readString(text, i), start: i };
  }
  if (c === "'") return { kind: 'op', text: c, start: i };
  return { kind: SINGLE[c] ?? 'other', text: c, start: i };
}

/** End of the number at `i` (`12`, `1_000`, `.5`, `3.`, `2.5E+2`), or `i` when none starts there. */
function numberEnd(text: string, i: number): number {
  const whole = digitsEnd(text, i);
  let j = whole;
  if (text[j] === '.' && (whole > i || isDigit(text.charCodeAt(j + 1)))) j = digitsEnd(text, j + 1);
  else if (whole === i) return i;
  if (text[j] === 'e' || text[j] === 'E') {
    const sign = text[j + 1] === '+' || text[j + 1] === '-' ? 1 : 0;
    const exp = digitsEnd(text, j + 1 + sign);
    if (exp > j + 1 + sign) j = exp;
  }
  return j;
}

/** End of a run of digits (underscores allowed after the first digit). No closures here: this runs per number. */
function digitsEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && (isDigit(text.charCodeAt(j)) || (j > from && text[j] === '_'))) j++;
  return j;
}

/** MATLAB: a quote right after a value (no space) transposes it instead of opening a string. */
function isValue(prev: Token | undefined): boolean {
  return prev !== undefined && ['num', 'name', ']', ')', 'str'].includes(prev.kind);
}

function readString(text: string, i: number): string {
  const quote = text[i];
  let j = i + 1;
  while (j < text.length && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return text.slice(i, Math.min(j + 1, text.length));
}
