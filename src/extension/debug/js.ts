// The expressions sent to JavaScript debug adapters (js-debug: Node, Chrome, Edge, extension hosts). Each is one arrow
// function applied to the user's expression: it only reads (no assignment outside its own locals, no global, no call
// but the value's own reads: `dataSync()` of a tfjs tensor, which downloads a GPU tensor and caches it on the CPU as
// any read does) and returns one `C2L|…` string (reply.ts). Kinds: TypedArrays (a shape the user gives or inferred),
// objects with `data` + `shape`/`dims` (scijs ndarray with its strides, onnxruntime tensors), tfjs tensors
// (https://js.tensorflow.org/api/latest/#tf.Tensor.dataSync), nested arrays (rows may be TypedArrays).
import { sizeOf } from '../../core/slice';
import { indexPath, JS_ARITH, logicalIndex, storageIndex, type ValuesRequest } from './access';
import type { Described } from './reply';

/** The user's expression as an argument: in parentheses, so `a, b` or `x ? y : z` stay one value. */
function arg(expression: string): string {
  return `(${expression})`;
}

// Type and dtype names go into `|`-separated answers: keep letters, digits, `.`, `_`, `-` only.
const CLEAN = `const clean = (s) => String(s).replace(/[^A-Za-z0-9_.-]/g, '?');`;
const IS_LIST = `const isList = (x) => Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));`;
const IS_NUM = `const isNum = (x) => typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint';`;

/**
 * Describes the value: `C2L|kind|dtype|shape|problem[|offset;strides]`. Nested arrays are walked whole (every entry
 * a number, every list as long as the first at its depth: the first problem is named by its index path); a flat
 * TypedArray reports its length.
 */
export function jsDescribe(expression: string): string {
  const body = [
    CLEAN,
    IS_LIST,
    IS_NUM,
    `if (v === null || v === undefined) return 'C2L|other|' + v + '||';`,
    `if (isNum(v)) return 'C2L|number|' + typeof v + '||';`,
    `if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return 'C2L|typed|' + clean(v.constructor.name) + '|' + v.length + '|';`,
    `if (typeof v.dataSync === 'function' && Array.isArray(v.shape)) return 'C2L|tfjs|' + clean(v.dtype) + '|' + v.shape.join(',') + '|' + (v.isDisposed ? 'the tensor is disposed' : '');`,
    `const s = Array.isArray(v.shape) ? v.shape : Array.isArray(v.dims) ? v.dims : undefined;`,
    `if (s && isList(v.data)) {`,
    `  const n = s.reduce((a, b) => a * Number(b), 1);`,
    `  const strided = Array.isArray(v.stride) && typeof v.offset === 'number';`,
    `  const dt = clean(v.dtype || v.type || v.data.constructor.name);`,
    `  const problem = strided || n === v.data.length ? '' : 'its data holds ' + v.data.length + ' values, its shape ' + s.join('x') + ' needs ' + n;`,
    `  return 'C2L|data|' + dt + '|' + s.join(',') + '|' + problem + (strided ? '|' + v.offset + ';' + v.stride.join(',') : '');`,
    `}`,
    `if (Array.isArray(v)) {`,
    `  const shape = [];`,
    `  for (let x = v; isList(x); x = x[0]) { shape.push(x.length); if (x.length === 0) break; }`,
    `  const check = (x, d, p) => {`,
    `    if (d === shape.length) return isNum(x) ? '' : 'entry ' + p + ' is ' + (x === null ? 'null' : Array.isArray(x) ? 'a list' : 'a ' + clean(typeof x));`,
    `    if (!isList(x)) return 'entry ' + p + ' is not a list';`,
    `    if (x.length !== shape[d]) return 'ragged: ' + p + ' has ' + x.length + ' entries where ' + '[0]'.repeat(d) + ' has ' + shape[d];`,
    `    for (let i = 0; i < x.length; i++) { const r = check(x[i], d + 1, p + '[' + i + ']'); if (r) return r; }`,
    `    return '';`,
    `  };`,
    `  return 'C2L|nested||' + shape.join(',') + '|' + check(v, 0, '');`,
    `}`,
    `return 'C2L|other|' + clean(v.constructor && v.constructor.name ? v.constructor.name : typeof v) + '||';`,
  ];
  return `((v) => { ${body.join(' ')} })(${arg(expression)})`;
}

