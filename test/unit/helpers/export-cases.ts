// The table of layers the code-export tests run in every framework: each padding kind, stride, dilation, groups,
// depthwise, bias, true convolution and transposed (with output padding and 'same'), on the book's numbers and on
// seeded random floats (whose shortest decimal text must round-trip exactly through Python and JavaScript).

import { specFrom2d, type ExportSpec } from '../../../src/core/export/spec';
import { mulberry32, randomFilters, randomMatrix, randomVolume } from '../../../src/core/random';
import { fig51K, fig51X } from '../../../src/core/fixtures';

/** One row of the table: a title naming shapes and parameters, and the spec. */
export interface ExportCase {
  title: string;
  spec: ExportSpec;
}

const d2lX = [
  [
    [0, 1, 2],
    [3, 4, 5],
    [6, 7, 8],
  ],
  [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ],
];
const d2lK = [
  [
    [0, 1],
    [2, 3],
  ],
  [
    [1, 2],
    [3, 4],
  ],
];

/** The table; random values come from fixed seeds, so every run exports the same code. */
export function exportCases(): ExportCase[] {
  const r = mulberry32(2025);
  const vol = (c: number, h: number, w: number) => randomVolume(r, c, h, w);
  const fil = (o: number, i: number, kh: number, kw: number) => randomFilters(r, o, i, kh, kw);
  return [
    { title: 'd2l §7.4 x=[2,3,3] k=[1,2,2,2] s=1 p=valid', spec: { op: 'correlation', X: d2lX, K: [d2lK] } },
    {
      title: 'd2l §7.4 x=[2,3,3] k=[3,2,2,2] (K, K+1, K+2) bias [0.5,-1,2]',
      spec: {
        op: 'correlation',
        X: d2lX,
        K: [0, 1, 2].map((v) => d2lK.map((M) => M.map((row) => row.map((x) => x + v)))),
        bias: [0.5, -1, 2],
      },
    },
    {
      title: 'x=[2,5,6] k=[2,2,3,3] s=2 p=same (odd pad bottom/right)',
      spec: { op: 'correlation', X: vol(2, 5, 6), K: fil(2, 2, 3, 3), padding: 'same', stride: 2 },
    },
    {
      title: 'x=[1,4,5] k=[2,1,2,3] p=[[1,0],[2,1]] explicit',
      spec: {
        op: 'correlation',
        X: vol(1, 4, 5),
        K: fil(2, 1, 2, 3),
        padding: [
          [1, 0],
          [2, 1],
        ],
      },
    },
    {
      title: 'x=[2,7,7] k=[1,2,3,3] s=2 d=2 p=1',
      spec: { op: 'correlation', X: vol(2, 7, 7), K: fil(1, 2, 3, 3), stride: 2, dilation: 2, padding: 1 },
    },
    {
      title: 'x=[1,6,6] k=[1,1,2,2] s=1 d=[2,1] p=valid',
      spec: { op: 'correlation', X: vol(1, 6, 6), K: fil(1, 1, 2, 2), dilation: [2, 1] },
    },
    {
      title: 'x=[4,4,5] k=[6,2,3,2] groups=2 p=1 bias',
      spec: { op: 'correlation', X: vol(4, 4, 5), K: fil(6, 2, 3, 2), groups: 2, padding: 1, bias: [1, 2, 3, 4, 5, 6] },
    },
    {
      title: 'depthwise x=[3,5,5] k=[6,1,3,3] groups=3 s=2 p=same',
      spec: { op: 'correlation', X: vol(3, 5, 5), K: fil(6, 1, 3, 3), groups: 3, stride: 2, padding: 'same' },
    },
    {
      title: 'true convolution x=[2,4,4] k=[2,2,2,3] s=1 p=valid bias',
      spec: { op: 'convolution', X: vol(2, 4, 4), K: fil(2, 2, 2, 3), bias: [0.25, -0.75] },
    },
    {
      title: 'true convolution x=[2,6,5] k=[2,1,3,2] groups=2 s=[2,1] d=[1,2] p=same',
      spec: {
        op: 'convolution',
        X: vol(2, 6, 5),
        K: fil(2, 1, 3, 2),
        groups: 2,
        stride: [2, 1],
        dilation: [1, 2],
        padding: 'same',
      },
    },
    {
      title: 'd2l §14.10 transposed x=[1,2,2] k=[1,1,2,2] s=2',
      spec: specFrom2d(
        'transposed',
        [
          [0, 1],
          [2, 3],
        ],
        [
          [0, 1],
          [2, 3],
        ],
        { stride: 2 },
      ),
    },
    {
      title: 'transposed x=[2,3,3] k=[2,2,3,3] s=2 p=1 output_padding=1 bias',
      spec: {
        op: 'transposed',
        X: vol(2, 3, 3),
        K: fil(2, 2, 3, 3),
        stride: 2,
        padding: 1,
        outputPadding: 1,
        bias: [1, -1],
      },
    },
    {
      title: 'transposed x=[4,2,3] k=[4,1,2,2] groups=2 s=[2,3] d=2 p=[[0,1],[1,0]] output_padding=[1,0]',
      spec: {
        op: 'transposed',
        X: vol(4, 2, 3),
        K: fil(4, 1, 2, 2),
        groups: 2,
        stride: [2, 3],
        dilation: 2,
        padding: [
          [0, 1],
          [1, 0],
        ],
        outputPadding: [1, 0],
      },
    },
    {
      title: "transposed x=[1,3,3] k=[1,2,4,1] s=2 p=same (TensorFlow's, output 6×6)",
      spec: { op: 'transposed', X: vol(1, 3, 3), K: fil(1, 2, 4, 1), stride: 2, padding: 'same' },
    },
    {
      title: 'Fig. 5.1 as one channel x=[1,3,3] k=[1,1,2,2] p=1 s=2 bias 1',
      spec: specFrom2d('correlation', fig51X(), fig51K(), { padding: 1, stride: 2, bias: 1 }),
    },
    {
      title: '2-D random x=[1,5,4] k=[1,1,3,3] p=same',
      spec: specFrom2d('correlation', randomMatrix(r, 5, 4), randomMatrix(r, 3, 3), { padding: 'same' }),
    },
  ];
}
