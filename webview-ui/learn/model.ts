// The Learn Kernel panel's data outside the persisted state: the photo of photo mode (its pixels are too large to
// save; the state keeps its URI) and the learner factory (the fast engine for photos on a CPU-bound machine).
import { signal } from '@preact/signals';
import { FastKernelLearner } from '../../src/core/fast';
import type { LearnOptions } from '../../src/core/learn-reference';
import type { Matrix } from '../../src/core/matrix';
import type { StoredAs } from '../shared/image/stored';
import { KernelLearner } from '../../src/core/tfjs/learn';
import type { BackendChoice } from '../shared/backend';
import { tfjsConvPath, type ConvPathChoice } from '../shared/conv-path';
import type { Stepper } from './controller';
import { loadPhoto } from './photo';
import type { LearnMode } from './setup';

/** A photo in use: its centred 128×128 gray X and where it came from. */
export interface LearnPhoto {
  X: Matrix;
  uri: string;
  name: string;
  /** How the file stores its pixels (for exported code that reads it again). */
  stored: StoredAs;
}

/** The photo, why it is missing, and how runs learn. */
export class LearnModel {
  readonly photo = signal<LearnPhoto | undefined>(undefined);
  /** A photo of the saved state that could not be loaded again (after a window reload), by name. */
  readonly lost = signal<string | undefined>(undefined);
  /** The last error loading a photo. */
  readonly error = signal<string | undefined>(undefined);

  constructor(readonly backend: BackendChoice) {}

  /** Loads the photo at `uri`; throws "Could not decode …" / "photo: …" (the current photo stays). */
  async load(uri: string, name: string): Promise<LearnPhoto> {
    const photo = { ...(await loadPhoto(uri, name)), uri, name };
    this.photo.value = photo;
    this.lost.value = undefined;
    this.error.value = undefined;
    return photo;
  }

  /**
   * A learner for one run: photo mode on a CPU-bound machine steps on the fast engine (wasm SIMD: hundreds of steps
   * per second where tfjs manages one or two); the book's small case and GPU machines keep tfjs's KernelLearner.
   */
  learner(mode: LearnMode, opts: LearnOptions): Stepper {
    const engine = mode === 'photo' ? this.backend.engine() : undefined;
    return engine ? new FastKernelLearner(opts, engine) : new KernelLearner(opts);
  }

  /** The path this mode's learning runs on, for the badge. */
  path(mode: LearnMode): ConvPathChoice {
    const fast = this.backend.conv.path === 'wasm-simd' || this.backend.conv.path === 'js';
    if (mode === 'photo' && fast) return this.backend.conv;
    return tfjsConvPath(this.backend.backend, 'the book experiment learns with TensorFlow.js gradients');
  }
}
