// Errors of a computation in the user's terms, with the way out: the core's "corr2dFast: kernel 1×2 is larger than
// input 1×1" becomes what the view's controls can do about it. Pure: tested in Node.
import { ChannelMismatchError } from '../../src/core/channels';
import { KernelTooLargeError } from '../../src/core/geometry';
import { OutputPaddingError, SameOutputPaddingError, TransposedCropError } from '../../src/core/transposed-geometry';
import { messageOf } from './format';

/** What the view offers: Detect Edges has no padding ('valid' only); Step and the sidebar have padding and dilation. */
export type Where = 'edges' | 'step' | 'sidebar';

/**
 * The message for an error thrown while computing Y. A kernel larger than the (padded) input names both sizes and what
 * would fit: a smaller kernel, a larger image, or (where the view has them) more padding or less dilation. The
 * transposed convolution's geometry errors name the parameter and its allowed range. Other errors keep their own
 * message.
 */
export function explain(e: unknown, where: Where): string {
  if (e instanceof ChannelMismatchError) return channelMismatch(e);
  const transposed = explainTransposed(e);
  if (transposed !== undefined) return transposed;
  if (!(e instanceof KernelTooLargeError)) return messageOf(e);
  const { kH, kW, effKH, effKW, inH, inW, padH, padW } = e.sizes;
  const dilated = effKH !== kH || effKW !== kW ? `, dilated to ${effKH}×${effKW}` : '';
  if (where === 'edges') {
    return (
      `The kernel K (${kH}×${kW}) is larger than the image X (${inH}×${inW}): Detect Edges slides K inside X without ` +
      `padding ('valid'), so K can be at most ${inH}×${inW} here. Pick a smaller kernel shape, or open a larger image.`
    );
  }
  // Padding p on each side fits the kernel when n + 2p ≥ k_eff on both axes (d2l §7.3).
  const p = Math.ceil(Math.max(effKH - inH, effKW - inW, 0) / 2);
  const padNow =
    padH === 0 && padW === 0
      ? 'no padding'
      : padH === padW && padH % 2 === 0
        ? `padding ${padH / 2}`
        : `${padH} rows and ${padW} columns of padding`;
  const ways = [`padding ${p} on each side`, dilated ? 'a smaller dilation' : '', 'a smaller kernel'].filter((w) => w);
  return (
    `K (${kH}×${kW}${dilated}) does not fit in X (${inH}×${inW}) with ${padNow}: Y would have no cells. ` +
    `Try ${ways.slice(0, -1).join(', ')}${ways.length > 1 ? ' or ' : ''}${ways[ways.length - 1]}.`
  );
}

/**
 * The transposed convolution's geometry errors in the panel's terms (torch.nn.ConvTranspose2d's rules), each naming
 * the parameter, the allowed range here and the way out; undefined for any other error.
 */
function explainTransposed(e: unknown): string | undefined {
  if (e instanceof OutputPaddingError) {
    const top = Math.max(e.stride, e.dilation) - 1;
    const range = top === 0 ? 'only 0 here' : `0 to ${top} here`;
    return (
      `Output padding ${e.value} is too large: it must be smaller than the stride (${e.stride}) or the dilation ` +
      `(${e.dilation}), so ${range} (torch.nn.ConvTranspose2d). Lower the output padding, or raise the stride.`
    );
  }
  if (e instanceof TransposedCropError) {
    const rows = e.axis === 'height' ? 'rows' : 'columns';
    return (
      `Padding ${e.padBefore} crops all of Y: before the crop the transposed convolution writes ${e.full} ${rows} ` +
      `((n − 1)·s + d·(k − 1) + 1)${e.outputPadding ? ` plus ${e.outputPadding} of output padding` : ''}, and ` +
      `padding removes ${e.padBefore} + ${e.padAfter}, leaving ${e.full + e.outputPadding - e.padBefore - e.padAfter}. ` +
      `Padding must be at most ${e.maxPadding} here: lower it, or raise the stride or the kernel size.`
    );
  }
  if (e instanceof SameOutputPaddingError) {
    return (
      "Output padding must be 0 with padding 'same': 'same' (TensorFlow's conv2d_transpose) fixes the output at " +
      'n·stride. Set output padding to 0, or pick a number for the padding.'
    );
  }
  return undefined;
}

/**
 * K's kernels per output channel must match X's channels (one per input channel of the group, d2l §7.4.1;
 * torch.nn.Conv2d's weight is [c_out, c_in/groups, kh, kw]).
 */
function channelMismatch(e: ChannelMismatchError): string {
  const { cInPerGroup, cIn, groups } = e.counts;
  const needed = cIn % groups === 0 ? cIn / groups : undefined;
  const group = groups === 1 ? '' : ` per group (groups ${groups})`;
  const fix =
    needed === undefined
      ? `groups that divide ${cIn}`
      : `${needed} kernel${needed === 1 ? '' : 's'} per output channel`;
  return (
    `K has ${cInPerGroup} input channel${cInPerGroup === 1 ? '' : 's'}${group} but X has ${cIn} channel${cIn === 1 ? '' : 's'}: ` +
    `each output channel needs one kernel per input channel it reads. Give K ${fix}, or an X with ` +
    `${cInPerGroup * groups} channels.`
  );
}
