// What the transposed mode computes from the state: the plan, Y on TensorFlow.js (conv2dTranspose, every output
// channel) and its difference to the float64 scatter, the overlap counts. Errors are kept in the user's terms, so the
// panel shows them instead of a stale Y.
import { memory } from '@tensorflow/tfjs-core';
import { maxAbsDiff, type Matrix } from '../../src/core/matrix';
import { convTranspose2dMultiReference, overlapCounts } from '../../src/core/transposed';
import { convTranspose2dMulti } from '../../src/core/tfjs/transposed';
import type { Volume } from '../../src/core/volume';
import { explain } from '../shared/explain';
import { makeTransposedPlan, type TransposedPlan } from './transposed';
import { checkChannels, type StepState } from './state';

/** Everything the transposed mode draws besides the focus and the running sums. */
export interface TransposedResult {
  plan?: TransposedPlan;
  /** Y = X ⋆ᵀ K + b from tfjs, every output channel: `[c_out, outH, outW]`. */
  Yall?: Volume;
  /** max |Y − float64 scatter| over all output channels. */
  refDiff?: number;
  /** How many input cells write each output cell (the overlap map, Odena et al. 2016). */
  overlap?: Matrix;
  error?: string;
  /** tfjs tensors alive after the computation (every call is tidied: 0). */
  numTensors: number;
}

/** Computes the transposed mode's results for state `s`; never throws. */
export function computeTransposed(s: StepState): TransposedResult {
  const out: TransposedResult = { numTensors: 0 };
  try {
    checkChannels(s.X, s.K);
    const plan = makeTransposedPlan({ ...s, bias: s.bias });
    const opts = { ...plan.opts, ...(s.bias ? { bias: s.bias } : {}) };
    const Yall = convTranspose2dMulti(s.X, s.K, opts);
    const ref = convTranspose2dMultiReference(s.X, s.K, opts);
    const refDiff = Math.max(...Yall.map((Yo, o) => maxAbsDiff(Yo, ref[o])));
    Object.assign(out, { plan, Yall, refDiff, overlap: overlapCounts(plan.geom) });
  } catch (e) {
    out.error = explain(e, 'step');
  }
  out.numTensors = memory().numTensors;
  return out;
}
