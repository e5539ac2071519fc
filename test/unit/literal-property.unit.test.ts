import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  findLiteral,
  linesOf,
  nestValues,
  parseLiteral,
  printLiteral,
  type PrintStyle,
  type Syntax,
} from '../../src/core/literal';

// Doubles of every magnitude (1e-300 … 1e300, so exponents of both signs). NaN and ±Infinity are problems, not
// values (the panels take finite numbers): a separate property checks that any one of them is named.
// -0 becomes 0: JavaScript prints it as "0", and the hover does not care about the sign of zero.
const noNegativeZero = (v: number) => (Object.is(v, -0) ? 0 : v);
const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);
const anyDouble = finiteDouble;

/** A random array of rank 1..maxRank, each dimension 1..5, as shape + row-major data. */
function arrays(maxRank: number, value: fc.Arbitrary<number>) {
  return fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: maxRank }).chain((shape) => {
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
    const styles: [PrintStyle, Syntax][] = [
      ['js', 'nested'],
      ['numpy', 'nested'],
      ['julia', 'matlab'],
    ];
    fc.assert(
      fc.property(
        arrays(2, finiteDouble),
        fc.constantFrom(...styles),
        fc.nat(),
        ({ shape, data }, [style, syntax], seed) => {
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
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('one NaN or ±Infinity anywhere → a not-finite problem naming its position (fast-check)', () => {
  const styles: [PrintStyle, Syntax][] = [
    ['python', 'nested'],
    ['numpy', 'nested'],
    ['js', 'nested'],
    ['matlab', 'matlab'],
  ];
  test('python, numpy, js, matlab: vectors and matrices', () => {
    fc.assert(
      fc.property(
        arrays(2, finiteDouble),
        fc.nat(),
        fc.constantFrom(NaN, Infinity, -Infinity),
        fc.constantFrom(...styles),
        ({ shape, data }, seed, bad, [style, syntax]) => {
          const k = seed % data.length;
          const withBad = data.map((v, j) => (j === k ? bad : v));
          const text = printLiteral(nestValues(shape, withBad), style);
          const r = parseLiteral(text, syntax);
          assert.ok(!r.ok && r.kind === 'not-finite', `${text} → ${r.ok ? 'ok' : r.message}`);
          const cols = shape.length === 2 ? shape[1] : data.length;
          const at =
            shape.length === 2 || syntax === 'matlab'
              ? `row ${Math.floor(k / cols)}, column ${k % cols}`
              : `element ${k}`;
          assert.ok(r.message.includes(`"${String(bad)}" at ${at} is ${String(bad)}`), r.message);
        },
      ),
      { numRuns: 150 },
    );
  });
  test('overflowing literals 1e309 … 1e999 of either sign → too large … beyond float64', () => {
    fc.assert(
      fc.property(fc.integer({ min: 309, max: 999 }), fc.boolean(), (e, negative) => {
        const entry = `${negative ? '-' : ''}1e${e}`;
        const r = parseLiteral(`[[0, ${entry}]]`);
        assert.ok(!r.ok);
        assert.equal(r.message, `too large: "${entry}" at row 0, column 1 is beyond float64`);
      }),
      { numRuns: 50 },
    );
  });
});
