// What every kernel learner shares (tfjs `KernelLearner` and `MultiKernelLearner`, the fast engine's
// `FastKernelLearner` and `FastMultiKernelLearner`): options, the step count, the stopping rules and the record of
// each step. A subclass supplies one gradient-descent update and reads its parameters back.
import type { Matrix } from './matrix';
import { resolveLearnOptions, type LearnOptions, type ResolvedLearnOptions } from './learn-reference';

/** Result of one attempted update: 'update' (applied), or why the run stops (nothing was changed then). */
export interface UpdateVerdict {
  kind: 'update' | 'converged' | 'diverged';
  /** The loss BEFORE the update. */
  loss: number;
}

/** One update's record: `loss` is L BEFORE the update, `kernel` and `bias` the parameters AFTER it. */
export interface LearnRecord<P> {
  /** 1-based number of the update. */
  step: number;
  kernel: P;
  bias: number;
  loss: number;
}

/**
 * Stepwise gradient descent with the rules of `learnKernelReference`, for any kind of kernel `P` (a matrix `[kh, kw]`,
 * or `[c_in, kh, kw]` for one output channel over several input channels): a record per update (loss before,
 * parameters after), stop at `options.steps`, on convergence or on divergence.
 */
export abstract class Learner<O extends { steps: number }, P> {
  private steps = 0;
  protected state: 'running' | 'converged' | 'diverged' | 'finished' | 'disposed' = 'running';

  constructor(readonly options: O) {
    if (options.steps === 0) this.state = 'finished';
  }

  /** True once no further step will update: steps used up, converged, diverged or disposed. */
  get done(): boolean {
    return this.state !== 'running';
  }

  /** The loss fell below `tolerance` before an update. */
  get converged(): boolean {
    return this.state === 'converged';
  }

  /** The loss exceeded 1e30 or was not finite; that loss was not recorded and the parameters were kept. */
  get diverged(): boolean {
    return this.state === 'diverged';
  }

  /** Number of updates made so far. */
  get stepsTaken(): number {
    return this.steps;
  }

  /** The current kernel and bias. */
  abstract parameters(): { kernel: P; bias: number };

  /** Evaluates the loss at the current parameters and, when the verdict is 'update', applies one update. */
  protected abstract update(): UpdateVerdict;

  /** Releases what the learner holds; it is done afterwards. Safe to call twice. */
  abstract dispose(): void;

  /**
   * One update: K ← K − lr·∂L/∂K (and b). Returns the record (loss BEFORE the update, parameters AFTER it), or null
   * when done — then nothing changes and `converged` or `diverged` says why.
   */
  step(): LearnRecord<P> | null {
    if (this.done) return null;
    const verdict = this.update();
    if (verdict.kind !== 'update') {
      this.state = verdict.kind;
      return null;
    }
    this.steps++;
    if (this.steps >= this.options.steps) this.state = 'finished';
    return { step: this.steps, ...this.parameters(), loss: verdict.loss };
  }
}

/** A single-channel learner (`[kh, kw]` kernel) with options checked by `resolveLearnOptions`. Throws like it. */
export abstract class SteppedLearner extends Learner<ResolvedLearnOptions, Matrix> {
  constructor(opts: LearnOptions) {
    super(resolveLearnOptions(opts));
  }
}
