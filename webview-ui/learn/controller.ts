// The run controller: play / pause / step / reset over a stepwise learner (the core's learners: one channel or
// several), keeping the per-step records and why the run stopped. No DOM and no tfjs here (the learner is injected),
// so the unit tests drive it in Node with the real learners on the cpu backend, and with a fake clock.
import type { LearnRecord } from '../../src/core/learner-base';
import { maxAbsDiff, type Matrix } from '../../src/core/matrix';

/** What the controller needs of a learner: the core learners' stepping surface, kernel type `P`. */
export interface Stepper<P> {
  step(): LearnRecord<P> | null;
  readonly done: boolean;
  readonly converged: boolean;
  readonly diverged: boolean;
  dispose(): void;
}

/** Where a run is. `ready`: nothing done yet (or reset); the three ends say why the run stopped. */
export type RunStatus = 'ready' | 'playing' | 'paused' | 'finished' | 'converged' | 'diverged';

/** What the view draws after every change. */
export interface RunSnapshot<P = Matrix> {
  status: RunStatus;
  records: LearnRecord<P>[];
  /** Kernel and bias now (the start before the first step). */
  kernel: P;
  bias: number;
  totalSteps: number;
}

/** A timer: calls `f` after `ms`, returns a cancel function (setTimeout in the view, a fake clock in tests). */
export type Schedule = (f: () => void, ms: number) => () => void;

/** Where a run starts and how long it is: what the controller itself reads of the learner's options. */
export interface RunStart<P> {
  initKernel: P;
  initBias: number;
  steps: number;
}

/** Options of a run: the learner's options plus how fast play animates. */
export interface RunOptions<O> {
  options: O;
  /** Delay between animated steps (ms); 0 = as fast as the timer allows. */
  delayMs: number;
  /**
   * With `delayMs` 0: keep stepping within one tick for this long (ms) before showing the state, so a run of
   * thousands of sub-millisecond steps is not held to one step per timer tick. 0 (the default): one step per tick.
   */
  batchMs?: number;
}

/**
 * Drives one run. The learner is created on the first step (so a reset costs nothing) and disposed as soon as the
 * run ends, on reset and on dispose: no tensors outlive a run. `records` may be given to resume a saved run (they may
 * be thinned: every record keeps its step number): the learner then starts from the last record's parameters with
 * the remaining steps, and step numbers continue. `now` is the clock of `batchMs` (performance.now in the view).
 */
export class RunController<P, O extends RunStart<P> = RunStart<P>> {
  private learner: Stepper<P> | null = null;
  private records: LearnRecord<P>[];
  private status: RunStatus;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly run: RunOptions<O>,
    private readonly makeLearner: (o: O) => Stepper<P>,
    private readonly onChange: (s: RunSnapshot<P>) => void,
    private readonly schedule: Schedule,
    records: LearnRecord<P>[] = [],
    endStatus?: RunStatus,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.records = records.filter((r) => r.step <= run.options.steps);
    const ended = endStatus === 'converged' || endStatus === 'diverged' || this.stepsDone >= run.options.steps;
    this.status =
      this.records.length === 0
        ? 'ready'
        : ended
          ? endStatus === 'converged' || endStatus === 'diverged'
            ? endStatus
            : 'finished'
          : 'paused';
  }

  /** Updates made so far (the last record's step number: saved records may be thinned). */
  get stepsDone(): number {
    return this.records[this.records.length - 1]?.step ?? 0;
  }

  /** The current state (a copy of the records array). */
  snapshot(): RunSnapshot<P> {
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
  step(): LearnRecord<P> | null {
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
    const batch = this.run.delayMs === 0 ? (this.run.batchMs ?? 0) : 0;
    const t0 = batch > 0 ? this.now() : 0;
    this.advance();
    while (batch > 0 && !this.ended && this.now() - t0 < batch) this.advance();
    this.emit();
    if (!this.ended && this.status === 'playing') this.cancel = this.schedule(() => this.tick(), this.run.delayMs);
  }

  private advance(): LearnRecord<P> | null {
    if (this.ended) return null;
    const learner = this.ensureLearner();
    const r = learner.step();
    if (r) {
      const record = { ...r, step: this.stepsDone + 1 };
      this.records.push(record);
      if (learner.done) this.end(learner);
      return record;
    }
    this.end(learner);
    return null;
  }

  private end(learner: Stepper<P>): void {
    this.status = learner.converged ? 'converged' : learner.diverged ? 'diverged' : 'finished';
    this.stop();
  }

  private ensureLearner(): Stepper<P> {
    if (this.learner) return this.learner;
    const last = this.records[this.records.length - 1];
    const o = this.run.options;
    this.learner = this.makeLearner({
      ...o,
      initKernel: last?.kernel ?? o.initKernel,
      initBias: last?.bias ?? o.initBias,
      steps: o.steps - this.stepsDone,
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
export function statusText<P>(
  s: RunSnapshot<P>,
  tolerance: number,
  distance?: (kernel: P) => number | undefined,
): string {
  const n = s.records[s.records.length - 1]?.step ?? 0;
  const lastLoss = s.records[s.records.length - 1]?.loss;
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
      const d = distance?.(s.kernel);
      const far = d === undefined ? '' : `, max |K − target| ${lossText(d)}`;
      const diverging = grew ? ` — diverging: the loss grew from ${lossText(first)}` : '';
      return `stopped at the step limit (${n} steps), not converged${loss}${far}${diverging}`;
    }
    case 'converged':
      return `converged after ${n} steps: the loss fell below ${lossText(tolerance)}, stopped early`;
    case 'diverged':
      return `diverged after ${n} steps: the loss passed 1e30, stopped before it overflowed`;
  }
}

/** Max |K − target| when K has the target's shape (undefined otherwise): `statusText`'s distance for one channel. */
export function matrixDistance(target: Matrix): (K: Matrix) => number | undefined {
  return (K) => (K.length === target.length && K[0]?.length === target[0]?.length ? maxAbsDiff(K, target) : undefined);
}

/** A loss as text: 4 significant digits, exponent form when large or small ("94.61", "8.45e8", "3.35e−3"). */
export function lossText(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : 'not a number';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-2)) return x.toExponential(3).replace('e+', 'e').replace('e-', 'e−');
  return String(Number(x.toPrecision(4)));
}

/**
 * At most `max` of `records` for the saved state (a 20 000-step colour run would otherwise be saved whole after every
 * batch): evenly spaced ones, always the first and the last, each keeping its step number (`RunController` resumes
 * from the last).
 */
export function thinRecords<R>(records: readonly R[], max = 400): R[] {
  if (records.length <= max) return [...records];
  const stride = (records.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => records[Math.round(k * stride)]);
}
