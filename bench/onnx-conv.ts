// The ONNX model of one Conv layer (X [1, c_in, h, w] → Y [1, c_out, h', w'], weights and bias as initializers), as
// protobuf bytes written here rather than shipped: onnxruntime-web's baseline in the multi-channel benchmark.
// Field numbers from onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto).
// No browser or Node APIs: the bench page builds the model it times.

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

const key = (field: number, wire: number) => varint(field * 8 + wire);
const int = (field: number, v: number) => [...key(field, 0), ...varint(v)];
const bytes = (field: number, b: ArrayLike<number>) => [...key(field, 2), ...varint(b.length), ...Array.from(b)];
const str = (field: number, s: string) =>
  bytes(
    field,
    Array.from(s, (c) => c.charCodeAt(0)),
  );

const FLOAT = 1; // TensorProto.DataType.FLOAT
const INTS = 7; // AttributeProto.AttributeType.INTS

function intsAttribute(name: string, values: number[]): number[] {
  return [...str(1, name), ...values.flatMap((v) => int(8, v)), ...int(20, INTS)];
}

function tensor(name: string, dims: number[], data: Float32Array): number[] {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return [...dims.flatMap((d) => int(1, d)), ...int(2, FLOAT), ...str(8, name), ...bytes(9, raw)];
}

function valueInfo(name: string, dims: number[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, int(1, d)));
  const tensorType = [...int(1, FLOAT), ...bytes(2, shape)];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}

/** A Conv with `pads` [top, left, bottom, right] (ONNX order), stride 1, dilation 1, opset 13. */
export function onnxConvModel(
  w: Float32Array,
  wDims: [number, number, number, number],
  bias: Float32Array,
  inDims: [number, number, number, number],
  outDims: [number, number, number, number],
  pads: [number, number, number, number],
): Uint8Array {
  const node = [
    ...str(1, 'X'),
    ...str(1, 'W'),
    ...str(1, 'B'),
    ...str(2, 'Y'),
    ...str(4, 'Conv'),
    ...bytes(5, intsAttribute('kernel_shape', [wDims[2], wDims[3]])),
    ...bytes(5, intsAttribute('pads', pads)),
    ...bytes(5, intsAttribute('strides', [1, 1])),
  ];
  const graph = [
    ...bytes(1, node),
    ...str(2, 'conv'),
    ...bytes(5, tensor('W', wDims, w)),
    ...bytes(5, tensor('B', [bias.length], bias)),
    ...bytes(11, valueInfo('X', inDims)),
    ...bytes(12, valueInfo('Y', outDims)),
  ];
  const model = [...int(1, 8), ...str(2, 'conv2d-lens bench'), ...bytes(7, graph), ...bytes(8, int(2, 13))];
  return Uint8Array.from(model);
}
