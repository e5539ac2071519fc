// Hover markdown for a parsed literal or a corr2d call. vscode-free (the unit tests and the benchmark render it in
// plain Node). Order matters: the hover box is ~250 px high, so the command links come first, then shape, values and
// the heat map. Words go through @vscode/l10n (English unless the host configured VS Code's bundle: src/extension/hover/
// index.ts), the library for code that must not import `vscode`.

import { formatNumber } from '../../core/reference';
import { corr2dMultiReference } from '../../core/channels';
import { convTranspose2dMultiReference } from '../../core/transposed';
import { asFilters, asInput, asTransposedFilters, asVolume } from '../../core/volume';
import { misreadFilters } from '../../core/layout';
import {
  LEARN_MAX_CHANNELS,
  LEARN_MAX_SIDE,
  refusal,
  STEP_MAX_CHANNELS,
  STEP_MAX_ELEMENTS,
  STEP_MAX_SIDE,
  type Target,
} from '../../core/limits';
import {
  matricesOf,
  nestValues,
  type FoundCall,
  type LiteralProblem,
  type NumericLiteral,
  type ParseResult,
} from '../../core/literal';
import * as l10n from '@vscode/l10n';
import type * as HeatMapModule from './heatmap';

// The PNG encoder (fast-png) and the colour scales (d3) load on the first hover that draws a heat map, not at
// activation: the extension host evaluates this module early (panels and the sidebar read the literal finder).
let heatMapModule: typeof HeatMapModule | undefined;
function heatMap(...args: Parameters<typeof HeatMapModule.heatMap>): HeatMapModule.HeatMap {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deliberate lazy load (see above)
  heatMapModule ??= require('./heatmap') as typeof HeatMapModule;
  return heatMapModule.heatMap(...args);
}

/** Commands the hover links to; the MarkdownString trusts exactly these. */
export const STEP = 'conv2d.stepCrossCorrelation';
/** The Step panel in its transposed mode (d2l §14.10): the link of a `trans_conv(X, K)` call. */
export const STEP_TRANSPOSED = 'conv2d.stepTransposedConvolution';
export const EDGES = 'conv2d.detectEdges';
export const LEARN = 'conv2d.learnKernel';
/** The hover's own command: re-reads a literal too large to embed in a link, then runs `command` with it. */
export const OPEN_LITERAL = 'conv2d.hover.openLiteral';
/** Rewrites a 4-D literal between PyTorch's and TensorFlow's kernel layouts (src/extension/layout-command.ts). */
export const CONVERT_LAYOUT = 'conv2d.convertLayout';
export const HOVER_COMMANDS: readonly string[] = [STEP, STEP_TRANSPOSED, EDGES, LEARN, OPEN_LITERAL, CONVERT_LAYOUT];

/** The argument of `conv2d.convertLayout` from a link: where the literal is, and the layout to convert it TO. */
export interface LayoutArgs extends LiteralAnchor {
  to: 'tensorflow' | 'pytorch';
}

/** The argument the panel commands take: a single object with optional X and K. */
export interface PanelArgs {
  X?: number[][] | number[][][];
  K?: number[][] | number[][][] | number[][][][];
  /** Where the values come from, for the panel's caption: "d2l_conv.py:12". */
  source?: string;
  padding?: 'valid' | 'same' | number;
  stride?: number;
  dilation?: number;
  groups?: number;
  /** A transposed call's output padding (conv_transpose2d's `output_padding`). */
  outputPadding?: number;
  mode?: 'correlation' | 'convolution' | 'transposed';
}

/** Where a literal is, so a link can name it instead of embedding it. */
export interface LiteralAnchor {
  uri: string;
  line: number;
  character: number;
}

/** The argument of `conv2d.hover.openLiteral`. */
export interface OpenLiteralArgs extends LiteralAnchor {
  command: string;
  role: 'X' | 'K';
}

/** What the hover needs besides the literal: the element limit and, for large literals, where the literal is. */
export interface RenderOptions {
  maxElements: number;
  anchor?: LiteralAnchor;
  /** Where the literal or call is ("d2l_conv.py:12"), passed on with the matrices so the panel can say so. */
  source?: string;
}

