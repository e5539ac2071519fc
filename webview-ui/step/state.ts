// The step panel's saved state (setState/getState, and the serializer after a reload): plain JSON, validated when it
// comes back, because an older or damaged state must not break the panel — it falls back to the defaults instead.
import * as v from 'valibot';
import { MatrixSchema } from '../../src/protocol/messages';
import { fig51K, fig51X } from '../../src/core/fixtures';
import { shapeOf, validateMatrix, type Matrix } from '../../src/core/matrix';
import type { PaddingChoice } from './model';
import { presetById } from './presets';

/** Largest side of X or K the panel steps through (grids of numbers; images belong in Detect Edges). */
export const MAX_SIDE = 32;
/** Largest stride, dilation and padding (rows/columns of zeros per side) the panel offers. */
export const MAX_SETTING = 8;

/** The allowed range of a setting, as shown next to an invalid field and in a rejected input's error. */
export function rangeText(name: 'stride' | 'dilation' | 'padding'): string {
  return name === 'padding'
    ? `padding must be 'valid', 'same' or a whole number from 0 to ${MAX_SETTING}`
    : `${name} must be a whole number from 1 to ${MAX_SETTING}`;
}

/**
 * Throws unless `M` is a valid matrix the panel can show: "step: X is 200×200; this panel steps through matrices up
 * to 32×32 …" (or the core's "step: X row 1 has 2 elements, row 0 has 3").
 */
export function checkShown(name: string, M: Matrix): void {
  validateMatrix('step', name, M);
  const [r, c] = shapeOf(M);
  if (r > MAX_SIDE || c > MAX_SIDE) {
    throw new Error(
      `step: ${name} is ${r}×${c}; this panel steps through matrices up to ${MAX_SIDE}×${MAX_SIDE} ` +
        '(use Conv2D: Detect Edges for images)',
    );
  }
}

/** Whether `M` passes `checkShown`. */
function shown(M: Matrix | undefined): boolean {
  try {
    if (M) checkShown('M', M);
    return true;
  } catch {
    return false;
  }
}

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

/** The state the panel opens on without input: d2l Fig. 7.2.1's X and K (Fig. 5.1 in older editions), cross-correlation, no bias, 'valid', stride 1. */
export function defaultStepState(): StepState {
  return {
    X: fig51X(),
    K: fig51K(),
    kernelId: 'fig51',
    mode: 'correlation',
    bias: undefined,
    padding: 'valid',
    stride: 1,
    dilation: 1,
    stack: false,
    K2: [
      [1, 1],
      [1, 1],
    ],
    index: 0,
    speed: 1,
  };
}

/** A saved state if `raw` is a valid one, else undefined (the caller uses the input or the defaults). */
export function parseStepState(raw: unknown): StepState | undefined {
  const r = v.safeParse(StepStateSchema, raw);
  if (!r.success) return undefined;
  // A state saved by an older version may hold a matrix the panel refuses (e.g. a 200×200 X): never restore it.
  const { X, K, K2, inputK } = r.output;
  return [X, K, K2, inputK].every(shown) ? r.output : undefined;
}

/**
 * What the editor, a hover link or the sidebar's "Step" button sends (`init.input` / `setInput`): matrices, where
 * they came from, and optionally the sidebar's bias, padding, stride and dilation.
 */
export interface StepInput {
  X?: Matrix;
  K?: Matrix;
  source?: string;
  bias?: number;
  padding?: PaddingChoice;
  stride?: number;
  dilation?: number;
}

/**
 * `state` with new matrices and settings from the editor, a hover link or the sidebar (`init.input` / `setInput`).
 * A given K becomes the 'input' kernel of the picker; with only X given, the picker starts on the book's edge kernel
 * [[1, −1]] (or its transpose when X has one column), and the user picks another there. Given bias, padding, stride
 * and dilation replace the panel's; absent ones keep the panel's. A bias of 0 means no bias (no "+ b" step: the
 * sidebar always sends one, 0 by default). The animation starts again at step 0.
 *
 * The input is applied whole or not at all: throws (and `state` stays as it was) for a matrix that is invalid or
 * larger than 32×32 ("step: X is 200×200; this panel steps through matrices up to 32×32 …") or a setting outside the
 * panel's range ("step: input stride 20 refused: stride must be a whole number from 1 to 8").
 */
export function applyInput(state: StepState, input: StepInput): StepState {
  if (input.X) checkShown('X', input.X);
  if (input.K) checkShown('K', input.K);
  const next: StepState = { ...state, ...inputSettings(input), index: 0, source: input.source ?? state.source };
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

/** The settings present in `input`, checked against the panel's ranges (throws naming the setting and its range). */
function inputSettings(input: StepInput): Partial<StepState> {
  const out: Partial<StepState> = {};
  const smallInt = (x: number, min: number) => Number.isInteger(x) && x >= min && x <= MAX_SETTING;
  const refuse = (name: 'stride' | 'dilation' | 'padding', x: unknown) => {
    throw new Error(`step: input ${name} ${JSON.stringify(x)} refused: ${rangeText(name)}`);
  };
  if (input.bias !== undefined) {
    if (!Number.isFinite(input.bias))
      throw new Error(`step: input bias ${input.bias} refused: the bias must be a finite number`);
    out.bias = input.bias === 0 ? undefined : input.bias;
  }
  if (input.padding !== undefined) {
    const p = input.padding;
    if (p !== 'valid' && p !== 'same' && !(typeof p === 'number' && smallInt(p, 0))) refuse('padding', p);
    out.padding = p === 0 ? 'valid' : p;
  }
  if (input.stride !== undefined) {
    if (!smallInt(input.stride, 1)) refuse('stride', input.stride);
    out.stride = input.stride;
  }
  if (input.dilation !== undefined) {
    if (!smallInt(input.dilation, 1)) refuse('dilation', input.dilation);
    out.dilation = input.dilation;
  }
  return out;
}
