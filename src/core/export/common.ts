// Text shared by the code generators: the header that says what the snippet computes, and the sentences that explain
// the padding, so every framework's snippet tells the same story.

import type { ResolvedSpec } from './spec';

/** "cross-correlation" / "true convolution" / "transposed convolution" with the channel counts and geometry. */
export function describeLayer(r: ResolvedSpec): string {
  const what = {
    correlation: 'cross-correlation',
    convolution: 'true convolution',
    transposed: 'transposed convolution',
  }[r.op];
  const groups =
    r.groups === 1
      ? ''
      : r.groups === r.cIn && r.cInPerGroup === 1
        ? `, depthwise (groups ${r.groups})`
        : `, groups ${r.groups}`;
  const s = r.cIn === 1 && r.cOut === 1 ? '' : 's';
  return `${what}, ${r.cIn} → ${r.cOut} channel${s}${groups}, stride ${pairText(r.stride)}, dilation ${pairText(r.dilation)}`;
}

/** Why the padding has the numbers it has, as comment lines (without the comment marker); [] for no padding. */
export function paddingComment(r: ResolvedSpec): string[] {
  const { top, bottom, left, right } = r.pads;
  const sides = `top ${top}, bottom ${bottom}, left ${left}, right ${right}`;
  if (r.op === 'transposed') {
    const [oh, ow] = r.outputPadding;
    const lines: string[] = [];
    if (r.padding === 'same') {
      lines.push(`Padding 'same' as TensorFlow's conv2d_transpose (output = input · stride): crop ${sides},`);
      lines.push(`then add ${oh} row(s) at the bottom and ${ow} column(s) at the right.`);
    } else if (top + bottom + left + right > 0 || oh + ow > 0) {
      lines.push(`Padding crops the full result (${sides}); output padding adds ${oh} row(s) at the bottom`);
      lines.push(`and ${ow} column(s) at the right (PyTorch's conv_transpose2d convention).`);
    }
    return lines;
  }
  if (top + bottom + left + right === 0) return [];
  if (r.padding === 'same') {
    return [
      `Zero padding ${sides}: 'same' as TensorFlow computes it (output = ceil(input / stride));`,
      'an odd total puts the extra row/column at the bottom/right.',
    ];
  }
  return [`Zero padding ${sides}.`];
}

/** `[2, 2]` → "2", `[1, 2]` → "1×2" (height × width). */
export function pairText([h, w]: [number, number]): string {
  return h === w ? String(h) : `${h}×${w}`;
}

/** "1 zero row and 2 zero columns between taps". */
export function gaps([dh, dw]: [number, number]): string {
  const n = (k: number, what: string) => `${k} zero ${what}${k === 1 ? '' : 's'}`;
  return `${n(dh - 1, 'row')} and ${n(dw - 1, 'column')} between taps`;
}

/** Prefixes every line with `marker` ("# ", "// "). */
export function comment(lines: string[], marker: string): string[] {
  return lines.map((l) => `${marker}${l}`);
}