const MAX_TABLE = 8;
const SHOWN_EDGE = 6;
const MAX_SLICES = 2;
// Links whose argument is longer than this name the literal's position instead (four links of a 100×100 matrix
// would otherwise take ~200 000 characters, past VS Code's 100 000-character cut).
const MAX_LINK_ARGS = 8000;
const MAX_MARKDOWN = 90_000;

/** How the hover heads a problem: those not about the literal's shape have their own title, the rest "Not a matrix". */
function problemTitle(kind: LiteralProblem['kind']): string {
  switch (kind) {
    case 'out-of-range':
      return l10n.t('Not storable as written');
    case 'dtype':
      return l10n.t('Not a numeric array');
    case 'truncated':
      return l10n.t('Values left out of the printout');
    case 'scalar':
      return l10n.t('A scalar, not an array');
    default:
      return l10n.t('Not a matrix');
  }
}

/** Markdown for one parsed literal: the matrix, or the reason it is not one. */
export function renderLiteral(result: ParseResult, opts: RenderOptions): string {
  if (!result.ok) {
    const title = problemTitle(result.kind);
    return [headline(result), `**${title}**: ${escapeMarkdown(result.message)}`].filter((p) => p !== '').join('\n\n');
  }
  const count = result.data.length;
  if (count > opts.maxElements) return renderTooLarge(result, opts);
  const parts = [links(result, opts), headline(result), notes(result), layout(result, opts), ...values(result)].filter(
    (p) => p !== '',
  );
  const full = parts.join('\n\n');
  // A guard, not the plan: tables and images are bounded well below this.
  return full.length <= MAX_MARKDOWN ? full : [links(result, opts), headline(result)].join('\n\n');
}

function renderTooLarge(result: NumericLiteral, opts: RenderOptions): string {
  const note = l10n.t(
    '{0} elements, more than `conv2d.hover.maxElements` ({1}): values not shown.',
    result.data.length,
    opts.maxElements,
  );
  return [links(result, opts, true), headline(result), note].filter((p) => p !== '').join('\n\n');
}

/** "**matrix 2×3** · `np.array` · dtype `float32`", plus "transposed (`.T`)" when the literal is followed by one. */
function headline(r: ParseResult): string {
  const shape = r.ok ? r.shape : r.shape;
  const what = shape ? shapeText(shape) : '';
  const stored =
    r.ok && r.storedAs !== undefined && r.dtype === undefined ? l10n.t('stored as {0}', code(r.storedAs)) : '';
  const extras = [
    r.wrapper !== undefined ? code(r.wrapper) : '',
    r.dtype !== undefined ? l10n.t('dtype {0}', code(r.dtype)) : '',
    stored,
    r.ok && r.transpose !== undefined ? l10n.t('transposed ({0})', code(r.transpose)) : '',
  ];
  return [what, ...extras].filter((p) => p !== '').join(' · ');
}

/**
 * For a 4-D literal (a bank of kernels): how PyTorch [out, in, kh, kw] reads it, links that rewrite it in the other
 * layout by transposing the axes, and what the classic porting bug — a plain reshape — would apply instead.
 */
