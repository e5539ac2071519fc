// The one host ↔ webview protocol. Both sides import this module; every message that arrives is validated with
// these schemas before it is used (a webview is a separate page: treat what it sends as untrusted, and vice versa).
import * as v from 'valibot';

/** A finite number (NaN and ±Infinity are rejected: they cannot come from a valid matrix). */
const Finite = v.pipe(v.number(), v.finite());

/** A dense 2-D matrix, row-major: `M: [rows, cols]`. Raggedness is checked by the core, which names the row. */
export const MatrixSchema = v.pipe(v.array(v.array(Finite)), v.maxLength(4096));
/** A dense 2-D matrix of finite numbers. */
export type Matrix = v.InferOutput<typeof MatrixSchema>;

/** A matrix the views can show: non-empty and rectangular as well (saved states are checked with this). */
export const ShownMatrixSchema = v.pipe(
  MatrixSchema,
  v.check(
    (M) => M.length > 0 && M[0].length > 0 && M.every((row) => row.length === M[0].length),
    'a non-empty rectangular matrix',
  ),
);

/** The panels a host can open; the sidebar is a WebviewView on the same protocol. */
export const ViewKindSchema = v.picklist(['step', 'edges', 'learn', 'sidebar']);
/** Which view a webview bundle implements. */
export type ViewKind = v.InferOutput<typeof ViewKindSchema>;

/** The `conv2d.backend` setting. */
export const BackendPreferenceSchema = v.picklist(['auto', 'webgl', 'wasm', 'cpu']);
/** The user's TensorFlow.js backend preference ('auto' = WebGL first, then the fallback chain). */
export type BackendPreference = v.InferOutput<typeof BackendPreferenceSchema>;

/** Channels of matrices `[c, h, w]` (an input X of d2l §7.4), up to 64 channels. */
export const VolumeSchema = v.pipe(v.array(MatrixSchema), v.maxLength(64));
/** A bank of kernels `[c_out, c_in/groups, kh, kw]` (PyTorch's weight layout), up to 64 output channels. */
export const FiltersSchema = v.pipe(v.array(VolumeSchema), v.maxLength(64));

/**
 * Matrices a panel opens on (from a hover link, the sidebar or a selection); both optional. X is `[h, w]` or
 * `[c_in, h, w]`; K is `[kh, kw]`, `[c_in, kh, kw]` (one output channel) or `[c_out, c_in/groups, kh, kw]`.
 */
export const PanelInputSchema = v.object({
  X: v.optional(v.union([MatrixSchema, VolumeSchema])),
  K: v.optional(v.union([MatrixSchema, VolumeSchema, FiltersSchema])),
  /** Channel groups of a multi-channel layer (torch.nn.Conv2d's `groups`). */
  groups: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
  /** Where the values came from, for the panel's caption, e.g. "d2l_conv.py:12". */
  source: v.optional(v.pipe(v.string(), v.maxLength(500))),
  /** The bias b of Y = corr2d(X, K) + b: one number, or one per output channel. */
  bias: v.optional(v.union([Finite, v.pipe(v.array(Finite), v.maxLength(64))])),
  /** Geometry the sender used (the sidebar): 'valid', 'same', or zero rows/columns on each side. */
  padding: v.optional(
    v.union([v.picklist(['valid', 'same']), v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(64))]),
  ),
  stride: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
  dilation: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64))),
  /**
   * Cross-correlation (what tf.conv2d computes), true convolution (the kernel flipped, d2l §7.2.1) or the transposed
   * convolution (d2l §14.10; K is then PyTorch's ConvTranspose2d weight `[c_in, c_out/groups, kh, kw]`).
   */
  mode: v.optional(v.picklist(['correlation', 'convolution', 'transposed'])),
  /** Rows/columns added at the bottom/right of a transposed convolution's output (PyTorch's `output_padding`). */
  outputPadding: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(64))),
  /**
   * Learn Kernel's learning rate, used as given even above the stability limit (the walkthrough's "watch it diverge"
   * step); the other views take no learning rate.
   */
  lr: v.optional(v.pipe(Finite, v.gtValue(0), v.maxValue(1e6))),
});
/** Matrices a panel opens on. */
export type PanelInput = v.InferOutput<typeof PanelInputSchema>;

/** Most values a tensor message carries: the largest `conv2d.debug.maxElements` allowed (a 2048×2048 plane). */
export const MAX_TENSOR_VALUES = 4_194_304;
/** Largest rank of an array the views slice (a batch of kernel banks `[n, c_out, c_in, kh, kw]` is 5-D). */
export const MAX_TENSOR_RANK = 8;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Indices = v.pipe(v.array(Count), v.maxLength(MAX_TENSOR_VALUES));

