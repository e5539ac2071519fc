// Shared types of the matrix-literal parser: what the finder hands to the hover and what the tests compare.

/**
 * Which grammar a literal follows: nested lists (JS, TS, JSON; `#`, `//` and block comments all read as comments),
 * nested lists with Python's comments (`#` only: `//` is floor division), or MATLAB / Octave / Julia brackets.
 */
export type Syntax = 'nested' | 'python' | 'matlab';

/** A zero-based line and character, like VS Code's `Position`, without depending on `vscode`. */
export interface Pos {
  line: number;
  character: number;
}

/** A parsed numeric literal: shape, flat row-major values and the wrapper's dtype when one was given. */
export interface NumericLiteral {
  ok: true;
  /**
   * `[n]` for a vector, `[h, w]` for a matrix, `[d, h, w]` for a 3-D array (d slices of h×w), up to rank 6
   * (`[c_out, c_in, kh, kw]` for a kernel bank).
   */
  shape: number[];
  /** Row-major values, `shape.reduce(×)` of them: the values as the library stores them (see `storedAs`). */
  data: number[];
  /** The `dtype=` (or positional dtype) argument as written, e.g. `np.float32`. */
  dtype?: string;
  /** The wrapper call as written, e.g. `np.array`, when the literal was wrapped. */
  wrapper?: string;
  /** The transpose written right after the literal (`'` or `.'` in MATLAB/Julia, `.T` in numpy): shape and data are
   * already transposed. */
  transpose?: string;
  /**
   * The element type the values were stored as, canonical (`uint8`, `float16`, `bfloat16`, `float32`, `bool`…): from
   * `dtype`, a typed array (`new Uint8Array(…)`) or the library's default (`torch.tensor([0.1])` holds float32).
   * Undefined when nothing says (a plain list) or the dtype is not one the parser knows.
   */
  storedAs?: string;
  /**
   * What storing did to the values as written, one sentence each, e.g.
   * "dtype int8: 1.7 → 1, -2.5 → -2 (truncated toward zero, as numpy casts)". Absent when nothing changed.
   */
  notes?: string[];
}

/**
 * Why a literal is not shown as a matrix; `message` is what the hover prints. `out-of-range`: a value its dtype cannot
 * hold (a Python int outside uint8, a float beyond float16's largest); `dtype`: a dtype the panels cannot take (complex,
 * strings) or values the library refuses for it (TensorFlow and floats for an integer dtype); `truncated`: printed
 * output that elides values (numpy's and torch's `...`); `scalar`: printed output of a 0-D array.
 */
export type ProblemKind =
  | 'ragged'
  | 'not-a-number'
  | 'not-finite'
  | 'mixed'
  | 'too-deep'
  | 'empty'
  | 'syntax'
  | 'out-of-range'
  | 'dtype'
  | 'truncated'
  | 'scalar';

/** A literal that is not a numeric array, with a message naming what was wrong and where. */
export interface LiteralProblem {
  ok: false;
  kind: ProblemKind;
  message: string;
  /** How many entries were numbers: the finder ignores lists without any (plain lists of names or strings). */
  numericEntries: number;
  dtype?: string;
  wrapper?: string;
  /** The shape, when it is known although the values are not usable (`truncated` printouts, `out-of-range`). */
  shape?: number[];
}

/** Result of parsing one literal's text. */
export type ParseResult = NumericLiteral | LiteralProblem;

/** One node of the parsed list tree: a list, or an entry with its value (undefined when it is not a number). */
export type Node = { list: Node[] } | { value: number | undefined; text: string };

/** The parse error the grammars throw; turned into a `syntax` problem by `parseLiteral`. */
export class LiteralSyntaxError extends Error {}