function layout(r: NumericLiteral, opts: RenderOptions): string {
  if (r.shape.length !== 4) return '';
  const [o, i, kh, kw] = r.shape;
  const outputs = o === 1 ? l10n.t('1 output channel') : l10n.t('{0} output channels', o);
  const inputs = i === 1 ? l10n.t('1 input channel') : l10n.t('{0} input channels', i);
  const read = l10n.t('As a PyTorch weight [out, in, kh, kw]: {0}, {1}, {2} kernels.', outputs, inputs, `${kh}×${kw}`);
  const convert = opts.anchor
    ? [
        commandLink(l10n.t('Convert to TensorFlow [kh, kw, in, out]'), CONVERT_LAYOUT, {
          ...opts.anchor,
          to: 'tensorflow',
        } satisfies LayoutArgs),
        commandLink(l10n.t('Read as TensorFlow, convert to PyTorch'), CONVERT_LAYOUT, {
          ...opts.anchor,
          to: 'pytorch',
        } satisfies LayoutArgs),
      ].join(' · ')
    : '';
  const K = nestValues(r.shape, r.data) as number[][][][];
  const wrong = misreadFilters(K)[0][0];
  const mistake = l10n.t(
    'A plain reshape into [kh, kw, in, out] would apply {0} as the first kernel instead of {1}: transpose the axes (2, 3, 1, 0).',
    escapeMarkdown(JSON.stringify(wrong)),
    escapeMarkdown(JSON.stringify(K[0][0])),
  );
  return [read, convert, mistake].filter((p) => p !== '').join('  \n');
}

/** What storing did to the values (a dtype's range or precision), one line each: the hover says so. */
function notes(r: NumericLiteral): string {
  return (r.notes ?? []).map((n) => `*${escapeMarkdown(n)}*`).join('  \n');
}

function shapeText(shape: readonly number[]): string {
  const dims = shape.join('×');
  if (shape.length === 1)
    return shape[0] === 1
      ? l10n.t('**vector {0}** (1 element)', dims)
      : l10n.t('**vector {0}** ({1} elements)', dims, shape[0]);
  if (shape.length === 2) return l10n.t('**matrix {0}**', dims);
  if (shape.length === 3)
    return l10n.t('**3-D array {0}** ({1} slices of {2})', dims, shape[0], `${shape[1]}×${shape[2]}`);
  const lead = shape.slice(0, -2);
  const [h, w] = shape.slice(-2);
  return l10n.t('**{0}-D array {1}** ({2} matrices of {3})', shape.length, dims, lead.join('×'), `${h}×${w}`);
}

/** The matrix as the panels take it: a vector becomes one row; 3-D arrays have no 2-D form. */
export function asMatrix(r: NumericLiteral): number[][] | undefined {
  if (r.shape.length === 1) return [r.data.slice()];
  if (r.shape.length === 2) return nestValues(r.shape, r.data) as number[][];
  return undefined;
}

/**
 * The links a literal may get: title (in the display language, so read when rendering), command, the role the matrix
 * plays, and the target that must accept it.
 */
const OFFERS: ReadonlyArray<[title: () => string, command: string, role: 'X' | 'K', target: Target]> = [
  [() => l10n.t('Step cross-correlation with this as X'), STEP, 'X', 'step-X'],
  [() => l10n.t('Step cross-correlation with this as kernel K'), STEP, 'K', 'step-K'],
  [() => l10n.t('Detect edges with this kernel'), EDGES, 'K', 'edges-K'],
  [() => l10n.t('Detect edges in this matrix (as an image)'), EDGES, 'X', 'edges-X'],
  [() => l10n.t('Learn this kernel'), LEARN, 'K', 'learn-K'],
];

/** Matrices larger than this a side are offered to Detect Edges as an image (smaller ones step well as X). */
const IMAGE_SIDE = 32;

/**
 * The command links of a matrix literal: only those whose panel takes a matrix of this shape (src/core/limits.ts), so
 * no link leads to a refusal. A literal too long to travel in a link (or `byAnchor`: above the hover's element limit)
 * is re-read by `conv2d.hover.openLiteral` from where it is.
 */
function links(r: NumericLiteral, opts: RenderOptions, byAnchor = false): string {
  const M = asMatrix(r);
  if (!M) return channelLinks(r, opts, byAnchor);
  const shape: [number, number] = [M.length, M[0].length];
  const link = (title: string, command: string, role: 'X' | 'K') => {
    // Each number takes at least 2 characters encoded: skip encoding what cannot fit (it costs milliseconds).
    const arg: PanelArgs = { [role]: M, ...(opts.source !== undefined ? { source: opts.source } : {}) };
    const encoded = !byAnchor && r.data.length * 2 <= MAX_LINK_ARGS ? encodeArgs(arg) : undefined;
    if (encoded !== undefined && encoded.length <= MAX_LINK_ARGS) return `[${title}](command:${command}?${encoded})`;
    return opts.anchor ? commandLink(title, OPEN_LITERAL, { ...opts.anchor, command, role }) : '';
  };
  const image = Math.max(...shape) > IMAGE_SIDE || refusal('step-X', shape) !== undefined;
  return OFFERS.filter(([, , , target]) => refusal(target, shape) === undefined && (target !== 'edges-X' || image))
    .map(([title, command, role]) => link(title(), command, role))
    .filter((l) => l !== '')
    .join(' · ');
}

