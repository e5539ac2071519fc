// The matrix-literal parser: find a literal around a cursor, parse it, print arrays back as source. Pure: no vscode,
// no DOM, no node — the hover, the tests and the benchmark all use it.

export * from './types';
export { parseLiteral, nestValues, type NestedValues } from './parse';
export { parsePrinted } from './printed';
export {
  closerBefore,
  findLiteral,
  linesOf,
  MaskedLines,
  type LineSource,
  type FoundLiteral,
  type FindOptions,
} from './find';
export { findCall, type FoundCall, type CallArgument } from './call';
export { readCallOptions, type CallOptions } from './call-options';
export { printLiteral, type PrintStyle } from './print';
export { where, MAX_RANK } from './shape';
export { matricesOf, type MatrixSlice } from './nd';
