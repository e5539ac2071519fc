// The step panel's saved state (setState/getState, and the serializer after a reload): plain JSON, validated when it
// comes back, because an older or damaged state must not break the panel — it falls back to the defaults instead.
import * as v from 'valibot';
import { MatrixSchema } from '../../src/protocol/messages';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { presetById } from './presets';

const SmallInt = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** Everything needed to show the panel as it was. */
export const StepStateSchema = v.object({
  X: MatrixSchema,
  /** The kernel as the user gave it (unflipped). */
  K: MatrixSchema,
  /** A preset id, or 'input' for a kernel that came from the editor. */
  kernelId: v.pipe(v.string(), v.maxLength(40)),
  /** The kernel that came from the editor, to return to after trying presets. */
  inputK: v.optional(MatrixSchema),
  mode: v.picklist(['correlation', 'convolution']),
  bias: v.optional(v.pipe(v.number(), v.finite())),
  padding: v.union([v.picklist(['valid', 'same']), SmallInt(0, 8)]),
  stride: SmallInt(1, 8),
  dilation: SmallInt(1, 8),
  stack: v.boolean(),
  K2: MatrixSchema,
  index: SmallInt(0, 1_000_000),
  speed: v.pipe(v.number(), v.minValue(0.25), v.maxValue(8)),
  source: v.optional(v.pipe(v.string(), v.maxLength(500))),
});
/** The panel's saved state. */
export type StepState = v.InferOutput<typeof StepStateSchema>;

/** The state the panel opens on without input: Fig. 5.1's X and K, cross-correlation, no bias, 'valid', stride 1. */
export function defaultStepState(): StepState {
  return {
    X: fig51X(), K: fig51K(), kernelId: 'fig51', mode: 'correlation', bias: undefined, padding: 'valid', stride: 1,
    dilation: 1, stack: false, K2: [[1, 1], [1, 1]], index: 0, speed: 1,
  };
}

/** A saved state if `raw` is a valid one, else undefined (the caller uses the input or the defaults). */
export function parseStepState(raw: unknown): StepState | undefined {
  const r = v.safeParse(StepStateSchema, raw);
  return r.success ? r.output : undefined;
}

/**
 * `state` with new matrices from the editor or a hover link (`init.input` / `setInput`). A given K becomes the
 * 'input' kernel of the picker; with only X given, the picker starts on the book's edge kernel [[1, −1]] (or its
 * transpose when X has one column), and the user picks another there. The animation starts again at step 0.
 */
export function applyInput(state: StepState, input: { X?: number[][]; K?: number[][]; source?: string }): StepState {
  const next: StepState = { ...state, index: 0, source: input.source ?? state.source };
  if (input.X) next.X = input.X;
  if (input.K) {
    next.K = input.K;
    next.inputK = input.K;
    next.kernelId = 'input';
  } else if (input.X) {
    next.kernelId = (input.X[0]?.length ?? 0) >= 2 ? 'edge-x' : 'edge-y';
    next.K = presetById(next.kernelId)?.kernel() ?? next.K;
    next.inputK = undefined;
  }
  return next;
}
