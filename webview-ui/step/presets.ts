// The step panel's kernel picker: the shared preset list (src/core/presets.ts), as functions returning fresh copies
// so the panel's state never aliases the shared matrices.
import { KERNEL_PRESETS as SHARED } from '../../src/core/presets';
import type { Matrix } from '../../src/core/matrix';

/** A named kernel of the picker. */
export interface KernelPreset {
  id: string;
  label: string;
  kernel: () => Matrix;
}

/** The picker's kernels, in the shared order. */
export const KERNEL_PRESETS: readonly KernelPreset[] = SHARED.map((p) => ({
  id: p.id,
  label: p.label,
  kernel: () => p.kernel.map((row) => [...row]),
}));

/** The preset with `id`, or undefined. */
export function presetById(id: string): KernelPreset | undefined {
  return KERNEL_PRESETS.find((p) => p.id === id);
}