/**
 * Links of a 3-D or 4-D literal: the Step panel takes channels `[c_in, h, w]` as X (or as one output channel's kernels
 * `[c_in, kh, kw]`, d2l's `corr2d_multi_in`) and a bank `[c_out, c_in/groups, kh, kw]` as K, within its limits; Learn
 * Kernel takes channels as the X of its colour experiment (up to LEARN_MAX_CHANNELS of LEARN_MAX_SIDE², at least 3×3
 * so its 3×3 target fits).
 */
function channelLinks(r: NumericLiteral, opts: RenderOptions, byAnchor: boolean): string {
  const [lead, h, w] = [r.shape.slice(0, -2), ...r.shape.slice(-2)];
  if (r.shape.length > 4) return '';
  const values = nestValues(r.shape, r.data);
  const link = (title: string, role: 'X' | 'K', command = STEP) => {
    const arg = { [role]: values, ...(opts.source !== undefined ? { source: opts.source } : {}) };
    const encoded = byAnchor ? undefined : encodeArgs(arg);
    if (encoded !== undefined && encoded.length <= MAX_LINK_ARGS) return `[${title}](command:${command}?${encoded})`;
    return opts.anchor ? commandLink(title, OPEN_LITERAL, { ...opts.anchor, command, role }) : '';
  };
  const step =
    lead.every((n) => n <= STEP_MAX_CHANNELS) && Math.max(h, w) <= STEP_MAX_SIDE && r.data.length <= STEP_MAX_ELEMENTS;
  const learn = r.shape.length === 3 && lead[0] <= LEARN_MAX_CHANNELS && Math.max(h, w) <= LEARN_MAX_SIDE;
  const offers = [
    ...(!step
      ? []
      : r.shape.length === 3
        ? [
            link(l10n.t('Step cross-correlation with these channels as X'), 'X'),
            link(l10n.t('Step with these as the kernels K of one output channel'), 'K'),
          ]
        : [link(l10n.t('Step cross-correlation with this bank as K'), 'K')]),
    learn && Math.min(h, w) >= 3 ? link(l10n.t('Learn a kernel over these channels (as X)'), 'X', LEARN) : '',
  ];
  return offers.filter((l) => l !== '').join(' · ');
}

/** A command link `[title](command:id?args)`; the argument is passed as the command's single parameter. */
export function commandLink(title: string, command: string, arg: unknown): string {
  return `[${escapeMarkdown(title)}](command:${command}?${encodeArgs(arg)})`;
}

