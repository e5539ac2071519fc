// Element types as the libraries spell them: `np.uint8`, `'u1'`, `np.dtype('float32')`, `dtype=int`, `torch.half`,
// `tf.bfloat16`, tfjs's `'int32'`, `new Uint8ClampedArray(…)`. Each spelling resolves to one canonical dtype; which
// library reads it decides how values are stored (store.ts), and a few names mean different things per library
// (`float` is float64 in numpy, float32 in TensorFlow; `torch.int` is int32, numpy's `int` is int64).

/** Canonical element types (numpy's names; `float128` is numpy's `longdouble` on x86-64 Linux). */
export type DTypeName =
  | 'bool'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float16'
  | 'bfloat16'
  | 'float32'
  | 'float64'
  | 'float128'
  | 'complex32'
  | 'complex64'
  | 'complex128'
  | 'complex256'
  | 'str'
  | 'bytes'
  | 'object';

/** Who builds the array, and so whose conversion rules apply. */
export type Library = 'numpy' | 'jax' | 'torch' | 'tensorflow' | 'tfjs' | 'js';

/** A resolved dtype: its canonical name and what kind of values it holds. */
export interface DType {
  name: DTypeName;
  kind: 'bool' | 'int' | 'float' | 'complex' | 'text' | 'object';
  /** Bits per element (integers: 8 … 64; floats: 16 … 128). */
  bits: number;
  signed: boolean;
  /** `Uint8ClampedArray`: clamps instead of wrapping (ECMAScript ToUint8Clamp). */
  clamped?: boolean;
}

const KINDS: Record<DTypeName, Omit<DType, 'name'>> = {
  bool: { kind: 'bool', bits: 8, signed: false },
  int8: { kind: 'int', bits: 8, signed: true },
  uint8: { kind: 'int', bits: 8, signed: false },
  int16: { kind: 'int', bits: 16, signed: true },
  uint16: { kind: 'int', bits: 16, signed: false },
  int32: { kind: 'int', bits: 32, signed: true },
  uint32: { kind: 'int', bits: 32, signed: false },
  int64: { kind: 'int', bits: 64, signed: true },
  uint64: { kind: 'int', bits: 64, signed: false },
  float16: { kind: 'float', bits: 16, signed: true },
  bfloat16: { kind: 'float', bits: 16, signed: true },
  float32: { kind: 'float', bits: 32, signed: true },
  float64: { kind: 'float', bits: 64, signed: true },
  float128: { kind: 'float', bits: 128, signed: true },
  complex32: { kind: 'complex', bits: 32, signed: true },
  complex64: { kind: 'complex', bits: 64, signed: true },
  complex128: { kind: 'complex', bits: 128, signed: true },
  complex256: { kind: 'complex', bits: 256, signed: true },
  str: { kind: 'text', bits: 0, signed: false },
  bytes: { kind: 'text', bits: 0, signed: false },
  object: { kind: 'object', bits: 0, signed: false },
};

/** The dtype record of a canonical name. */
export function dtypeOf(name: DTypeName): DType {
  return { name, ...KINDS[name] };
}

const SIZED: DTypeName[] = [
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'float16',
  'float32',
  'float64',
  'complex64',
  'complex128',
];
const sized = Object.fromEntries(SIZED.map((n) => [n, n])) as Record<string, DTypeName>;

/**
 * numpy's names (attributes of `np` and strings `np.dtype` takes), for x86-64 Linux: `np.int_`, `np.intp` and `'l'` are
 * int64 there (int32 on Windows with numpy 1.x). https://numpy.org/doc/stable/reference/arrays.scalars.html
 */