/** Min, max and mean of the finite values, their count, and how many values are NaN, +∞, −∞ (src/core/summary.ts). */
export const SummarySchema = v.object({
  count: Count,
  min: v.optional(Finite),
  max: v.optional(Finite),
  mean: v.optional(Finite),
  nan: Count,
  posInf: Count,
  negInf: Count,
});

/** The plane of an array a view shows (src/core/slice.ts): row and column axes (-1: none), an index per axis. */
export const PlaneSelectionSchema = v.object({
  rowAxis: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(MAX_TENSOR_RANK - 1)),
  colAxis: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(MAX_TENSOR_RANK - 1)),
  index: v.pipe(v.array(Count), v.maxLength(MAX_TENSOR_RANK)),
});

/**
 * An N-D array: `shape` (`[]` for a scalar), row-major `data`, and the dtype when known. JSON cannot carry NaN and
 * ±Infinity: they travel as 0 in `data` with their positions in `nonFinite`. When the array was too large to send
 * whole, `plane` says which plane `data` holds (`rows × cols` values, every `step`-th row and column of it); the
 * summary is then the whole array's, computed where the array lives.
 */
export const TensorSchema = v.pipe(
  v.object({
    shape: v.pipe(v.array(v.pipe(Count, v.maxValue(2 ** 32))), v.maxLength(MAX_TENSOR_RANK)),
    dtype: v.optional(v.pipe(v.string(), v.maxLength(60))),
    data: v.pipe(v.array(Finite), v.maxLength(MAX_TENSOR_VALUES)),
    nonFinite: v.optional(v.object({ nan: Indices, posInf: Indices, negInf: Indices })),
    plane: v.optional(
      v.object({
        ...PlaneSelectionSchema.entries,
        step: v.pipe(v.number(), v.integer(), v.minValue(1)),
        rows: Count,
        cols: Count,
      }),
    ),
    summary: v.optional(SummarySchema),
  }),
  v.check(
    (t) =>
      t.data.length === (t.plane ? t.plane.rows * t.plane.cols : t.shape.reduce((a, b) => a * b, 1)) &&
      (t.plane === undefined || t.plane.index.length === t.shape.length),
    'data holds as many values as the shape (or the plane) says',
  ),
);
/** An N-D array with its shape, dtype, values (or one plane of them) and summary. */
export type Tensor = v.InferOutput<typeof TensorSchema>;
/** A plane of an N-D array. */
export type PlaneSelectionMessage = v.InferOutput<typeof PlaneSelectionSchema>;

// ---- host → webview -------------------------------------------------------------------------------------------

/**
 * VS Code's display language and the extension's string bundle for it (`vscode.env.language`, `vscode.l10n.bundle`:
 * English message → translation, https://code.visualstudio.com/api/references/vscode-api#l10n). An empty bundle means
 * English, the messages themselves.
 */
export const L10nSchema = v.object({
  /** A BCP 47 tag as VS Code spells it, e.g. 'en', 'zh-cn'. */
  language: v.pipe(v.string(), v.maxLength(35)),
  bundle: v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(2000)), v.pipe(v.string(), v.maxLength(4000))),
    v.maxEntries(2000),
  ),
});
/** The display language and its strings. */
export type L10n = v.InferOutput<typeof L10nSchema>;

/** Answer to `ready`: what the view should show first. `state` is the view's own saved state after a reload. */
export const InitMessageSchema = v.object({
  type: v.literal('init'),
  view: ViewKindSchema,
  backend: BackendPreferenceSchema,
  input: v.optional(PanelInputSchema),
  state: v.optional(v.unknown()),
  /** The strings of the display language; absent: English. */
  l10n: v.optional(L10nSchema),
});

/** New matrices for an open view (a second hover link, the sidebar following the cursor). */
export const SetInputMessageSchema = v.object({ type: v.literal('setInput'), input: PanelInputSchema });

/** An image for the edge panel, readable by the webview at `uri` (an asWebviewUri). */
export const LoadImageMessageSchema = v.object({
  type: v.literal('loadImage'),
  uri: v.pipe(v.string(), v.maxLength(4096)),
  name: v.pipe(v.string(), v.maxLength(1000)),
  /**
   * The file as a program on the user's machine opens it (the file-system path of a `file:` URI, else the URI), for
   * exported code that loads the image itself.
   */
  path: v.optional(v.pipe(v.string(), v.maxLength(4096))),
});

/**
 * The sidebar follows the editor: the matrix literal under the cursor (`matrix` null when there is none, with
 * `problem` saying why a literal was not a matrix, e.g. "ragged: row 0 has 4 elements, row 1 has 7").
 */