/** `const d = …` and the read of logical index `j` for the described kind. */
function access(d: Described): { setup: string; at: (j: string) => string } {
  switch (d.kind) {
    case 'typed':
      return { setup: 'const d = v;', at: (j) => `d[${j}]` };
    case 'tfjs':
      return { setup: 'const d = v.dataSync();', at: (j) => `d[${j}]` };
    case 'data':
      return { setup: 'const d = v.data;', at: (j) => `d[${storageIndex(d, j, JS_ARITH)}]` };
    case 'nested':
      return {
        setup: 'const d = v;',
        at: (j) =>
          `d${indexPath(d.storage, j, JS_ARITH)
            .map((i) => `[${i}]`)
            .join('')}`,
      };
    default:
      throw new Error(`js: no element access for a value of kind ${d.kind}`);
  }
}

/**
 * Summarises the whole value where it lives: `C2L|count|min|max|mean|nan|posInf|negInf` over `Number(x)` of every
 * element (booleans as 0/1, BigInts rounded to the nearest double); min, max and mean over the finite ones.
 */
export function jsSummary(expression: string, d: Described): string {
  const a = access(d);
  const n = sizeOf(d.shape);
  const body = [
    a.setup,
    // Globals are looked up once: in some contexts (Node's vm, a page's global proxy) each lookup is slow.
    'const num = Number, floor = Math.floor, inf = 1 / 0;',
    'let n = 0, s = 0, lo = inf, hi = -inf, nan = 0, pi = 0, ni = 0;',
    `for (let j = 0; j < ${n}; j++) {`,
    `  const x = num(${a.at('j')});`,
    '  if (x !== x) nan++; else if (x === inf) pi++; else if (x === -inf) ni++;',
    '  else { n++; s += x; if (x < lo) lo = x; if (x > hi) hi = x; }',
    '}',
    `return 'C2L|' + n + '|' + (n ? lo + '|' + hi + '|' + s / n : '||') + '|' + nan + '|' + pi + '|' + ni;`,
  ];
  return `((v) => { ${body.join(' ')} })(${arg(expression)})`;
}

/**
 * Reads positions `from … to − 1` of the request, stopping before the answer passes `budget` characters:
 * `C2L|count|x,x,…` with `String(Number(x))` of each.
 */
export function jsValues(expression: string, d: Described, req: ValuesRequest): string {
  const a = access(d);
  const j = logicalIndex(d, req, 'k', JS_ARITH);
  const body = [
    a.setup,
    'const out = [], num = Number, floor = Math.floor, fround = Math.fround, inf = 1 / 0;',
    // A float32 prints with the fewest significant digits that give it back (at most 9 do, IEEE 754 §5.12.2).
    d.short === 'float32'
      ? `const str = (x) => { if (x !== x || x === inf || x === -inf || floor(x) === x || fround(x) !== x) return '' + x; for (let p = 1; p < 9; p++) { const s = x.toPrecision(p); if (fround(+s) === x) return s; } return x.toPrecision(9); };`
      : `const str = (x) => '' + x;`,
    'let len = 0;',
    `for (let k = ${req.from}; k < ${req.to}; k++) {`,
    `  const j = ${j}; const t = str(num(${a.at('j')}));`,
    `  len += t.length + 1; if (len > ${req.budget} && out.length > 0) break;`,
    '  out.push(t);',
    '}',
    `return 'C2L|' + out.length + '|' + out.join(',');`,
  ];
  return `((v) => { ${body.join(' ')} })(${arg(expression)})`;
}

/** dtype of a TypedArray class: `Float32Array` → `float32`, `Uint8ClampedArray` → `uint8` (clamped), … */
export function typedDtype(className: string | undefined): string | undefined {
  const m = /^(Float|Int|Uint|BigInt|BigUint)(8|16|32|64)(Clamped)?Array$/.exec(className ?? '');
  if (!m) return className;
  const base = { Float: 'float', Int: 'int', Uint: 'uint', BigInt: 'int', BigUint: 'uint' }[m[1]];
  return `${base}${m[2]}${m[3] ? ' (clamped)' : ''}`;
}
