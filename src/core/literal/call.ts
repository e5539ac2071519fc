// `corr2d(X, K)` / `conv2d(X, K)` calls whose arguments are literals bound to names in the same file: the hover over
// the call shows the result. Bindings are looked up outward from the call line (nearest assignment above first,
// then below), within the same bounded window as the literal finder.

import { literalFrom, matchForward, MaskedLines, type FoundLiteral, type LineSource } from './find';
import { readCallOptions, type CallOptions } from './call-options';
import { WRAPPERS } from './nested';
import { parseLiteral } from './parse';
import type { Pos, Syntax } from './types';

/** One argument of the call: its text, and the literal it resolved to (directly or through a name). */
export interface CallArgument {
  text: string;
  /** Where the literal was found (a binding `X = [[...]]` or the argument itself); undefined when unresolved. */
  literal?: FoundLiteral;
  /** Why the argument could not be resolved, e.g. 'no literal assigned to "X" near the call'. */
  problem?: string;
}

/**
 * The calls the hover and the panels read, by their last name part: d2l's `corr2d`, `corr2d_multi_in`,
 * `corr2d_multi_in_out` (§7.4), the frameworks' `conv2d` (a cross-correlation), and transposed convolutions: d2l's
 * `trans_conv` (§14.10), PyTorch's `conv_transpose2d`, TensorFlow's `conv2d_transpose`.
 */
const CALL_KINDS: Readonly<Record<string, FoundCall['kind']>> = {
  corr2d: 'correlation',
  conv2d: 'correlation',
  corr2d_multi_in: 'correlation',
  corr2d_multi_in_out: 'correlation',
  trans_conv: 'transposed',
  conv_transpose2d: 'transposed',
  conv2d_transpose: 'transposed',
};

/** A cross-correlation (or transposed convolution) call under the cursor. */
export interface FoundCall {
  name: string;
  /** Cross-correlation, or transposed convolution (each input cell scatters x·K into the output). */
  kind: 'correlation' | 'transposed';
  start: Pos;
  end: Pos;
  X: CallArgument;
  K: CallArgument;
  /** Padding, stride and dilation the call passes, and the arguments after X and K it passes that are not applied. */
  options: CallOptions;
}

const CALL = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/g;
const DEFAULT_MAX_LINES = 2000;

/**
 * The call of `CALL_KINDS` (any dotted prefix: `d2l.corr2d`) whose name or parentheses are under `pos` on
 * the call's first line, with its first two arguments resolved. Undefined when there is no such call, or when an
 * argument is an expression rather than a name or a literal (the hover stays quiet then).
 */
