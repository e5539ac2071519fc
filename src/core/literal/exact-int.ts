// Python's ints are exact at any size, doubles are not beyond 2⁵³: `2**53 + 1` is 9007199254740993 to numpy, which
// wraps it into uint8 as 1, while the double the parser holds says 9007199254740992 (→ 0). For the rare integer entry
// beyond 2⁵³ this evaluates its text again with BigInt: integer literals, unary signs, + - * // ** and parentheses.

import { tokenize, type Token } from './lexer';

/** The exact value of an integer expression, or undefined when `text` is not one (a float, a name, `/`). */
export function exactInteger(text: string): bigint | undefined {
  const s = { tokens: tokenize(text, 'python'), i: 0 };
  try {
    const v = sum(s);
    return s.i === s.tokens.length ? v : undefined;
  } catch {
    // A malformed literal, a negative exponent or a division by zero: not an exact integer.
    return undefined;
  }
}

interface State {
  tokens: readonly Token[];
  i: number;
}

function sum(s: State): bigint {
  let v = product(s);
  for (let op = op1(s); op === '+' || op === '-'; op = op1(s)) {
    s.i++;
    const r = product(s);
    v = op === '+' ? v + r : v - r;
  }
  return v;
}

function product(s: State): bigint {
  let v = unary(s);
  for (;;) {
    const op = op2(s) ?? op1(s);
    if (op !== '*' && op !== '//') return v;
    s.i += op.length;
    const r = unary(s);
    v = op === '*' ? v * r : floorDiv(v, r);
  }
}

function unary(s: State): bigint {
  const op = op1(s);
  if (op === '+' || op === '-') {
    s.i++;
    const v = unary(s);
    return op === '-' ? -v : v;
  }
  const base = atom(s);
  if (op2(s) !== '**') return base;
  s.i += 2;
  const exp = unary(s);
  if (exp < 0n) throw new RangeError('a negative power is a float');
  return base ** exp;
}

function atom(s: State): bigint {
  const t = s.tokens[s.i++];
  if (t?.kind === 'num' && /^(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*)$/.test(t.text)) return BigInt(t.text.replace(/_/g, ''));
  if (t?.kind === 'name' && (t.text === 'True' || t.text === 'False')) return t.text === 'True' ? 1n : 0n;
  if (t?.kind !== '(') throw new SyntaxError('not an integer');
  const v = sum(s);
  if (s.tokens[s.i++]?.kind !== ')') throw new SyntaxError('unclosed parenthesis');
  return v;
}

/** Python's `//`: the floor of the quotient (BigInt's `/` truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The one-character operator at the cursor. */
function op1(s: State): string | undefined {
  const t = s.tokens[s.i];
  return t?.kind === 'op' ? t.text : undefined;
}

/** `**` or `//` written without a gap at the cursor. */
function op2(s: State): string | undefined {
  const [a, b] = [s.tokens[s.i], s.tokens[s.i + 1]];
  if (a?.kind !== 'op' || b?.kind !== 'op' || a.text !== b.text || b.start !== a.start + 1) return undefined;
  return a.text === '*' || a.text === '/' ? a.text + b.text : undefined;
}