const NUMPY: Record<string, DTypeName> = {
  ...sized,
  float128: 'float128',
  complex256: 'complex256',
  bool: 'bool',
  bool_: 'bool',
  bool8: 'bool',
  byte: 'int8',
  ubyte: 'uint8',
  short: 'int16',
  ushort: 'uint16',
  intc: 'int32',
  uintc: 'uint32',
  int: 'int64',
  int_: 'int64',
  intp: 'int64',
  long: 'int64',
  longlong: 'int64',
  uint: 'uint64',
  uintp: 'uint64',
  ulong: 'uint64',
  ulonglong: 'uint64',
  half: 'float16',
  single: 'float32',
  float: 'float64',
  double: 'float64',
  float_: 'float64',
  longdouble: 'float128',
  longfloat: 'float128',
  complex: 'complex128',
  complex_: 'complex128',
  csingle: 'complex64',
  cdouble: 'complex128',
  cfloat: 'complex128',
  clongdouble: 'complex256',
  str: 'str',
  str_: 'str',
  unicode_: 'str',
  bytes: 'bytes',
  bytes_: 'bytes',
  object: 'object',
  object_: 'object',
};

/** numpy's one-letter and sized type codes (`'u1'`, `'<f4'`): https://numpy.org/doc/stable/reference/arrays.dtypes.html */
const NUMPY_CODES: Record<string, DTypeName> = {
  '?': 'bool',
  b1: 'bool',
  b: 'int8',
  B: 'uint8',
  h: 'int16',
  H: 'uint16',
  i: 'int32',
  I: 'uint32',
  l: 'int64',
  L: 'uint64',
  q: 'int64',
  Q: 'uint64',
  p: 'int64',
  P: 'uint64',
  e: 'float16',
  f: 'float32',
  d: 'float64',
  g: 'float128',
  F: 'complex64',
  D: 'complex128',
  G: 'complex256',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
  f16: 'float128',
  c8: 'complex64',
  c16: 'complex128',
  c32: 'complex256',
  U: 'str',
  S: 'bytes',
  O: 'object',
};

/** torch's dtypes and aliases: https://pytorch.org/docs/stable/tensor_attributes.html#torch-dtype */
const TORCH: Record<string, DTypeName> = {
  ...sized,
  bool: 'bool',
  short: 'int16',
  int: 'int32',
  long: 'int64',
  half: 'float16',
  bfloat16: 'bfloat16',
  float: 'float32',
  double: 'float64',
  complex32: 'complex32',
  chalf: 'complex32',
  cfloat: 'complex64',
  cdouble: 'complex128',
};

/** Python's own types as a torch dtype (`torch.tensor(x, dtype=float)` is float64). */
const TORCH_BUILTINS: Record<string, DTypeName> = {
  int: 'int64',
  float: 'float64',
  bool: 'bool',
  complex: 'complex128',
};

/** TensorFlow's dtypes and the string aliases `tf.as_dtype` takes: https://www.tensorflow.org/api_docs/python/tf/dtypes */
const TENSORFLOW: Record<string, DTypeName> = {
  ...sized,
  bool: 'bool',
  half: 'float16',
  bfloat16: 'bfloat16',
  float: 'float32',
  double: 'float64',
  string: 'str',
};

/** TensorFlow.js's DataType strings: https://js.tensorflow.org/api/latest/#tensor */
const TFJS: Record<string, DTypeName> = {
  float32: 'float32',
  int32: 'int32',
  bool: 'bool',
  complex64: 'complex64',
  string: 'str',
};

/** ECMAScript typed arrays (https://tc39.es/ecma262/#table-the-typedarray-constructors), Float16Array from ES2025. */
export const TYPED_ARRAYS: Readonly<Record<string, DType>> = {
  Int8Array: dtypeOf('int8'),
  Uint8Array: dtypeOf('uint8'),
  Uint8ClampedArray: { ...dtypeOf('uint8'), clamped: true },
  Int16Array: dtypeOf('int16'),
  Uint16Array: dtypeOf('uint16'),
  Int32Array: dtypeOf('int32'),
  Uint32Array: dtypeOf('uint32'),
  Float16Array: dtypeOf('float16'),
  Float32Array: dtypeOf('float32'),
  Float64Array: dtypeOf('float64'),
};

/**
 * The typed array a wrapper builds (`new Uint8Array`, `Int16Array.from`, `Float32Array.of`): its class name, or
 * undefined for other wrappers.
 */
