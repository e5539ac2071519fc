// What the Learn Kernel panel saves: its settings, the run so far (records and status), and the photo to reload.
// Validated on restore; settings fall back field by field (setup.ts), a damaged run is dropped.
import * as v from 'valibot';
import { MatrixSchema, type PanelInput } from '../../src/protocol/messages';
import { matrixOnly } from '../../src/core/volume';
import { applyInput, defaultSettings, LearnSettingsSchema } from './setup';

const StepRecordSchema = v.object({
  step: v.pipe(v.number(), v.integer(), v.minValue(1)),
  kernel: MatrixSchema,
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

/** The state for an input (see setup.ts applyInput); the run starts over. A photo in use stays. */
export function learnInput(s: LearnState, input: PanelInput): LearnState {
  if (!input.X && !input.K && input.lr === undefined) return s;
  const X = input.X && matrixOnly('learnKernel', 'X', input.X, 'Learn Kernel');
  const K = input.K && matrixOnly('learnKernel', 'K', input.K, 'Learn Kernel');
  const settings = applyInput(s.settings, { X, K, source: input.source, lr: input.lr }, s.photo !== undefined);
  return { ...s, settings, records: [], status: 'ready' };
}
