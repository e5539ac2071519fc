// The summary of an array shown before its values (shape and dtype first, then min, max and mean: what a reader of a
// kernel wants before 16 million numbers, microsoft/vscode#201358). Non-finite values are counted apart, so one NaN
// does not turn the mean into NaN and hide the rest; min, max and mean are over the finite values, summed in float64.

/** Min, max and mean of the finite values, how many there are, and how many NaN, +∞ and −∞ values. */
export interface Summary {
  /** Finite values counted. */
  count: number;
  /** Smallest and largest finite value, and their mean; absent when no value is finite. */
  min?: number;
  max?: number;
  mean?: number;
  nan: number;
  posInf: number;
  negInf: number;
}

/** The summary of `data` (any length, any mix of finite and non-finite values). */
export function summarize(data: ArrayLike<number>): Summary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else {
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const finite = count > 0 ? { min, max, mean: sum / count } : {};
  return { count, ...finite, nan, posInf, negInf };
}