export function findCall(
  src: LineSource,
  pos: Pos,
  opts: { syntax: Syntax; maxLines?: number },
): FoundCall | undefined {
  const lines = new MaskedLines(src, opts.syntax);
  const maxLines = opts.maxLines ?? DEFAULT_MAX_LINES;
  const text = lines.at(pos.line) ?? '';
  for (const m of text.matchAll(CALL)) {
    const last = m[1].slice(m[1].lastIndexOf('.') + 1);
    const kind = CALL_KINDS[last];
    if (m.index > pos.character || kind === undefined) continue;
    // `def corr2d(X, K):` / `function corr2d(X, K)` declare the function; they do not call it.
    if (/\b(?:def|function)\s+$/.test(text.slice(0, m.index))) continue;
    const open = { line: pos.line, character: m.index + m[0].length - 1 };
    const end = matchForward(lines, open, Math.min(maxLines, 50));
    if (!end || !before(pos, end)) continue;
    const all = splitArguments(lines.text({ line: open.line, character: open.character + 1 }, end).slice(0, -1));
    const [xAt, kAt] = operandIndices(all);
    if (xAt < 0 || kAt < 0) continue;
    const start = { line: pos.line, character: m.index };
    const X = resolveArgument(lines, valueOf(all[xAt]), pos.line, maxLines);
    const K = resolveArgument(lines, valueOf(all[kAt]), pos.line, maxLines);
    // An argument that is an expression (`tf.transpose(tf.constant(X))`, `X + 1`): nothing to show, stay quiet.
    if (!X || !K) continue;
    const extra = all.filter((_, k) => k !== xAt && k !== kAt).flatMap(objectEntries);
    return { name: m[1], kind, start, end, X, K, options: readCallOptions(extra, kind) };
  }
  return undefined;
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** `padding=1` (Python keyword argument). */
function isKeyword(arg: string): boolean {
  return /^[A-Za-z_]\w*\s*=[^=]/.test(arg);
}

/** Keyword names of the input and the kernel: d2l's `X`, `K`; TensorFlow's `input`, `filters`; PyTorch's `weight`. */
const INPUT_NAMES = new Set(['X', 'x', 'input', 'inputs', 'image']);
const KERNEL_NAMES = new Set(['K', 'k', 'kernel', 'filters', 'filter', 'weight']);

/** Indices in `all` of the input and the kernel: the first two positional arguments, else the keyword ones. */
function operandIndices(all: readonly string[]): [number, number] {
  const positional = all.flatMap((a, k) => (isKeyword(a) ? [] : [k]));
  const named = (names: Set<string>) =>
    all.findIndex((a) => isKeyword(a) && names.has(a.slice(0, a.indexOf('=')).trim()));
  return [positional[0] ?? named(INPUT_NAMES), positional.length >= 2 ? positional[1] : named(KERNEL_NAMES)];
}

/** The value of `name=value`, or the argument itself. */
function valueOf(arg: string): string {
  return isKeyword(arg) ? arg.slice(arg.indexOf('=') + 1).trim() : arg;
}

/** An options object `{ padding: 'same', strides: 2 }` as its entries; any other argument as itself. */
function objectEntries(arg: string): string[] {
  return /^\{[\s\S]*\}$/.test(arg) ? splitArguments(arg.slice(1, -1)) : [arg];
}

/** Splits at top-level commas, every argument (positional and keyword) in order, trimmed. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k <= text.length; k++) {
    const c = text[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (k === text.length || (c === ',' && depth === 0)) {
      parts.push(text.slice(from, k).trim());
      from = k + 1;
    }
  }
  return parts.filter((p) => p !== '');
}

/**
 * A name (bare or in a wrapper: `tf.constant(X, dtype=tf.float32)`) resolved to its binding, or an inline literal
 * parsed. Undefined when the argument is neither — an expression such as `tf.transpose(tf.constant(X))`: its
 * "syntax error" would only confuse (it is valid code, just not a literal).
 */
function resolveArgument(
  lines: MaskedLines,
  raw: string,
  callLine: number,
  maxLines: number,
): CallArgument | undefined {
  // `tf.constant(X, dtype=tf.float32)`: a wrapper around a name stands for the name's literal.
  const wrapped = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(\s*([A-Za-z_$][\w$]*)\s*[,)]/.exec(raw);
  const arg = wrapped && WRAPPERS.has(wrapped[1]) ? wrapped[2] : raw;
  if (!/^[A-Za-z_$][\w$]*$/.test(arg)) {
    const result = parseLiteral(arg, lines.syntax);
    if (!result.ok && result.kind === 'syntax') return undefined;
    const literal = {
      start: { line: callLine, character: 0 },
      end: { line: callLine, character: 0 },
      text: arg,
      result,
    };
    return result.ok ? { text: arg, literal } : { text: arg, problem: `${arg}: ${result.message}` };
  }
  const literal = findBinding(lines, arg, callLine, maxLines);
  return literal
    ? { text: arg, literal }
    : { text: arg, problem: `no matrix literal assigned to "${arg}" near the call` };
}

/**
 * The literal assigned to `name` nearest to `callLine`: `X = [[...]]`, `const K: number[][] = [...]`,
 * `X = np.array(...)`. Looks upward first (the value a script would see), then downward.
 */
export function findBinding(
  lines: MaskedLines,
  name: string,
  callLine: number,
  maxLines: number,
): FoundLiteral | undefined {
  const re = new RegExp(`^\\s*(?:(?:export\\s+)?(?:const|let|var)\\s+)?${escapeRegExp(name)}\\s*(?::[^=]*)?=(?!=)\\s*`);
  const bindingAt = (k: number): FoundLiteral | undefined => {
    const text = lines.at(k);
    const m = text === undefined ? null : re.exec(text);
    return m ? literalAfter(lines, k, m[0].length, maxLines) : undefined;
  };
  for (let k = callLine - 1; k >= Math.max(0, callLine - maxLines); k--) {
    const text = lines.at(k);
    if (text !== undefined && re.test(text)) return bindingAt(k);
  }
  for (let k = callLine + 1; k <= callLine + maxLines && k < lines.src.lineCount; k++) {
    const text = lines.at(k);
    if (text !== undefined && re.test(text)) return bindingAt(k);
  }
  return undefined;
}

/** The literal starting at column `col` of line `k` (a `[`, a known wrapper call, `new Float32Array(…)`). */
function literalAfter(lines: MaskedLines, k: number, col: number, maxLines: number): FoundLiteral | undefined {
  const text = lines.at(k) ?? '';
  const start = { line: k, character: col };
  if (text[col] === '[') return literalFrom(lines, start, start, maxLines);
  const m = /^(?:new\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\(/.exec(text.slice(col));
  if (!m || !WRAPPERS.has(m[1])) return undefined;
  return literalFrom(lines, start, { line: k, character: col + m[0].length - 1 }, maxLines);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
