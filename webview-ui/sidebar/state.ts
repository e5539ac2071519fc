// The sidebar's state: plain JSON, saved after every change so it survives collapse and reload, validated on restore.
import * as v from 'valibot';
import {
  MatrixSchema,
  PlaneSelectionSchema,
  ShownMatrixSchema,
  TensorSchema,
  type PanelInput,
} from '../../src/protocol/messages';
import { fig51K, fig51X } from '../../src/core/fixtures';
import type { Matrix } from '../../src/core/matrix';
import { matrixOnly } from '../../src/core/volume';

const Whole = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min));
const Label = v.pipe(v.string(), v.maxLength(500));

/** A slicer's plane and the array it was chosen on ("2×2×2", "V 2×2×3"). */
const KeyedPlaneSchema = v.object({ ...PlaneSelectionSchema.entries, of: v.optional(Label) });
/** A slicer's plane and the array it was chosen on. */
export type KeyedPlane = v.InferOutput<typeof KeyedPlaneSchema>;

/** The saved plane when it was chosen on the array `of`, else none (the view starts on the first matrix). */
export function planeFor(saved: KeyedPlane | undefined, of: string): KeyedPlane | undefined {
  return saved?.of === of ? saved : undefined;
}

/** Everything the sidebar shows. */
export const SidebarStateSchema = v.object({
  X: ShownMatrixSchema,
  K: ShownMatrixSchema,
  bias: v.pipe(v.number(), v.finite()),
  padding: v.union([v.picklist(['valid', 'same']), Whole(0)]),
  stride: Whole(1),
  dilation: Whole(1),
  /** Where X and K came from ("d2l_conv.py:12", "preset Sobel x"), for the panels the sidebar opens. */
  from: v.optional(v.object({ X: v.optional(Label), K: v.optional(Label) }), {}),
  /** The literal under the cursor as the host last sent it. */
  cursor: v.optional(
    v.object({
      matrix: v.nullable(MatrixSchema),
      label: Label,
      problem: v.optional(v.pipe(v.string(), v.maxLength(2000))),
      /** The whole literal (any rank): the slicer cuts its planes. */
      tensor: v.optional(TensorSchema),
    }),
  ),
  /**
   * The slicers' planes: of the literal at the cursor, and of the debug value (which is not saved: the host resends
   * it). Each names the array it was chosen on (`of`): another array starts on its first matrix.
   */
  planes: v.optional(v.object({ cursor: v.optional(KeyedPlaneSchema), debug: v.optional(KeyedPlaneSchema) }), {}),
});
/** The sidebar's state. */
export type SidebarState = v.InferOutput<typeof SidebarStateSchema>;

/** The state a new sidebar starts from: d2l Fig. 7.2.1 (Fig. 5.1), no bias, 'valid', stride 1, dilation 1. */
export function defaultState(): SidebarState {
  return { X: fig51X(), K: fig51K(), bias: 0, padding: 'valid', stride: 1, dilation: 1, from: {}, planes: {} };
}

/** An input replaces X and K and the settings: what it names, defaults for the rest. */
export function sidebarInput(s: SidebarState, input: PanelInput): SidebarState {
  if (!input.X && !input.K) return s;
  const d = defaultState();
  return {
    ...d,
    cursor: s.cursor,
    planes: s.planes,
    X: input.X ? matrixOnly('sidebar', 'X', input.X, 'the sidebar') : d.X,
    K: input.K ? matrixOnly('sidebar', 'K', input.K, 'the sidebar') : d.K,
    bias: typeof input.bias === 'number' ? input.bias : (input.bias?.[0] ?? d.bias),
    padding: input.padding ?? d.padding,
    stride: input.stride ?? d.stride,
    dilation: input.dilation ?? d.dilation,
    from: { X: input.X ? input.source : undefined, K: input.K ? input.source : undefined },
  };
}

/** Where the sidebar's matrices come from, for a panel's caption: "the sidebar (X from a.py:3; K: preset Sobel x)". */
export function sidebarSource(s: SidebarState): string {
  const part = (name: 'X' | 'K', m: Matrix, from: string | undefined) =>
    `${name} ${m.length}×${m[0].length}${from ? ` from ${from}` : ''}`;
  return `the Conv2D sidebar (${part('X', s.X, s.from.X)}; ${part('K', s.K, s.from.K)})`;
}
