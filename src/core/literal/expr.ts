// Evaluates one entry of a literal: numbers joined by + - * / (and Python's // and **) with the usual precedence,
// unary signs, parentheses, and the names that mean NaN or infinity. Anything else is "not a number" (the hover names it).

import type { Token } from './lexer';

const SPECIAL: Record<string, number> = {
  nan: NaN,
  NaN: NaN,
  NAN: NaN,
  inf: Infinity,
  Inf: Infinity,
  INF: Infinity,
  Infinity: Infinity,
  infinity: Infinity,
  pi: Math.PI,
  PI: Math.PI,
  // Python's bools are ints (numpy makes np.array([True, False]) a bool array of 1 and 0).
  True: 1,
  False: 0,
  True_: 1,
  False_: 0,
};

/**
 * Names like `np.nan`, `math.inf`, `Infinity`, `np.pi`, `Math.PI`, MATLAB's `pi`, Python's `True` → their value;
 * others → undefined.
 */
function specialValue(name: string): number | undefined {
  const last = name.slice(name.lastIndexOf('.') + 1);
  const prefix = name.slice(0, Math.max(0, name.lastIndexOf('.')));
  const known = prefix === '' || ['np', 'numpy', 'math', 'Math', 'jnp', 'torch', 'Number'].includes(prefix);
  return known && last in SPECIAL ? SPECIAL[last] : undefined;
}

/**
 * Value of an entry given as tokens without whitespace (e.g. `-`, `2.5E+2`), or undefined when the tokens are not an
 * arithmetic expression over numbers. `[]` → undefined.
 */
export function evaluate(tokens: readonly Token[]): number | undefined {
  const state = { tokens, i: 0 };
  const v = sum(state);
  return v !== undefined && state.i === tokens.length ? v : undefined;
}

interface State {
  tokens: readonly Token[];
  i: number;
}

function sum(s: State): number | undefined {
  let v = product(s);
  while (v !== undefined && (peek(s) === '+' || peek(s) === '-')) {
    const op = s.tokens[s.i++].text;
    const r = product(s);
    v = r === undefined ? undefined : op === '+' ? v + r : v - r;
  }
  return v;
}

function product(s: State): number | undefined {
  let v = unary(s);
  while (v !== undefined && (peek(s) === '*' || peek(s) === '/') && !doubled(s, '*')) {
    const floor = doubled(s, '/');
    const op = s.tokens[s.i].text;
    s.i += floor ? 2 : 1;
    const r = unary(s);
    v = r === undefined ? undefined : floor ? Math.floor(v / r) : op === '*' ? v * r : v / r;
  }
  return v;
}

function unary(s: State): number | undefined {
  const t = peek(s);
  if (t === '+' || t === '-') {
    s.i++;
    const v = unary(s);
    return v === undefined ? undefined : t === '-' ? -v : v;
  }
  return power(s);
}

/** `a ** b`, binding tighter than a unary sign on its left and right-associative, as in Python and JS. */
function power(s: State): number | undefined {
  const base = atom(s);
  if (base === undefined || !doubled(s, '*')) return base;
  s.i += 2;
  const exp = unary(s);
  return exp === undefined ? undefined : base ** exp;
}

/** True when the next two tokens are `op` written without a gap (`**`, `//`). */
function doubled(s: State, op: string): boolean {
  const [a, b] = [s.tokens[s.i], s.tokens[s.i + 1]];
  return a?.kind === 'op' && a.text === op && b?.kind === 'op' && b.text === op && b.start === a.start + 1;
}

function atom(s: State): number | undefined {
  const t = s.tokens[s.i];
  if (t === undefined) return undefined;
  s.i++;
  if (t.kind === 'num') return Number(t.text.replace(/_/g, ''));
  if (t.kind === 'name') return specialValue(t.text);
  if (t.kind !== '(') return undefined;
  const v = sum(s);
  if (s.tokens[s.i]?.kind !== ')') return undefined;
  s.i++;
  return v;
}

function peek(s: State): string | undefined {
  const t = s.tokens[s.i];
  return t?.kind === 'op' ? t.text : undefined;
}
