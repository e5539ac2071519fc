// What the walkthrough's buttons open (package.json, contributes.walkthroughs): the panels' inputs, the demo files
// shipped in the package and where the demo's kernel is. No vscode import, so the unit tier checks every value against
// the book's numbers and the core.
import { d2l74K, d2l74X, edgeImage, edgeKernel } from '../../core/fixtures';
import type { PanelInput } from '../../protocol/messages';

/** The walkthrough's own commands (contributed in package.json, hidden from the palette). */
export const WALKTHROUGH_COMMANDS = {
  hoverKernel: 'conv2d.walkthrough.hoverDemoKernel',
  detectEdges: 'conv2d.walkthrough.detectEdgesInPhoto',
  learnAboveLimit: 'conv2d.walkthrough.learnAboveLimit',
  stepChannels: 'conv2d.walkthrough.stepChannels',
} as const;

/** The book's code the hover step opens: demo/d2l_conv.py, packed into the .vsix (.vscodeignore). */
export const DEMO_CODE = 'd2l_conv.py';
/** The photo of the edge step, relative to the package root (packed too): a gray scan of coins, 384×303. */
export const DEMO_PHOTO = ['demo', 'images', 'coins.png'] as const;

/** The line of d2l_conv.py the hover step puts the cursor on: the edge detector K of d2l §7.2.3. */
export const DEMO_KERNEL_LINE = 'K = [[1, -1]]';

/**
 * The learning rate of the "watch it diverge" step: 1.2 × the stability limit of the book's experiment (d2l §7.2.4,
 * the 6×8 image and a 1×2 kernel without bias: λmax = 60 of the loss's Hessian, limit 2/λmax = 1/30).
 */
export const LR_ABOVE_LIMIT = 0.04;

/** The book's experiment (X the 6×8 image, target [[1, −1]]) at `LR_ABOVE_LIMIT`, for the Learn Kernel panel. */
export function aboveLimitInput(): PanelInput {
  return { X: edgeImage(), K: edgeKernel(), lr: LR_ABOVE_LIMIT, source: 'the walkthrough, at lr 0.04' };
}

/**
 * d2l §7.4.1 for the Step panel: X `[2, 3, 3]` and one output channel's kernel `[1, 2, 2, 2]`, so the window covers both
 * input channels and their partial sums add (19 + 37 = 56 for the first output).
 */
export function channelsInput(): PanelInput {
  return { X: d2l74X(), K: [d2l74K()], groups: 1, source: 'Dive into Deep Learning §7.4.1 (the walkthrough)' };
}

/**
 * Where the hover step puts the cursor in `text` (the demo file): zero-based line, and the column of the kernel's
 * first value. Throws "walkthrough: d2l_conv.py has no line …" when the file was edited away from the book's code.
 */
export function demoKernelPosition(text: string): { line: number; character: number } {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.trimEnd() === DEMO_KERNEL_LINE);
  if (line < 0) throw new Error(`walkthrough: ${DEMO_CODE} has no line "${DEMO_KERNEL_LINE}"`);
  return { line, character: DEMO_KERNEL_LINE.indexOf('1') };
}
