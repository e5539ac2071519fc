// The shape a tfjs or TensorFlow call passes after its values (`tf.tensor2d([1, 2, 3, 4], [2, 2])`,
// `tf.constant([...], shape=(2, 2))`): both libraries reshape the values to it, row-major.

import { libraryOf } from './dtype';
import { MAX_RANK } from './shape';
import type { NumericLiteral, ParseResult, ProblemKind } from './types';

/**
 * The shape a tfjs or TensorFlow call passes (`tf.tensor2d([1, 2, 3, 4], [2, 2])`, `tf.constant([...], shape=(2, 2))`)
 * applied, row-major as both do. TensorFlow reshapes any data of the right size (`constant_op.py`); tfjs wants the
 * nesting to agree, except that its innermost lists may hold several trailing dimensions at once (`makeTensor` in
 * tfjs-core). A size or a nesting that does not match is a problem, as both libraries refuse it.
 */
export function withShapeArgument(literal: NumericLiteral, shape: number[] | undefined): ParseResult {
  const library = libraryOf(literal.wrapper);
  if (shape === undefined || (library !== 'tfjs' && library !== 'tensorflow')) return literal;
  const problem = shapeProblem(literal, shape, library);
  if (problem === undefined) return { ...literal, shape: shape.slice() };
  const { wrapper, dtype } = literal;
  return {
    ok: false,
    ...problem,
    numericEntries: literal.data.length,
    ...(wrapper !== undefined ? { wrapper } : {}),
    ...(dtype !== undefined ? { dtype } : {}),
  };
}

function shapeProblem(
  literal: NumericLiteral,
  shape: number[],
  library: 'tfjs' | 'tensorflow',
): { kind: ProblemKind; message: string } | undefined {
  const size = shape.reduce((a, b) => a * b, 1);
  const given = `[${shape.join(', ')}]`;
  const n = literal.data.length;
  if (size !== n) return { kind: 'ragged', message: `shape ${given} holds ${size} values, the data has ${n}` };
  if (library === 'tfjs' && !tfjsNestingFits(literal.shape, shape)) {
    const message = `shape ${given} does not match the data's nesting ${literal.shape.join('×')}`;
    return { kind: 'ragged', message };
  }
  if (shape.length > MAX_RANK)
    return { kind: 'too-deep', message: `shape ${given}: arrays are read up to ${MAX_RANK}-D` };
  return undefined;
}

/** tfjs's rule: each nesting level matches the shape, the innermost one may hold the product of the rest. */
function tfjsNestingFits(nested: readonly number[], shape: readonly number[]): boolean {
  return nested.every((d, i) =>
    i === nested.length - 1 ? d === shape.slice(i).reduce((a, b) => a * b, 1) : d === shape[i],
  );
}
