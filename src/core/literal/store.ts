// Values as the library stores them: the dtype a wrapped literal names (or the library's default, or a typed array's
// element type) is applied to the values written, through the library's own conversion rules (store-rules.ts). The
// literal then carries the stored values, the dtype and notes saying what changed; a value the library refuses, or
// whose conversion is undefined, makes the whole literal a problem naming the first such entry and where it is.

import { dtypeOf, libraryOf, resolveDtype, TYPED_ARRAYS, typedArrayClass, type DType, type Library } from './dtype';
import { unravel, where } from './shape';
import { ruleFor, type Entries, type Refusal, type Rule } from './store-rules';
import type { LiteralProblem, NumericLiteral, ParseResult } from './types';

export type { Entries } from './store-rules';

/**
 * `library`: who builds the array when the wrapper does not say (a printed `tensor(…)`); `printed`: the values are a
 * printout of stored values (no notes, no narrowing: the printed dtype is the stored one).
 */
export interface StoreOptions {
  library?: Library;
  printed?: boolean;
}

/** What the values are stored as, and how the notes name it. */
interface Target {
  dtype: DType;
  library: Library;
  /** "dtype uint8", "Uint8Array", "torch.tensor's default float32". */
  label: string;
  /** Notes that hold whatever the values are (jax's 64-bit mode). */
  notes: string[];
}

/**
 * `literal` with its values as the library behind its wrapper stores them, or a problem. `entries` gives the text of
 * each entry and whether it is an integer; `anyFloat()` says whether any entry is written as a float (the libraries'
 * defaults depend on it: `torch.tensor([1, 2])` is int64, `torch.tensor([1., 2])` float32). Literals without a known
 * wrapper (plain lists, JSON) come back unchanged. `literal.data` is overwritten with the stored values.
 */
export function storeLiteral(
  literal: NumericLiteral,
  entries: Entries,
  anyFloat: () => boolean,
  opts: StoreOptions = {},
): ParseResult {
  const target = targetOf(literal.wrapper, literal.dtype, anyFloat, opts);
  if (target === undefined) return literal;
  if ('keep' in target) return { ...literal, ...target.keep };
  const rule = ruleFor(target.dtype, target.library);
  if (rule === undefined) return dtypeProblem(literal, target);
  const stored = rule.keepsAll
    ? { ok: true as const, data: literal.data, notes: [] }
    : apply(literal, target, entries, rule);
  if (!stored.ok) return stored;
  // Printed values are the stored ones already, rounded for print: storing them again only finds the exact value.
  const notes = opts.printed ? [] : [...target.notes, ...stored.notes, ...beyondDouble(stored.data, target.dtype)];
  return { ...literal, data: stored.data, storedAs: target.dtype.name, ...(notes.length > 0 ? { notes } : {}) };
}

/** Values kept as written, with what to say about them: an integer default's name, or a note on an unknown dtype. */
interface Keep {
  keep: Pick<NumericLiteral, 'storedAs' | 'notes'>;
}

/** The target of a wrapper and dtype text; values to keep as written; undefined for a literal without a library. */
function targetOf(
  wrapper: string | undefined,
  dtypeText: string | undefined,
  anyFloat: () => boolean,
  opts: StoreOptions,
): Target | Keep | undefined {
  const typed = typedArrayClass(wrapper);
  if (typed !== undefined) return { dtype: TYPED_ARRAYS[typed], library: 'js', label: typed, notes: [] };
  const library = opts.library ?? libraryOf(wrapper);
  if (library === undefined) return undefined;
  if (dtypeText === undefined) return defaultTarget(library, wrapper ?? '', anyFloat());
  const dtype = resolveDtype(dtypeText, library);
  if (dtype === undefined) {
    return { keep: { notes: [`dtype ${dtypeText} is not one the parser knows: values shown as written`] } };
  }
  const narrowed = library === 'jax' && !opts.printed ? X64[dtype.name] : undefined;
  if (narrowed !== undefined) {
    const narrow = dtypeOf(narrowed);
    const note = `jax.numpy stores ${dtype.name} as ${narrow.name} unless 64-bit mode is on (jax_enable_x64)`;
    return { dtype: narrow, library, label: `dtype ${narrow.name}`, notes: [note] };
  }
  return { dtype, library, label: `dtype ${dtype.name}`, notes: [] };
}

/** JAX's default: 64-bit types are narrowed (https://docs.jax.dev/en/latest/default_dtypes.html). */
const X64: Partial<Record<DType['name'], DType['name']>> = {
  int64: 'int32',
  uint64: 'uint32',
  float64: 'float32',
  complex128: 'complex64',
};

/**
 * The dtype a library picks when none is written: numpy float64 / int64; torch float32 (`torch.get_default_dtype()`) /
 * int64; TensorFlow and jax float32 / int32; tfjs float32 for every number (`tf.tensor` infers 'float32').
 * https://pytorch.org/docs/stable/generated/torch.get_default_dtype.html, https://www.tensorflow.org/api_docs/python/tf/constant
 */
