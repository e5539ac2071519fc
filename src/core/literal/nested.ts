// Grammar of nested-list literals (Python, JavaScript, TypeScript, JSON), optionally wrapped in a constructor call:
//   literal := [['new'] name '('] list (',' argument)* [','] [')']  |  TypedArray '.of' '(' entries ')'
//   list    := '[' [item (',' item)* [',']] ']'      item := list | entry
// Entries are arithmetic over numbers (`-2.5E+2`, `1/9`); the others are kept as text for the hover's message.

import { evaluate } from './expr';
import type { Token } from './lexer';
import { LiteralSyntaxError, type Node } from './types';

const TYPED_ARRAY_NAMES = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float16Array',
  'Float32Array',
  'Float64Array',
];

/**
 * The constructors whose first argument the hover reads as an array (numpy, TensorFlow, PyTorch, JAX, tfjs, and
 * ECMAScript typed arrays: `new Uint8Array([…])`, `Int16Array.from([…])`, `Float32Array.of(…)`). `array` and `tensor`
 * are numpy's and torch's names imported bare (`from numpy import array`), and how their repr() prints.
 */
export const WRAPPERS: ReadonlySet<string> = new Set([
  'np.array',
  'numpy.array',
  'np.asarray',
  'numpy.asarray',
  'array',
  'jnp.array',
  'jnp.asarray',
  'tf.constant',
  'tf.Variable',
  'torch.tensor',
  'torch.Tensor',
  'torch.as_tensor',
  'tensor',
  'tf.tensor',
  'tf.tensor1d',
  'tf.tensor2d',
  'tf.tensor3d',
  'tf.tensor4d',
  'tf.tensor5d',
  'tf.tensor6d',
  ...TYPED_ARRAY_NAMES.flatMap((n) => [n, `${n}.from`, `${n}.of`]),
]);

/** What a wrapper call says after its data: its dtype as written, and a shape (tfjs's `[2, 2]`, TF's `shape=`). */
export interface WrapperTail {
  dtype?: string;
  shape?: number[];
}

/** What the nested grammar returns: the list tree and, for a wrapped literal, the call's name, dtype and shape. */
export interface NestedParse extends WrapperTail {
  root: Node;
  wrapper?: string;
}

/**
 * Parses the tail of a wrapper call after its data, `, dtype=np.float32)`, given as tokens.
 * Throws `LiteralSyntaxError` when the call does not close.
 */
export function parseWrapperTail(all: readonly Token[], text: string): WrapperTail {
  return new Parser(
    all.filter((t) => t.kind !== 'ws' && t.kind !== 'nl'),
    text,
  ).argumentsTail();
}

/**
 * Parses nested-list tokens (whitespace and line breaks are ignored) from `text`.
 * Throws `LiteralSyntaxError` naming the unexpected token and its offset.
 */
