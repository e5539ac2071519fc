// The stepping animation as a pure state machine: which step is shown and whether it plays. The view only turns
// buttons, the slider and a timer into actions; everything it shows follows from the state this returns.

/** Position of the animation: step `index` of `count` (0-based), and whether the timer is advancing it. */
export interface StepperState {
  index: number;
  count: number;
  playing: boolean;
}

/** What can happen to the animation: the controls, the timer's tick, and new matrices (a new step count). */
export type StepperAction =
  | { type: 'forward' }
  | { type: 'back' }
  | { type: 'seek'; index: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'tick' }
  | { type: 'reset'; count: number; index?: number };

/** A stepper over `count` steps at step `index` (clamped), paused. `count` 0 means nothing to step (e.g. an error). */
export function initialStepper(count: number, index = 0): StepperState {
  const n = Math.max(0, Math.floor(count));
  return { index: clamp(index, n), count: n, playing: false };
}

/**
 * The next state after `action`. Manual moves (forward, back, seek) pause playback, like a video player; a tick at
 * the last step stops there; play at the last step starts again from the first. Never returns an index outside
 * `[0, count − 1]` (0 when count is 0).
 */
export function stepperReducer(s: StepperState, action: StepperAction): StepperState {
  switch (action.type) {
    case 'forward':
      return { ...s, index: clamp(s.index + 1, s.count), playing: false };
    case 'back':
      return { ...s, index: clamp(s.index - 1, s.count), playing: false };
    case 'seek':
      return { ...s, index: clamp(action.index, s.count), playing: false };
    case 'play':
      if (s.count <= 1) return { ...s, playing: false };
      return { ...s, index: s.index >= s.count - 1 ? 0 : s.index, playing: true };
    case 'pause':
      return { ...s, playing: false };
    case 'tick': {
      if (!s.playing) return s;
      const index = clamp(s.index + 1, s.count);
      return { ...s, index, playing: index < s.count - 1 };
    }
    case 'reset':
      return initialStepper(action.count, action.index ?? 0);
  }
}

function clamp(i: number, count: number): number {
  if (count <= 0 || !Number.isFinite(i)) return 0;
  return Math.min(Math.max(Math.round(i), 0), count - 1);
}

/** One step of the animation: output cell `(i, j)`, either its window sum or (with a bias) adding the bias. */
export interface StepCell {
  i: number;
  j: number;
  phase: 'sum' | 'bias';
}

/** Number of steps for an `outH×outW` output: one per cell, two per cell when the bias is its own step. */
export function stepCount(outH: number, outW: number, withBias: boolean): number {
  return outH * outW * (withBias ? 2 : 1);
}

/** Step `index` → output cell and phase; cells in reading order (row by row), the bias step right after the sum. */
export function cellAt(index: number, outW: number, withBias: boolean): StepCell {
  const per = withBias ? 2 : 1;
  const cell = Math.floor(index / per);
  return { i: Math.floor(cell / outW), j: cell % outW, phase: withBias && index % 2 === 1 ? 'bias' : 'sum' };
}

/** Output cell `(i, j)` → the index of its first step (the sum), inverse of `cellAt`. */
export function indexOfCell(i: number, j: number, outW: number, withBias: boolean): number {
  return (i * outW + j) * (withBias ? 2 : 1);
}
