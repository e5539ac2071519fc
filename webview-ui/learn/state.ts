// What the Learn Kernel panel saves: its settings, the run so far (records and status), and the photo to reload.
// Validated on restore; settings fall back field by field (setup.ts), a damaged run is dropped.
import * as v from 'valibot';
import { MatrixSchema, VolumeSchema, type PanelInput } from '../../src/protocol/messages';
import type { Matrix } from '../../src/core/matrix';
import { depthOf, type Volume } from '../../src/core/volume';
import { applyChannelInput } from './colour';
import { applyInput, defaultSettings, LearnSettingsSchema } from './setup';

const StepRecordSchema = v.object({
  step: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** `[kh, kw]`, or `[c_in, kh, kw]` in colour mode. */
  kernel: v.union([MatrixSchema, VolumeSchema]),
  bias: v.number(),
  loss: v.number(),
});

/** The panel's saved state. `status` 'playing' means the page was discarded mid-run: it comes back paused. */
export const LearnStateSchema = v.object({
  settings: v.fallback(LearnSettingsSchema, defaultSettings),
  records: v.fallback(v.array(StepRecordSchema), []),
  status: v.fallback(v.picklist(['ready', 'playing', 'paused', 'finished', 'converged', 'diverged']), 'ready'),
  photo: v.optional(
    v.object({
      uri: v.pipe(v.string(), v.maxLength(4096)),
      name: v.pipe(v.string(), v.maxLength(1000)),
      /** The file as a program opens it (for "Copy as code"), when the host said. */
      path: v.optional(v.pipe(v.string(), v.maxLength(4096))),
    }),
  ),
});
/** The panel's saved state. */
export type LearnState = v.InferOutput<typeof LearnStateSchema>;

/** The book's experiment, nothing run yet. */
export function defaultLearnState(): LearnState {
  return { settings: defaultSettings(), records: [], status: 'ready' };
}

/**
 * The state for an input; the run starts over. Matrices go to the book's experiment (setup.ts applyInput; a photo in
 * use stays); an X with channels `[c, h, w]`, or a K with them (`[c, kh, kw]`, `[1, c, kh, kw]`), to the colour
 * experiment (colour.ts applyChannelInput; without X it learns on the photo). Throws "learnKernel: …" for an X with
 * channels beside a 2-D one, or a K with channels beside a 2-D X ("K has 3 input channels, X has 1").
 */
export function learnInput(s: LearnState, input: PanelInput): LearnState {
  if (!input.X && !input.K && input.lr === undefined) return s;
  const source = input.source;
  const xDepth = input.X ? depthOf(input.X) : 0;
  const kDepth = input.K ? depthOf(input.K) : 0;
  const settings =
    xDepth === 3 || kDepth >= 3
      ? applyChannelInput(s.settings, { X: channelX(input.X, kDepth), K: input.K, source })
      : applyInput(
          s.settings,
          { X: input.X as Matrix | undefined, K: input.K as Matrix | undefined, source, lr: input.lr },
          !!s.photo,
        );
  return { ...s, settings, records: [], status: 'ready' };
}

/** X of a colour input: `[c, h, w]`, or none (the photo); a 2-D X beside a K with channels is refused. */
function channelX(X: PanelInput['X'], kDepth: number): Volume | undefined {
  if (!X) return undefined;
  if (depthOf(X) === 3) return X as Volume;
  throw new Error(
    `learnKernel: K has channels (${kDepth}-D), X is a matrix [h, w]: send X as [c_in, h, w] to learn over channels`,
  );
}
