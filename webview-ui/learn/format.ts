// Text for kernels and numbers in the Learn Kernel panel (what screen readers and the tests read).
import type { Matrix } from '../../src/core/matrix';
import { num5 } from '../shared/format';

/** A kernel as text, row by row: [[1, −1]] → "[[1, −1]]", a 3×3 as "[[…], […], […]]". */
export function kernelText(K: Matrix): string {
  return `[${K.map((row) => `[${row.map(num5).join(', ')}]`).join(', ')}]`;
}
