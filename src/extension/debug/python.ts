// The expressions sent to Python debug adapters (debugpy). Each is one `lambda` applied to the user's expression — an
// expression, never a statement, so pydevd evaluates it with eval() — that only reads: no import (numpy is looked up
// in sys.modules, where it is when the program holds an ndarray), no assignment, no call but the value's own
// read-only methods (numpy's `flat`, `astype` and `tolist`; torch's `detach`, `reshape`, `double` and `tolist`, the
// route of torch.Tensor.tolist, https://pytorch.org/docs/stable/generated/torch.Tensor.tolist.html). Kinds: numpy
// ndarrays, torch tensors, objects numpy converts (`__array__`: TensorFlow, JAX, pandas), nested lists and tuples.
import { indexPath, logicalIndex, PY_ARITH, type ValuesRequest } from './access';
import type { Described } from './reply';

/** The user's expression as an argument, in parentheses. */
function arg(expression: string): string {
  return `(${expression})`;
}

const NUMPY = `__import__('sys').modules.get('numpy')`;
// Type and dtype names go into `|`-separated answers: keep letters, digits, `.`, `_`, `-` only.
const CLEAN = `lambda s: ''.join(ch if ch.isalnum() or ch in '._-' else '?' for ch in str(s))`;
const SHAPE = `lambda shp: ','.join(str(int(n)) for n in shp)`;
const REAL = `lambda dt: '' if dt.kind in 'biuf' else 'dtype ' + c(dt) + ' does not hold real numbers'`;

/**
 * Describes the value: `C2L|kind|dtype|shape|problem`. A list is walked whole: every entry a number (Python or numpy
 * scalar), every list as long as the first at its depth; the first problem is named by its index path.
 */
export function pyDescribe(expression: string): string {
  const isNumber = `(isinstance(x, (int, float)) or (np is not None and isinstance(x, np.generic) and x.dtype.kind in 'biuf'))`;
  const listShape = `(lambda g: g(g, v))(lambda g, x: [len(x)] + (g(g, x[0]) if len(x) and isinstance(x[0], (list, tuple)) else []) if isinstance(x, (list, tuple)) else [])`;
  const check =
    `(lambda g: g(g, v, 0, ''))(lambda g, x, d, p: ` +
    `('' if ${isNumber} else 'entry ' + p + ' is a ' + c(type(x).__name__)) if d == len(S) ` +
    `else 'entry ' + p + ' is not a list' if not isinstance(x, (list, tuple)) ` +
    `else 'ragged: ' + p + ' has ' + str(len(x)) + ' entries where ' + '[0]' * d + ' has ' + str(S[d]) if len(x) != S[d] ` +
    `else next((r for r in (g(g, y, d + 1, p + '[' + str(i) + ']') for i, y in enumerate(x)) if r), ''))`;
  const list = `(lambda S: 'C2L|list||' + ','.join(map(str, S)) + '|' + ${check})(${listShape})`;
  const branches = [
    `'C2L|torch|' + c(str(v.dtype).replace('torch.', '')) + '|' + sh(v.shape) + '|' + ('dtype ' + c(v.dtype) + ' does not hold real numbers' if v.is_complex() else '') if t.__module__.split('.')[0] == 'torch' and hasattr(v, 'detach')`,
    `'C2L|ndarray|' + c(v.dtype) + '|' + sh(v.shape) + '|' + real(v.dtype) if np is not None and isinstance(v, np.ndarray)`,
    `'C2L|number|' + c(t.__name__) + '||' if isinstance(v, (int, float)) or (np is not None and isinstance(v, np.generic))`,
    `${list} if isinstance(v, (list, tuple))`,
    `(lambda a: 'C2L|arraylike|' + c(a.dtype) + '|' + sh(a.shape) + '|' + real(a.dtype))(np.asarray(v)) if np is not None and hasattr(t, '__array__')`,
    `'C2L|other|' + c(t.__name__) + '||'`,
  ];
  const inner = `(lambda t, np, c, sh: (lambda real: ${branches.join(' else ')})(${REAL}))`;
  return `(lambda v: ${inner}(type(v), ${NUMPY}, ${CLEAN}, ${SHAPE}))(${arg(expression)})`;
}

/** The value as an array of its shown shape: `v`, `numpy.asarray(v)`, `v.detach()`, reshaped when asked. */
function arrayOf(d: Described): string {
  const reshaped = d.shape.join(',') !== d.storage.join(',');
  const shape = `(${d.shape.join(', ')}${d.shape.length === 1 ? ',' : ''})`;
  const base = d.kind === 'torch' ? 'v.detach()' : d.kind === 'arraylike' ? `${NUMPY}.asarray(v)` : 'v';
  return reshaped ? `${base}.reshape(${shape})` : base;
}

const SUMMARY_TAIL = (count: string, lo: string, hi: string, mean: string, nan: string, pi: string, ni: string) =>
  `'C2L|' + str(${count}) + '|' + ('%r|%r|%r' % (${lo}, ${hi}, ${mean}) if ${count} else '||') + '|' + str(${nan}) + '|' + str(${pi}) + '|' + str(${ni})`;