export const CursorMatrixMessageSchema = v.object({
  type: v.literal('cursorMatrix'),
  matrix: v.nullable(MatrixSchema),
  label: v.pipe(v.string(), v.maxLength(500)),
  problem: v.optional(v.pipe(v.string(), v.maxLength(2000))),
  /** The whole literal, any rank (bounded like `matrix`); `matrix` is its first matrix. */
  tensor: v.optional(TensorSchema),
});

/**
 * The host's answer to `exportCode` or `insertLiteral`: what it did ("NumPy/SciPy code copied to the clipboard (24
 * lines)", "Inserted K (3×3, np.array) at d2l_conv.py:12") or why it could not ("No text editor to insert into: …").
 */
export const ExportResultMessageSchema = v.object({
  type: v.literal('exportResult'),
  ok: v.boolean(),
  text: v.pipe(v.string(), v.maxLength(2000)),
});

/**
 * A value from a paused debug session for the sidebar: the expression, where it was read ("app.js:12 main"), how far
 * the read is (`loading` with `progress` 0…1, `ready`, `failed` with `problem`, `ended` when the session is gone and
 * the values are the last ones read), whether it is pinned (read again at every stop) and the tensor once read.
 */
export const DebugTensorMessageSchema = v.object({
  type: v.literal('debugTensor'),
  expression: v.pipe(v.string(), v.maxLength(1000)),
  label: v.pipe(v.string(), v.maxLength(500)),
  status: v.picklist(['loading', 'ready', 'failed', 'ended']),
  pinned: v.boolean(),
  progress: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  problem: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  /** What limited the read, e.g. "16 000 000 values: showing K[0, ::4, ::4] (conv2d.debug.maxElements = 1 000 000)". */
  note: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  tensor: v.optional(TensorSchema),
  /** While values are read: the shape, dtype and summary, known before any value (issue 13: summary first). */
  preview: v.optional(
    v.object({
      shape: v.pipe(v.array(v.pipe(Count, v.maxValue(2 ** 32))), v.maxLength(MAX_TENSOR_RANK)),
      dtype: v.optional(v.pipe(v.string(), v.maxLength(60))),
      summary: SummarySchema,
    }),
  ),
});

/** The sidebar's debug value is closed: nothing is pinned any more. */
export const DebugClearMessageSchema = v.object({ type: v.literal('debugClear') });

/** Every message the host sends. */
export const ToWebviewSchema = v.variant('type', [
  InitMessageSchema,
  SetInputMessageSchema,
  LoadImageMessageSchema,
  CursorMatrixMessageSchema,
  ExportResultMessageSchema,
  DebugTensorMessageSchema,
  DebugClearMessageSchema,
]);
/** Every message the host sends. */
export type ToWebview = v.InferOutput<typeof ToWebviewSchema>;

// ---- webview → host -------------------------------------------------------------------------------------------

/** The webview's script is listening; the host answers with `init`. */
export const ReadyMessageSchema = v.object({ type: v.literal('ready'), view: ViewKindSchema });

/** The view's title changed (the Step panel between cross-correlation and transposed convolution): the tab follows. */
export const TitleMessageSchema = v.object({
  type: v.literal('title'),
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
});

/** The TensorFlow.js backend in use, and why (e.g. "webgl failed: no WebGL2 context → cpu"). */
export const BackendMessageSchema = v.object({
  type: v.literal('backend'),
  backend: v.pipe(v.string(), v.maxLength(50)),
  reason: v.pipe(v.string(), v.maxLength(2000)),
});

/** Something went wrong in the view; the host logs it and shows it to the user. */
export const ErrorMessageSchema = v.object({
  type: v.literal('error'),
  message: v.pipe(v.string(), v.maxLength(4000)),
});

/** The edge panel asks the host to show a file picker for an image. */
export const PickImageMessageSchema = v.object({ type: v.literal('pickImage') });

/** Open another panel on the given matrices (the sidebar's buttons, "learn this kernel" links inside panels). */
export const OpenPanelMessageSchema = v.object({
  type: v.literal('openPanel'),
  panel: v.picklist(['step', 'edges', 'learn']),
  input: PanelInputSchema,
});

/** The sidebar's current X and K, so its view/title actions can open panels on them. */
export const InputChangedMessageSchema = v.object({ type: v.literal('inputChanged'), input: PanelInputSchema });

/** The frameworks "Copy as code" writes for (src/core/export's `ExportTarget`). */
export const ExportTargetSchema = v.picklist(['numpy', 'pytorch', 'tensorflow', 'tfjs']);

/** Longest exported program the host accepts (a 4096×4096 matrix literal is ~200 MB; photos load from their file). */
export const MAX_EXPORT_CODE = 32 << 20;

