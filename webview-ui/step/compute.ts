// What the step panel computes from its state: the plan (geometry, applied kernels, steps), Y on TensorFlow.js with
// its difference to the float64 loop (every output channel, d2l §7.4), and the stacked second layer on the output
// channel shown. Errors are kept, in the user's terms, so the panel can show them instead of a stale Y.
import { memory } from '@tensorflow/tfjs-core';
import { corr2dMultiReference } from '../../src/core/channels';
import type { Geometry } from '../../src/core/geometry';
import { maxAbsDiff, validateMatrix, type Matrix } from '../../src/core/matrix';
import { corr2dMulti } from '../../src/core/tfjs/channels';
import { corr2d } from '../../src/core/tfjs/tensor';
import type { Volume } from '../../src/core/volume';
import { explain } from '../shared/explain';
import { messageOf } from '../shared/format';
import { makePlan, stackGeometry, type Plan } from './model';
import { checkChannels, type StepState } from './state';

/** Everything the panel draws besides the focus. */
export interface StepResult {
  plan?: Plan;
  /** Y = X ⋆ K + b from tfjs, every output channel: `[c_out, outH, outW]`. */
  Yall?: Volume;
  /** The output channel shown: `Yall[plan.out]`. */
  Y?: Matrix;
  /** max |Y − float64 loop| over all output channels. */
  refDiff?: number;
  error?: string;
  g2?: Geometry;
  Z?: Matrix;
  stackError?: string;
  /** tfjs tensors alive after the computation (every call is tidied: 0). */
  numTensors: number;
}

/** Computes the panel's Y (and z when stacked) for state `s`; never throws. */
export function computeStep(s: StepState): StepResult {
  const out: StepResult = { numTensors: 0 };
  try {
    checkChannels(s.X, s.K);
    if (s.mode === 'transposed') throw new Error('step: the transposed convolution is computed by computeTransposed');
    const plan = makePlan({ ...s, mode: s.mode, bias: s.bias });
    const opts = { ...plan.opts, ...(s.bias ? { bias: s.bias } : {}) };
    const Yall = corr2dMulti(s.X, plan.applied, opts);
    const ref = corr2dMultiReference(s.X, plan.applied, opts);
    const refDiff = Math.max(...Yall.map((Yo, o) => maxAbsDiff(Yo, ref[o])));
    Object.assign(out, { plan, Yall, Y: Yall[plan.out], refDiff });
  } catch (e) {
    out.error = explain(e, 'step');
  }
  if (s.stack && out.Y) {
    try {
      validateMatrix('stack', 'K2', s.K2);
      out.g2 = stackGeometry(out.Y, s.K2);
      out.Z = corr2d(out.Y, s.K2);
    } catch (e) {
      out.stackError = `second layer: ${messageOf(e)}`;
    }
  }
  out.numTensors = memory().numTensors;
  return out;
}