/**
 * Summarises the whole value where it lives: `C2L|count|min|max|mean|nan|posInf|negInf` in float64 (booleans as
 * 0/1); min, max and mean over the finite values.
 */
export function pySummary(expression: string, d: Described): string {
  switch (d.kind) {
    case 'ndarray':
    case 'arraylike': {
      const tail = SUMMARY_TAIL(
        'f.size',
        'float(f.min())',
        'float(f.max())',
        'float(f.mean())',
        'int(np.isnan(a).sum())',
        'int(np.isposinf(a).sum())',
        'int(np.isneginf(a).sum())',
      );
      return `(lambda v: (lambda np: (lambda a: (lambda f: ${tail})(a[np.isfinite(a)]))(np.asarray(v, dtype='float64').ravel()))(${NUMPY}))(${arg(expression)})`;
    }
    case 'torch': {
      const tail = SUMMARY_TAIL(
        'f.numel()',
        'f.min().item()',
        'f.max().item()',
        'f.mean().item()',
        'int(a.isnan().sum())',
        'int(a.isposinf().sum())',
        'int(a.isneginf().sum())',
      );
      return `(lambda v: (lambda a: (lambda f: ${tail})(a[a.isfinite()]))(v.detach().reshape(-1).double()))(${arg(expression)})`;
    }
    case 'list': {
      const tail = SUMMARY_TAIL(
        'len(f)',
        'min(f)',
        'max(f)',
        'sum(f) / len(f)',
        'sum(1 for x in a if x != x)',
        "sum(1 for x in a if x == float('inf'))",
        "sum(1 for x in a if x == float('-inf'))",
      );
      // inf − inf and nan − nan are nan: `x - x == 0` keeps the finite values.
      return `(lambda v: (lambda a: (lambda f: ${tail})([x for x in a if x - x == 0]))(${flatList(d)}))(${arg(expression)})`;
    }
    default:
      throw new Error(`python: no summary for a value of kind ${d.kind}`);
  }
}

/** Every entry of the nested list `v` as a float, in reading order: `[float(e) for x1 in v for e in x1]`. */
function flatList(d: Described): string {
  const rank = d.storage.length;
  const loops = Array.from({ length: rank }, (_, a) => {
    const from = a === 0 ? 'v' : `x${a}`;
    const to = a === rank - 1 ? 'e' : `x${a + 1}`;
    return `for ${to} in ${from}`;
  });
  return `[float(e) ${loops.join(' ')}]`;
}

/** `v[0, ::4, ::4]` (and `.T` when the rows run over a later axis): the plane as an array, every step-th cell. */
function planeOf(base: string, d: Described, plane: NonNullable<ValuesRequest['plane']>): string {
  const { sel, step } = plane;
  const drawn = step === 1 ? ':' : `::${step}`;
  const parts = d.shape.map((_, a) => (a === sel.rowAxis || a === sel.colAxis ? drawn : String(sel.index[a])));
  const index = parts.length === 0 ? '()' : parts.join(', ');
  const transposed = sel.rowAxis >= 0 && sel.rowAxis > sel.colAxis;
  return `${base}[${index}]${transposed ? '.T' : ''}`;
}

/**
 * Reads positions `from … to − 1` of the request: `C2L|count|x,x,…` with `repr(float(x))` of each, cut after the last
 * whole value that fits in `budget` characters (pydevd cuts longer strings in the middle).
 */
export function pyValues(expression: string, d: Described, req: ValuesRequest): string {
  const cut = `(lambda j: j if len(j) <= ${req.budget} else j[:${req.budget}].rsplit(',', 1)[0])`;
  const joinText = `(lambda xs: (lambda s: 'C2L|' + str(s.count(',') + 1 if s else 0) + '|' + s)(${cut}(','.join(xs))))`;
  const join = `(lambda xs: ${joinText}(list(map(repr, xs))))`;
  const range = `${req.from}:${req.to}`;
  switch (d.kind) {
    case 'ndarray':
    case 'arraylike': {
      const a = req.plane ? planeOf(arrayOf(d), d, req.plane) : arrayOf(d);
      // str() of a numpy float32 / float16 scalar is the shortest text that gives it back (numpy ≥ 1.14, Dragon4).
      if (d.short) return `(lambda v: ${joinText}(list(map(str, ${a}.flat[${range}]))))(${arg(expression)})`;
      return `(lambda v: ${join}(${a}.flat[${range}].astype('float64').tolist()))(${arg(expression)})`;
    }
    case 'torch': {
      const a = req.plane ? planeOf(arrayOf(d), d, req.plane) : arrayOf(d);
      return `(lambda v: ${join}(${a}.reshape(-1)[${range}].double().tolist()))(${arg(expression)})`;
    }
    case 'list': {
      const j = logicalIndex(d, req, 'k', PY_ARITH);
      const at = `v${indexPath(d.storage, 'j', PY_ARITH)
        .map((i) => `[${i}]`)
        .join('')}`;
      return `(lambda v: ${join}([float(${at}) for k in range(${req.from}, ${req.to}) for j in [${j}]]))(${arg(expression)})`;
    }
    default:
      throw new Error(`python: no values for a value of kind ${d.kind}`);
  }
}
