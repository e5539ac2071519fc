// Errors of a computation in the user's terms, with the way out: the core's "corr2dFast: kernel 1×2 is larger than
// input 1×1" becomes what the view's controls can do about it. Pure: tested in Node.
import { ChannelMismatchError } from '../../src/core/channels';
import { KernelTooLargeError } from '../../src/core/geometry';
import { messageOf } from './format';

/** What the view offers: Detect Edges has no padding ('valid' only); Step and the sidebar have padding and dilation. */
export type Where = 'edges' | 'step' | 'sidebar';

/**
 * The message for an error thrown while computing Y. A kernel larger than the (padded) input names both sizes and what
 * would fit: a smaller kernel, a larger image, or (where the view has them) more padding or less dilation. Other
 * errors keep their own message.
 */
export function explain(e: unknown, where: Where): string {
  if (e instanceof ChannelMismatchError) return channelMismatch(e);
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