export function parseNested(all: readonly Token[], text: string): NestedParse {
  const p = new Parser(
    all.filter((t) => t.kind !== 'ws' && t.kind !== 'nl'),
    text,
  );
  return p.literal();
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
  ) {}

  literal(): NestedParse {
    const wrapper = this.wrapperName();
    if (wrapper !== undefined) {
      // `Float32Array.of(1, 2, 3)`: the arguments are the elements.
      if (wrapper.endsWith('.of')) return { root: this.list('('), wrapper };
      this.i++;
      const root = this.peek()?.kind === '(' && this.tupleAhead() ? this.list('(') : this.list();
      // A typed array's other arguments (`Int16Array.from(xs, mapFn)`) change the values: not a literal then.
      const tail = /Array(?:\.from)?$/.test(wrapper) ? this.closeTypedArray() : this.argumentsTail();
      return { root, wrapper, ...tail };
    }
    const root = this.list();
    this.skipStatementEnd();
    return { root };
  }

  /** `name(` or `new name(` at the start: the wrapper as written (`new Uint8Array`), with `i` on its `(`. */
  private wrapperName(): string | undefined {
    const [a, b, c] = this.tokens;
    if (a?.kind === 'name' && a.text === 'new' && b?.kind === 'name' && c?.kind === '(') {
      this.i = 2;
      return `new ${b.text}`;
    }
    if (a?.kind !== 'name' || b?.kind !== '(') return undefined;
    this.i = 1;
    return a.text;
  }

  private closeTypedArray(): WrapperTail {
    if (this.peek()?.kind === ',' && this.tokens[this.i + 1]?.kind === ')') this.i++;
    this.expect(')');
    return {};
  }

  /** A list `[...]`, or a tuple `(a, b)` standing for one (numpy makes arrays of both). */
  private list(open: '[' | '(' = '['): Node {
    this.expect(open);
    const close = open === '[' ? ']' : ')';
    const items: Node[] = [];
    while (this.peek()?.kind !== close) {
      const next = this.peek()?.kind;
      items.push(
        next === '[' ? this.list('[') : next === '(' && this.tupleAhead() ? this.list('(') : this.entry(close),
      );
      if (this.peek()?.kind === ',') this.i++;
      else if (this.peek()?.kind !== close) this.fail(`"," or "${close}"`);
    }
    this.i++;
    return { list: items };
  }

  /** True when the `(` here holds a comma at its own level: `(1, 2)` and `(1,)` are tuples, `(1 + 2)` is not. */
  private tupleAhead(): boolean {
    let depth = 0;
    for (let k = this.i; k < this.tokens.length; k++) {
      const kind = this.tokens[k].kind;
      if (kind === '(' || kind === '[') depth++;
      else if (kind === ')' || kind === ']') {
        if (--depth === 0) return false;
      } else if (kind === ',' && depth === 1) return true;
    }
    return false;
  }

  /** Tokens up to the next top-level `,` or `close`; parentheses may nest inside an entry. */
  private entry(close: ']' | ')'): Node {
    const start = this.i;
    let depth = 0;
    for (let t = this.peek(); t !== undefined; t = this.peek()) {
      if (depth === 0 && (t.kind === ',' || t.kind === close)) break;
      if (t.kind === '[') this.fail(`"," or "${close}"`);
      if (t.kind === '(') depth++;
      if (t.kind === ')') depth--;
      this.i++;
    }
    const tokens = this.tokens.slice(start, this.i);
    if (tokens.length === 0) this.fail('a value');
    const last = tokens[tokens.length - 1];
    return { value: evaluate(tokens), text: this.text.slice(tokens[0].start, last.start + last.text.length) };
  }

  /**
   * After the data: `, dtype=...`, `shape=...`, other keywords, a positional dtype (`np.float32`, `'int32'`) or shape
   * (`[2, 2]`, as tfjs passes it), then `)`.
   */
  argumentsTail(): WrapperTail {
    let dtype: string | undefined;
    let positional: string | undefined;
    let shape: number[] | undefined;
    while (this.peek()?.kind === ',') {
      this.i++;
      if (this.peek()?.kind === ')') break;
      const keyword =
        this.peek()?.kind === 'name' && this.tokens[this.i + 1]?.kind === '=' ? this.peek()?.text : undefined;
      if (keyword !== undefined) this.i += 2;
      const value = this.argument();
      if (keyword === 'dtype') dtype = dtypeText(value, this.text);
      else if (keyword === 'shape' || (keyword === undefined && shape === undefined)) shape ??= shapeOf(value);
      if (keyword === undefined && positional === undefined && isDtypeLike(value)) {
        positional = dtypeText(value, this.text);
      }
    }
    if (this.peek()?.kind === ')') this.i++;
    else this.fail('")"');
    const d = dtype ?? positional;
    return { ...(d !== undefined ? { dtype: d } : {}), ...(shape !== undefined ? { shape } : {}) };
  }

  private argument(): Token[] {
    const start = this.i;
    let depth = 0;
    for (let t = this.peek(); t !== undefined; t = this.peek()) {
      if (depth === 0 && (t.kind === ',' || t.kind === ')')) break;
      if (t.kind === '(' || t.kind === '[') depth++;
      if (t.kind === ')' || t.kind === ']') depth--;
      this.i++;
    }
    return this.tokens.slice(start, this.i);
  }

  private skipStatementEnd(): void {
    if (this.peek()?.kind === ';' || this.peek()?.kind === ',') this.i++;
    if (this.peek() !== undefined) this.fail('the end of the literal');
  }

  private expect(kind: Token['kind']): void {
    if (this.peek()?.kind !== kind) this.fail(`"${kind}"`);
    this.i++;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private fail(expected: string): never {
    const t = this.peek();
    const found = t === undefined ? 'the end' : `"${t.text}" at offset ${t.start}`;
    throw new LiteralSyntaxError(`expected ${expected}, found ${found}`);
  }
}

/** A shape argument: `[2, 3]` or `(2, 3)` of non-negative integers (`(4,)` too); undefined for anything else. */
function shapeOf(tokens: Token[]): number[] | undefined {
  const [open, close] = [tokens[0]?.kind, tokens[tokens.length - 1]?.kind];
  if (!((open === '[' && close === ']') || (open === '(' && close === ')'))) return undefined;
  const dims: number[] = [];
  for (let k = 1; k < tokens.length - 1; k += 2) {
    const t = tokens[k];
    if (t.kind !== 'num' || !/^\d+$/.test(t.text)) return undefined;
    dims.push(Number(t.text));
    const sep = tokens[k + 1];
    if (k + 1 < tokens.length - 1 && sep.kind !== ',') return undefined;
  }
  return dims;
}

/** A positional argument that can be a dtype: a name (`np.int32`), a string (`'int32'`) or `np.dtype(…)`. */
function isDtypeLike(tokens: Token[]): boolean {
  if (tokens.length === 1) return tokens[0].kind === 'str' || tokens[0].kind === 'name';
  return tokens[0].kind === 'name' && /\.dtype$/.test(tokens[0].text) && tokens[1]?.kind === '(';
}

/** A dtype argument as written; a lone string without its quotes (`'uint8'` → `uint8`). */
function dtypeText(tokens: Token[], text: string): string {
  if (tokens.length === 1 && tokens[0].kind === 'str') return tokens[0].text.replace(/^['"`]|['"`]$/g, '');
  const last = tokens[tokens.length - 1];
  return last === undefined ? '' : text.slice(tokens[0].start, last.start + last.text.length);
}