/**
 * "Copy as code": the view generated `code` for `target` from its own state; the host copies it to the clipboard or
 * opens it in an untitled editor of its language, and answers with `exportResult`. `what` names what the code
 * computes, for the host's message ("Y = X ⋆ K + b of the Step panel").
 */
export const ExportCodeMessageSchema = v.object({
  type: v.literal('exportCode'),
  target: ExportTargetSchema,
  destination: v.picklist(['clipboard', 'editor']),
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_EXPORT_CODE)),
  what: v.pipe(v.string(), v.maxLength(500)),
});

/** Most values "Insert as literal" sends (a 512×512 matrix). */
export const MAX_LITERAL_VALUES = 1 << 18;

/**
 * "Insert as literal": an array of the view (`data` row-major, `shape` of rank 1–4) to insert at the cursor of the
 * last active text editor, written in that editor's language. `name` ("X", "K", "Y") is for the host's message.
 */
export const InsertLiteralMessageSchema = v.pipe(
  v.object({
    type: v.literal('insertLiteral'),
    name: v.pipe(v.string(), v.maxLength(100)),
    shape: v.pipe(
      v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_LITERAL_VALUES))),
      v.minLength(1),
      v.maxLength(4),
    ),
    data: v.pipe(v.array(Finite), v.maxLength(MAX_LITERAL_VALUES)),
  }),
  v.check(
    (m) => m.shape.reduce((a, b) => a * b, 1) === m.data.length,
    'insertLiteral: data must hold shape[0] × shape[1] × … values',
  ),
);

/**
 * The sidebar's debug value: pin it (read again at every stop), unpin, read it again now, or close it; `plane` asks
 * for another plane of an array too large to send whole (the slicer moved).
 */
export const DebugActionMessageSchema = v.object({
  type: v.literal('debugAction'),
  action: v.picklist(['pin', 'unpin', 'refresh', 'close', 'plane']),
  plane: v.optional(PlaneSelectionSchema),
});

/** Every message a webview sends. */
export const FromWebviewSchema = v.variant('type', [
  ExportCodeMessageSchema,
  InsertLiteralMessageSchema,
  InputChangedMessageSchema,
  DebugActionMessageSchema,
  ReadyMessageSchema,
  BackendMessageSchema,
  ErrorMessageSchema,
  PickImageMessageSchema,
  OpenPanelMessageSchema,
  TitleMessageSchema,
]);
/** Every message a webview sends. */
export type FromWebview = v.InferOutput<typeof FromWebviewSchema>;

/** Result of checking an incoming message: the typed message, or a readable reason it was rejected. */
export type Checked<T> = { ok: true; message: T } | { ok: false; error: string };

function check<T>(schema: v.GenericSchema<unknown, T>, raw: unknown, side: string): Checked<T> {
  const r = v.safeParse(schema, raw);
  if (r.success) return { ok: true, message: r.output };
  const { issue: first, keys } = deepest(r.issues[0]);
  const path = keys.join('.');
  return { ok: false, error: `${side}: rejected message${path ? ` at ${path}` : ''}: ${first.message}` };
}

/**
 * The most specific problem under `issue`, with its full path: a union (a matrix or a volume) reports "expected Array"
 * at its own level and nests each option's issues, their paths relative to the union; the option that got furthest into
 * the value names the place ("input.K.0.1").
 */
function deepest(issue: v.BaseIssue<unknown>): { issue: v.BaseIssue<unknown>; keys: string[] } {
  const keysOf = (i: v.BaseIssue<unknown>) => i.path?.map((p) => String(p.key)) ?? [];
  let at = issue;
  const keys = keysOf(issue);
  while (at.issues?.length) {
    at = at.issues.reduce((a, b) => ((b.path?.length ?? 0) > (a.path?.length ?? 0) ? b : a));
    // Nested paths either repeat the outer ones (valibot's objects) or continue from them (its unions).
    const inner = keysOf(at);
    keys.push(...(inner.slice(0, keys.length).join('.') === keys.join('.') ? inner.slice(keys.length) : inner));
  }
  return { issue: at, keys };
}

/** Validates a message received by a webview. Never throws. */
export function checkToWebview(raw: unknown): Checked<ToWebview> {
  return check(ToWebviewSchema, raw, 'webview');
}

/** Validates a message received by the host from a webview. Never throws. */
export function checkFromWebview(raw: unknown): Checked<FromWebview> {
  return check(FromWebviewSchema, raw, 'host');
}

/** Compile-time exhaustiveness for `switch (msg.type)`: a new message type that is not handled fails to build. */
export function assertNever(x: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(x)}`);
}
