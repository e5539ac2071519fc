// Text for kernels and numbers in the Learn Kernel panel (what screen readers and the tests read).
import type { Matrix } from '../../src/core/matrix';

/** A number to 5 significant digits with a real minus sign: 0.98847 → "0.98847", −1 → "−1". */
export function num5(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'not a number' : x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  const s = a !== 0 && (a >= 1e6 || a < 1e-4) ? a.toExponential(4) : String(Number(a.toPrecision(5)));
  return x < 0 ? `−${s}` : s;
}

/** A kernel as text, row by row: [[1, −1]] → "[[1, −1]]", a 3×3 as "[[…], […], […]]". */
export function kernelText(K: Matrix): string {
  return `[${K.map((row) => `[${row.map(num5).join(', ')}]`).join(', ')}]`;
}
