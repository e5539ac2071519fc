// The Learn Kernel panel's data outside the persisted state: the photo of photo and colour mode (its pixels are too
// large to save; the state keeps its URI) and the learner factories (the fast engine for photos on a CPU-bound
// machine: one channel on FastCorr2d, several on FastConv2d).
import { signal } from '@preact/signals';
import { FastConv2d, FastKernelLearner, FastMultiKernelLearner } from '../../src/core/fast';
import type { LearnOptions } from '../../src/core/learn-reference';
import type { MultiLearnOptions } from '../../src/core/learn-multi';
import type { Matrix } from '../../src/core/matrix';
import type { Volume } from '../../src/core/volume';
import type { StoredAs } from '../shared/image/stored';
import { KernelLearner } from '../../src/core/tfjs/learn';
import { MultiKernelLearner } from '../../src/core/tfjs/learn-multi';
import type { BackendChoice } from '../shared/backend';
import { tfjsConvPath, type ConvPathChoice } from '../shared/conv-path';
import type { Stepper } from './controller';
import { loadPhoto } from './photo';
import type { LearnMode } from './setup';

/** A photo in use: its centred 128×128 gray X (and R, G, B when it has colour) and where it came from. */
export interface LearnPhoto {
  X: Matrix;
  /** `[3, 128, 128]`, each channel centred; undefined for a gray image. */
  rgb?: Volume;
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

  /** The multi-channel engine (one wasm instance, reused by every colour run): undefined until asked, null if none. */
  private multi: FastConv2d | null | undefined;

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
  learner(mode: LearnMode, opts: LearnOptions): Stepper<Matrix> {
    const engine = mode === 'photo' ? this.backend.engine() : undefined;
    return engine ? new FastKernelLearner(opts, engine) : new KernelLearner(opts);
  }

  /**
   * A learner for a colour run: `learnStepMulti` on FastConv2d when forward passes run on WebAssembly SIMD (WebGL is
   * software or absent), else tfjs's MultiKernelLearner (a GPU, or no SIMD: FastConv2d has no JavaScript fallback).
   */
  colourLearner(opts: MultiLearnOptions): Stepper<Volume> {
    const engine = this.multiEngine();
    return engine ? new FastMultiKernelLearner(opts, engine) : new MultiKernelLearner(opts);
  }

  /** The path this mode's learning runs on, for the badge. */
  path(mode: LearnMode): ConvPathChoice {
    const conv = this.backend.conv;
    if (mode === 'colour') {
      const engine = this.multiEngine();
      if (engine)
        return { path: 'wasm-simd', reason: `learnStepMulti on FastConv2d (${engine.variant}): ${conv.reason}` };
      return tfjsConvPath(this.backend.backend, 'the colour experiment learns with TensorFlow.js gradients');
    }
    const fast = conv.path === 'wasm-simd' || conv.path === 'js';
    if (mode === 'photo' && fast) return conv;
    return tfjsConvPath(this.backend.backend, 'the book experiment learns with TensorFlow.js gradients');
  }

  private multiEngine(): FastConv2d | undefined {
    if (this.multi === undefined)
      this.multi = this.backend.conv.path === 'wasm-simd' ? (FastConv2d.create() ?? null) : null;
    return this.multi ?? undefined;
  }
}