/** A command link's query: JSON, percent-encoded, `(`, `)`, `'`, `!` and `*` too (a `)` would end the Markdown link). */
function encodeArgs(arg: unknown): string {
  return encodeURIComponent(JSON.stringify([arg])).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function values(r: NumericLiteral): string[] {
  const all = matricesOf(r.shape);
  const out: string[] = [];
  for (const m of all.slice(0, MAX_SLICES)) {
    if (all.length > 1) out.push(`${m.label}:`);
    // The heat map (≤ 64 px) before the table: the hover box is about 250 px high, and a tall table would push the
    // picture and its legend below the fold.
    out.push(image(r.data, m.rows, m.cols, m.offset), table(r.data, m.rows, m.cols, m.offset));
  }
  const more = all.length - MAX_SLICES;
  if (more > 0)
    out.push(r.shape.length === 3 ? l10n.t('… {0} more slices', more) : l10n.t('… {0} more matrices', more));
  return out;
}

/**
 * Markdown table; beyond 8 rows or columns, the first 6 and an ellipsis. Row and column indices are bold and a `│`
 * column separates the row index from the values, so a row of `[0, 1, 2]` cannot read as "0 0 1 2".
 */
export function table(data: readonly number[], rows: number, cols: number, offset = 0): string {
  const shownRows = rows > MAX_TABLE ? SHOWN_EDGE : rows;
  const shownCols = cols > MAX_TABLE ? SHOWN_EDGE : cols;
  const more = (n: number, shown: number) => (n > shown ? ['…'] : []);
  const indices = [...range(shownCols).map((c) => `**${c}**`), ...more(cols, shownCols)];
  const lines = [row(['', SEPARATOR, ...indices]), row(['--:', ':-:', ...indices.map(() => '--:')])];
  for (const r of range(shownRows)) {
    const cells = range(shownCols).map((c) => formatNumber(data[offset + r * cols + c]));
    lines.push(row([`**${r}**`, SEPARATOR, ...cells, ...more(cols, shownCols)]));
  }
  if (rows > shownRows) lines.push(row(['…', SEPARATOR, ...indices.map(() => '…')]));
  return lines.join('\n');
}

const SEPARATOR = '│';

function image(data: readonly number[], rows: number, cols: number, offset: number): string {
  const h = heatMap(data, rows, cols, offset);
  return `![${l10n.t('heat map {0}', `${rows}×${cols}`)}](${h.uri})  \n${legend(h)}`;
}

/** "viridis, 0 … 8", "blue < 0 < red, -1 … 1"; a constant matrix says so ("all zeros", "all entries 2") instead of "0 … 0". */
export function legend(h: Pick<HeatMapModule.HeatMap, 'scale' | 'min' | 'max'>): string {
  if (h.min === h.max) return h.min === 0 ? l10n.t('all zeros') : l10n.t('all entries {0}', formatNumber(h.min));
  const span = `${formatNumber(h.min)} … ${formatNumber(h.max)}`;
  return h.scale === 'diverging' ? l10n.t('blue < 0 < red, {0}', span) : l10n.t('viridis, {0}', span);
}

/**
 * Markdown for a `corr2d(X, K, …)` call: both operands' shapes and the result from the plain-loop reference, with the
 * padding, stride and dilation the call passes; arguments the hover cannot apply are named, not silently dropped.
 */
export function renderCall(call: FoundCall, opts: RenderOptions): string {
  const X = call.X.literal?.result;
  const K = call.K.literal?.result;
  const problems = [call.X, call.K].filter((a) => a.problem !== undefined).map((a) => escapeMarkdown(a.problem ?? ''));
  const { geometry, ignored } = call.options;
  const written = [call.X.text, call.K.text, ...optionTexts(geometry), ...ignored].join(', ');
  const title = `**${escapeMarkdown(call.name)}(${escapeMarkdown(written)})**`;
  if (problems.length > 0 || !X || !K) return [title, ...problems].join('\n\n');
  if (!X.ok || !K.ok) return [title, ...[X, K].map((r) => (r.ok ? '' : escapeMarkdown(r.message)))].join('\n\n');
  if (X.data.length + K.data.length > opts.maxElements) {
    const limit = l10n.t(
      'X {0}, K {1}: more than {2} elements, not computed',
      X.shape.join('×'),
      K.shape.join('×'),
      opts.maxElements,
    );
    return `${title}\n\n${limit}`;
  }
  const notApplied = ignored.length > 0 ? notAppliedText(ignored, call.kind === 'transposed') : '';
  try {
    const x = asInput('hover', operand(X));
    const k = operand(K);
    const Y = callResult(call, x, k);
    const shape = [Y.length, Y[0].length, Y[0][0].length];
    const flat = Y.flat(2);
    const source = opts.source !== undefined ? { source: opts.source } : {};
    const transposed = call.kind === 'transposed';
    const mode = transposed ? { mode: 'transposed' as const } : {};
    const args = encodeArgs({ X: x, K: k, ...geometry, ...mode, ...source } satisfies PanelArgs);
    const stepTitle = transposed ? l10n.t('Step this transposed convolution') : l10n.t('Step this cross-correlation');
    const command = transposed ? STEP_TRANSPOSED : STEP;
    const step = args.length <= MAX_LINK_ARGS ? `[${stepTitle}](command:${command}?${args})` : '';
    const how = optionTexts(geometry).join(', ');
    const op = call.kind === 'transposed' ? '⋆ᵀ' : '⋆';
    const yShape = Y.length === 1 ? shape.slice(1) : shape;
    const shapes = `X ${X.shape.join('×')} ${op} K ${K.shape.join('×')}${how ? ` (${how})` : ''} → **Y ${yShape.join('×')}**`;
    const outputs = matricesOf(yShape).slice(0, MAX_SLICES);
    const shown = outputs.flatMap((m) => [
      ...(outputs.length > 1 || Y.length > 1 ? [l10n.t('output channel {0}:', m.index[0] ?? 0)] : []),
      image(flat, m.rows, m.cols, m.offset),
      table(flat, m.rows, m.cols, m.offset),
    ]);
    const more = Y.length > MAX_SLICES ? l10n.t('… {0} more output channels', Y.length - MAX_SLICES) : '';
    return [step, title, notApplied, shapes, ...shown, more].filter((p) => p !== '').join('\n\n');
  } catch (e) {
    return [title, notApplied, escapeMarkdown(e instanceof Error ? e.message : String(e))]
      .filter((p) => p !== '')
      .join('\n\n');
  }
}

/** "Not applied: `bias=b`: Y below is computed without it (the hover applies padding, stride, … and groups only)". */
function notAppliedText(ignored: readonly string[], transposed: boolean): string {
  const list = ignored.map(code).join(', ');
  const without =
    ignored.length === 1
      ? l10n.t('Not applied: {0}: Y below is computed without it', list)
      : l10n.t('Not applied: {0}: Y below is computed without them', list);
  const applies = transposed
    ? l10n.t('the hover applies padding, stride, dilation, output padding and groups only')
    : l10n.t('the hover applies padding, stride, dilation and groups only');
  return `${without} (${applies})`;
}

/** A call's operand as nested arrays: a vector is one row (as the panels take it), a 2-D to 4-D array itself. */
function operand(r: NumericLiteral): NestedArray {
  return asMatrix(r) ?? (nestValues(r.shape, r.data) as NestedArray);
}

/** Nested arrays of 2 to 4 dimensions: a matrix, channels, a bank of kernels. */
type NestedArray = number[][] | number[][][] | number[][][][];

/**
 * What the call computes, as output channels `[c_out, h', w']` (one channel for 2-D operands): the multi-channel
 * cross-correlation (d2l §7.4, torch.nn.functional.conv2d with groups), or the transposed convolution (§14.10,
 * conv_transpose2d, K `[c_in, c_out/groups, kh, kw]`). Throws the core's messages (channel counts, a kernel too large).
 */
function callResult(call: FoundCall, x: number[][] | number[][][], k: NestedArray): number[][][] {
  const g = call.options.geometry;
  const X = asVolume('hover', x);
  if (call.kind === 'transposed') {
    const K = asTransposedFilters('hover', k);
    return convTranspose2dMultiReference(X, K, { ...g, outputPadding: g.outputPadding });
  }
  return corr2dMultiReference(X, asFilters('hover', k), g);
}

/** `padding=1`, `stride=2`, `dilation=2`, `groups=2`, `outputPadding=1` for the options a call passes, in that order. */
function optionTexts(g: FoundCall['options']['geometry']): string[] {
  return (['padding', 'stride', 'dilation', 'groups', 'outputPadding'] as const)
    .filter((k) => g[k] !== undefined)
    .map((k) => `${k}=${String(g[k])}`);
}

/** Backslash-escapes Markdown punctuation so text from the user's file cannot make links, images or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}
