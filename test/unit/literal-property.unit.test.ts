import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findLiteral, linesOf, nestValues, parseLiteral, printLiteral, type PrintStyle, type Syntax } from '../../src/core/literal';

// Doubles of every magnitude (1e-300 … 1e300, so exponents of both signs), NaN and ±Infinity where the syntax has
// them. -0 becomes 0: JavaScript prints it as "0", and the hover does not care about the sign of zero.
const noNegativeZero = (v: number) => (Object.is(v, -0) ? 0 : v);
const anyDouble = fc.double().map(noNegativeZero);
const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);

/** A random array of rank 1..maxRank, each dimension 1..5, as shape + row-major data. */
function arrays(maxRank: number, value: fc.Arbitrary<number>) {
  return fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: maxRank })
    .chain((shape) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return fc.record({ shape: fc.constant(shape), data: fc.array(value, { minLength: n, maxLength: n }) });
    });
}

const NESTED_STYLES: [PrintStyle, fc.Arbitrary<number>][] = [
  ['python', anyDouble],
  ['numpy', anyDouble],
  ['torch', anyDouble],
  ['tf', anyDouble],
  ['js', anyDouble],
  ['json', finiteDouble],
];

describe('print → parse gives the array back (fast-check)', () => {
  for (const [style, value] of NESTED_STYLES) {
    test(`${style}: vectors, matrices and 3-D arrays`, () => {
      fc.assert(
        fc.property(arrays(3, value), ({ shape, data }) => {
          const text = printLiteral(nestValues(shape, data), style);
          const r = parseLiteral(text, 'nested');
          assert.ok(r.ok, `${text} → ${r.ok ? '' : r.message}`);
          assert.deepEqual([r.shape, r.data], [shape, data]);
        }),
        { numRuns: 150 },
      );
    });
  }
  for (const style of ['matlab', 'julia'] as const) {
    test(`${style}: vectors read as one row, matrices as written`, () => {
      fc.assert(
        fc.property(arrays(2, anyDouble), ({ shape, data }) => {
          const text = printLiteral(nestValues(shape, data), style);
          const r = parseLiteral(text, 'matlab');
          assert.ok(r.ok, `${text} → ${r.ok ? '' : r.message}`);
          assert.deepEqual([r.shape, r.data], [shape.length === 1 ? [1, shape[0]] : shape, data]);
        }),
        { numRuns: 150 },
      );
    });
  }
  test('found from any position inside the printed literal, inside surrounding code', () => {
    const styles: [PrintStyle, Syntax][] = [['js', 'nested'], ['numpy', 'nested'], ['julia', 'matlab']];
    fc.assert(
      fc.property(arrays(2, finiteDouble), fc.constantFrom(...styles), fc.nat(), ({ shape, data }, [style, syntax], seed) => {
        const literal = printLiteral(nestValues(shape, data), style);
        const text = `a = f(1)\nM = ${literal}\nb = [x, y]\n`;
        const offset = 'a = f(1)\nM = '.length + (seed % literal.length);
        const before = text.slice(0, offset).split('\n');
        const pos = { line: before.length - 1, character: before[before.length - 1].length };
        const found = findLiteral(linesOf(text), pos, { syntax });
        // A comment inside the JS style is the only place without a literal around it.
        if (found === undefined) return assert.match(text.split('\n')[pos.line].slice(0, pos.character), /\/[/*]/);
        assert.ok(found.result.ok, found.result.ok ? '' : found.result.message);
        assert.deepEqual(found.result.data, data);
      }),
      { numRuns: 200 },
    );
  });
});
