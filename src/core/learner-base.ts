// What every kernel learner shares (tfjs `KernelLearner`, the fast engine's `FastKernelLearner`): options, the step
// count, the stopping rules and the record of each step. A subclass supplies one gradient-descent update.
import type { Matrix } from './matrix';
import { resolveLearnOptions, type LearnOptions, type ResolvedLearnOptions, type StepRecord } from './learn-reference';

/** Result of one attempted update: 'update' (applied), or why the run stops (nothing was changed then). */
export interface UpdateVerdict {
  kind: 'update' | 'converged' | 'diverged';
  /** The loss BEFORE the update. */
  loss: number;
}

/**
 * Stepwise gradient descent with the rules of `learnKernelReference`: a record per update (loss before, parameters
 * after), stop at `steps`, on convergence or on divergence. Throws like `resolveLearnOptions`.
 */
export abstract class SteppedLearner {
  readonly options: ResolvedLearnOptions;
  private steps = 0;
  protected state: 'running' | 'converged' | 'diverged' | 'finished' | 'disposed' = 'running';

  constructor(opts: LearnOptions) {
    this.options = resolveLearnOptions(opts);
    if (this.options.steps === 0) this.state = 'finished';
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

  /** The current kernel `[kh, kw]` and bias. */
  abstract parameters(): { kernel: Matrix; bias: number };

  /** Evaluates the loss at the current parameters and, when the verdict is 'update', applies one update. */
  protected abstract update(): UpdateVerdict;

  /**
   * One update: K ← K − lr·∂L/∂K (and b). Returns the record (loss BEFORE the update, parameters AFTER it), or null
   * when done — then nothing changes and `converged` or `diverged` says why.
   */
  step(): StepRecord | null {
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
