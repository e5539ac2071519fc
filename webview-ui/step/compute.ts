// What the step panel computes from its state: the plan (geometry, applied kernel, steps), Y on TensorFlow.js with
// its difference to the float64 loop, and the stacked second layer. Errors are kept, in the user's terms, so the
// panel can show them instead of a stale Y.
import { memory } from '@tensorflow/tfjs-core';
import type { Geometry } from '../../src/core/geometry';
import { maxAbsDiff, validateMatrix, type Matrix } from '../../src/core/matrix';
import { corr2dReference } from '../../src/core/reference';
import { Conv2D } from '../../src/core/tfjs/conv2d-layer';
import { corr2d } from '../../src/core/tfjs/tensor';
import { explain } from '../shared/explain';
import { messageOf } from '../shared/format';
import { makePlan, stackGeometry, type Plan } from './model';
import { checkShown, type StepState } from './state';

/** Everything the panel draws besides the focus. */
export interface StepResult {
  plan?: Plan;
  /** Y = X ⋆ K + b from tfjs (`[outH, outW]`). */
  Y?: Matrix;
  /** max |Y − float64 loop|. */
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
    checkShown('X', s.X);
    checkShown('K', s.K);
    const plan = makePlan({ ...s, bias: s.bias });
    const Y = new Conv2D(plan.applied, s.bias ?? 0).forward(s.X, plan.opts);
    const ref = corr2dReference(s.X, plan.applied, plan.opts).map((row) => row.map((v) => v + (s.bias ?? 0)));
    Object.assign(out, { plan, Y, refDiff: maxAbsDiff(Y, ref) });
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