export function typedArrayClass(wrapper: string | undefined): string | undefined {
  const m = wrapper === undefined ? null : /^(?:new\s+)?([A-Za-z0-9]+Array)(?:\.(?:from|of))?$/.exec(wrapper);
  return m && m[1] in TYPED_ARRAYS ? m[1] : undefined;
}

/** The library behind a wrapper call, by its name: `np.array` → numpy, `tf.tensor2d` → tfjs, `tf.constant` → TF. */
export function libraryOf(wrapper: string | undefined): Library | undefined {
  if (wrapper === undefined) return undefined;
  if (typedArrayClass(wrapper) !== undefined) return 'js';
  if (/^(?:np|numpy)\.|^array$/.test(wrapper)) return 'numpy';
  if (/^(?:jnp|jax\.numpy)\./.test(wrapper)) return 'jax';
  if (/^torch\.|^tensor$/.test(wrapper)) return 'torch';
  // TensorFlow.js spells its constructors tf.tensor, tf.tensor1d … tf.tensor6d; Python TensorFlow has none of them.
  if (/^tf\.tensor\d?d?$/.test(wrapper)) return 'tfjs';
  if (/^(?:tf|tensorflow)\./.test(wrapper)) return 'tensorflow';
  return undefined;
}

/**
 * The dtype a `dtype=` text names for `library`, or undefined when it is not one the parser knows (a variable,
 * `x.dtype`, quantized types). Accepts prefixed names (`np.uint8`, `numpy.int16`, `torch.half`, `tf.float16`,
 * `tf.dtypes.int32`), `np.dtype('float32')`, strings as written without their quotes (`uint8`, `'<f4'`), numpy's type
 * codes and Python's `int` / `float` / `bool` / `complex`. A prefix wins over the library (`np.array(x,
 * dtype=torch.int8)` is read as torch's int8, the only thing it can mean).
 */
export function resolveDtype(text: string, library: Library): DType | undefined {
  const t = unwrapDtypeCall(text.trim());
  const prefix = /^(np|numpy|jnp|jax\.numpy|torch|tf\.dtypes|tf|tensorflow)\.([A-Za-z_]\w*)$/.exec(t);
  const [space, name] = prefix ? [namespaceOf(prefix[1]), prefix[2]] : [library, t];
  const found = lookup(space, name, prefix !== null);
  return found === undefined ? undefined : dtypeOf(found);
}

/** `np.dtype('float32')`, `numpy.dtype("u1")`, `np.dtype(np.int8)` → the argument without quotes. */
function unwrapDtypeCall(t: string): string {
  const m = /^(?:np|numpy|jnp)\.dtype\(\s*(['"]?)([^'"()]*)\1\s*\)$/.exec(t);
  return m ? m[2].trim() : t.replace(/^(['"])(.*)\1$/, '$2');
}

function namespaceOf(prefix: string): Library {
  if (prefix === 'np' || prefix === 'numpy') return 'numpy';
  if (prefix === 'jnp' || prefix === 'jax.numpy') return 'jax';
  return prefix === 'torch' ? 'torch' : 'tensorflow';
}

function lookup(space: Library, name: string, prefixed: boolean): DTypeName | undefined {
  switch (space) {
    case 'numpy':
    case 'jax':
      // jax.numpy names bfloat16 too (from ml_dtypes).
      return (
        own(NUMPY, name) ??
        own(NUMPY_CODES, name.replace(/^[<>=|]/, '').replace(/^([US])\d+$/, '$1')) ??
        (name === 'bfloat16' ? name : undefined)
      );
    case 'torch':
      return prefixed ? own(TORCH, name) : own(TORCH_BUILTINS, name);
    case 'tensorflow':
      return own(TENSORFLOW, name) ?? (prefixed ? undefined : own({ float: 'float32', bool: 'bool' }, name));
    case 'tfjs':
      return own(TFJS, name);
    case 'js':
      return TYPED_ARRAYS[name]?.name;
  }
}

/** `table[key]` for the table's own keys only (`'constructor'` is not a dtype). */
function own(table: Record<string, DTypeName>, key: string): DTypeName | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