function defaultTarget(library: Library, wrapper: string, anyFloat: boolean): Target | Keep {
  const floats: Record<Library, DType['name']> = {
    numpy: 'float64',
    jax: 'float32',
    torch: 'float32',
    tensorflow: 'float32',
    tfjs: 'float32',
    js: 'float64',
  };
  const ints: Record<Library, DType['name']> = {
    numpy: 'int64',
    jax: 'int32',
    torch: 'int64',
    tensorflow: 'int32',
    tfjs: 'float32',
    js: 'float64',
  };
  const name = anyFloat ? floats[library] : ints[library];
  // Ints without a dtype take the library's default integer type, which numpy and TensorFlow widen to int64 as needed:
  // they are kept as written, only named.
  if (dtypeOf(name).kind === 'int') return { keep: { storedAs: name } };
  return { dtype: dtypeOf(name), library, label: `${wrapper}'s default ${name}`, notes: [] };
}

interface Stored {
  ok: true;
  data: number[];
  notes: string[];
}

/**
 * Runs the rule over every value; the first refusal (in reading order) becomes the problem. The stored values replace
 * the written ones in `literal.data` itself: the parser made that array for this literal alone, and 10 000 elements
 * are not copied on the hover's path.
 */
function apply(literal: NumericLiteral, target: Target, entries: Entries, rule: Rule): Stored | LiteralProblem {
  const n = literal.data.length;
  const data = literal.data;
  const changes = new Map<string, { examples: string[]; count: number }>();
  let first: { k: number; refusal: Refusal } | undefined;
  let refusedCount = 0;
  for (let k = 0; k < n; k++) {
    const v = literal.data[k];
    const stored = rule.store(v, k, entries);
    if (typeof stored !== 'number') {
      refusedCount++;
      first ??= { k, refusal: stored };
      continue;
    }
    // NaN → 0 is a change; −0 → 0 is not one worth a note. The text is read before the stored value replaces it.
    if (stored !== v && !(Number.isNaN(stored) && Number.isNaN(v))) {
      record(changes, rule.why(v, stored), `${entries.text(k)} → ${stored}`);
    }
    data[k] = stored;
  }
  if (first === undefined) {
    return { ok: true, data, notes: [...changes].map(([why, c]) => noteText(target.label, why, c)) };
  }
  const at = where(unravel(first.k, literal.shape), literal.shape.length);
  const { refused, why, then } = first.refusal;
  const count = refusedCount > 1 ? `, ${refusedCount} of ${n} entries are` : '';
  const word = refused === 'out-of-range' ? 'out of range' : `not ${target.dtype.name}`;
  const message = `${word}: ${quoted(entries.text(first.k))} at ${at} ${why}${count}${then ? `: ${then}` : ''}`;
  return problemOf(literal, refused, message);
}

const MAX_EXAMPLES = 3;

function record(changes: Map<string, { examples: string[]; count: number }>, why: string, example: string): void {
  let c = changes.get(why);
  if (c === undefined) changes.set(why, (c = { examples: [], count: 0 }));
  c.count++;
  if (c.examples.length < MAX_EXAMPLES) c.examples.push(example);
}

/** "dtype int8: 1.7 → 1, -2.5 → -2 (numpy truncates toward zero)"; beyond three examples, how many in all. */
function noteText(label: string, why: string, c: { examples: string[]; count: number }): string {
  const more = c.count > c.examples.length ? `, … (${c.count} values)` : '';
  return `${label}: ${c.examples.join(', ')}${more} (${why})`;
}

/** int64 values beyond 2⁵³ have no exact double: say so rather than show a rounded value as exact. */
function beyondDouble(data: readonly number[], dtype: DType): string[] {
  if (dtype.kind !== 'int' || dtype.bits < 64 || data.every((v) => Number.isSafeInteger(v))) return [];
  return [`${dtype.name} values beyond 2^53 are shown rounded to the nearest double`];
}

function dtypeProblem(literal: NumericLiteral, target: Target): LiteralProblem {
  const holds: Record<string, string> = {
    complex: 'complex numbers',
    text: 'strings',
    object: 'Python objects',
  };
  const what = holds[target.dtype.kind] ?? 'values the panels cannot take';
  return problemOf(
    literal,
    'dtype',
    `${target.label} holds ${what}, not real numbers: the hover and the panels take real arrays`,
  );
}

function problemOf(literal: NumericLiteral, kind: LiteralProblem['kind'], message: string): LiteralProblem {
  return {
    ok: false,
    kind,
    message,
    numericEntries: literal.data.length,
    shape: literal.shape,
    ...(literal.wrapper !== undefined ? { wrapper: literal.wrapper } : {}),
    ...(literal.dtype !== undefined ? { dtype: literal.dtype } : {}),
  };
}

/** The entry in double quotes, as the other problems name entries. */
function quoted(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return `"${one.length > 40 ? `${one.slice(0, 39)}…` : one}"`;
}
