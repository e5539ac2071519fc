// The run controller: play / pause / step / reset over a stepwise learner (the core's KernelLearner), keeping the
// per-step records and why the run stopped. No DOM and no tfjs here (the learner is injected), so the unit tests
// drive it in Node with the real KernelLearner on the cpu backend, and with a fake clock.
import type { LearnOptions, StepRecord } from '../../src/core/learn-reference';
import { maxAbsDiff, type Matrix } from '../../src/core/matrix';

/** What the controller needs of a learner: `KernelLearner`'s stepping surface. */
export interface Stepper {
  step(): StepRecord | null;
  readonly done: boolean;
  readonly converged: boolean;
  readonly diverged: boolean;
  dispose(): void;
}

/** Where a run is. `ready`: nothing done yet (or reset); the three ends say why the run stopped. */
export type RunStatus = 'ready' | 'playing' | 'paused' | 'finished' | 'converged' | 'diverged';

/** What the view draws after every change. */
export interface RunSnapshot {
  status: RunStatus;
  records: StepRecord[];
  /** Kernel and bias now (the start before the first step). */
  kernel: Matrix;
  bias: number;
  totalSteps: number;
}

/** A timer: calls `f` after `ms`, returns a cancel function (setTimeout in the view, a fake clock in tests). */
export type Schedule = (f: () => void, ms: number) => () => void;

/** Options of a run: the learner's options plus how fast play animates. */
export interface RunOptions {
  options: Required<Pick<LearnOptions, 'initKernel' | 'initBias' | 'steps'>> & LearnOptions;
  /** Delay between animated steps (ms); 0 = as fast as the timer allows. */
  delayMs: number;
}

/**
 * Drives one run. The learner is created on the first step (so a reset costs nothing) and disposed as soon as the
 * run ends, on reset and on dispose: no tensors outlive a run. `records` may be given to resume a saved run: the
 * learner then starts from the last record's parameters with the remaining steps, and step numbers continue.
 */
export class RunController {
  private learner: Stepper | null = null;
  private records: StepRecord[];
  private status: RunStatus;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly run: RunOptions,
    private readonly makeLearner: (o: LearnOptions) => Stepper,
    private readonly onChange: (s: RunSnapshot) => void,
    private readonly schedule: Schedule,
    records: StepRecord[] = [],
    endStatus?: RunStatus,
  ) {
    this.records = records.slice(0, run.options.steps);
    const ended = endStatus === 'converged' || endStatus === 'diverged' || this.records.length >= run.options.steps;
    this.status =
      this.records.length === 0
        ? 'ready'
        : ended
          ? endStatus === 'converged' || endStatus === 'diverged'
            ? endStatus
            : 'finished'
          : 'paused';
  }

  /** The current state (a copy of the records array). */
  snapshot(): RunSnapshot {
    const last = this.records[this.records.length - 1];
    return {
      status: this.status,
      records: [...this.records],
      kernel: last?.kernel ?? this.run.options.initKernel,
      bias: last?.bias ?? this.run.options.initBias,
      totalSteps: this.run.options.steps,
    };
  }

  /** True once the run can take no further step. */
  get ended(): boolean {
    return this.status === 'finished' || this.status === 'converged' || this.status === 'diverged';
  }

  /** Steps repeatedly, one per `delayMs`, until paused or the run ends. */
  play(): void {
    if (this.ended || this.status === 'playing') return;
    this.status = 'playing';
    this.emit();
    this.tick();
  }

  /** Stops playing after the current step; the learner keeps its state. */
  pause(): void {
    if (this.status !== 'playing') return;
    this.cancel?.();
    this.cancel = null;
    this.status = 'paused';
    this.emit();
  }

  /** One update (pausing a playing run first). Returns the new record, or null when the run has ended. */
  step(): StepRecord | null {
    if (this.status === 'playing') this.pause();
    const r = this.advance();
    if (!this.ended) this.status = 'paused';
    this.emit();
    return r;
  }

  /** Back to the start: stops, disposes the learner, drops the records. */
  reset(): void {
    this.stop();
    this.records = [];
    this.status = 'ready';
    this.emit();
  }

  /** Stops and releases the learner's tensors (the view is closing or the setup changed). */
  dispose(): void {
    this.stop();
  }

  private stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.learner?.dispose();
    this.learner = null;
  }

  private tick(): void {
    this.cancel = null;
    this.advance();
    this.emit();
    if (!this.ended && this.status === 'playing') this.cancel = this.schedule(() => this.tick(), this.run.delayMs);
  }

  private advance(): StepRecord | null {
    if (this.ended) return null;
    const learner = this.ensureLearner();
    const r = learner.step();
    if (r) {
      const record = { ...r, step: this.records.length + 1 };
      this.records.push(record);
      if (learner.done) this.end(learner);
      return record;
    }
    this.end(learner);
    return null;
  }

  private end(learner: Stepper): void {
    this.status = learner.converged ? 'converged' : learner.diverged ? 'diverged' : 'finished';
    this.stop();
  }

  private ensureLearner(): Stepper {
    if (this.learner) return this.learner;
    const last = this.records[this.records.length - 1];
    const o = this.run.options;
    this.learner = this.makeLearner({
      ...o,
      initKernel: last?.kernel ?? o.initKernel,
      initBias: last?.bias ?? o.initBias,
      steps: o.steps - this.records.length,
    });
    return this.learner;
  }

  private emit(): void {
    this.onChange(this.snapshot());
  }
}

/**
 * The status line: "step 3 of 10", "converged after 52 steps: …", "diverged …", and for a run that used all its
 * steps "stopped at the step limit (300 steps), not converged: …" — with how far the kernel is from `target` when
 * given (max |K − target|), so a run that ends far from it never reads as done.
 */
export function statusText(s: RunSnapshot, tolerance: number, target?: Matrix): string {
  const n = s.records.length;
  const lastLoss = s.records[n - 1]?.loss;
  switch (s.status) {
    case 'ready':
      return `ready: ${s.totalSteps} steps`;
    case 'playing':
      return `playing: step ${n} of ${s.totalSteps}`;
    case 'paused':
      return `paused at step ${n} of ${s.totalSteps}`;
    case 'finished': {
      const first = s.records[0]?.loss;
      const grew = first !== undefined && lastLoss !== undefined && n > 1 && lastLoss > first;
      const loss = lastLoss === undefined ? '' : `, loss before the last update ${lossText(lastLoss)}`;
      const far =
        target && sameShape(target, s.kernel) ? `, max |K − target| ${lossText(maxAbsDiff(s.kernel, target))}` : '';
      const diverging = grew ? ` — diverging: the loss grew from ${lossText(first)}` : '';
      return `stopped at the step limit (${n} steps), not converged${loss}${far}${diverging}`;
    }
    case 'converged':
      return `converged after ${n} steps: the loss fell below ${lossText(tolerance)}, stopped early`;
    case 'diverged':
      return `diverged after ${n} steps: the loss passed 1e30, stopped before it overflowed`;
  }
}

function sameShape(A: Matrix, B: Matrix): boolean {
  return A.length === B.length && A[0]?.length === B[0]?.length;
}

/** A loss as text: 4 significant digits, exponent form when large or small ("94.61", "8.45e8", "3.35e−3"). */
export function lossText(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : 'not a number';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-2)) return x.toExponential(3).replace('e+', 'e').replace('e-', 'e−');
  return String(Number(x.toPrecision(4)));
}
