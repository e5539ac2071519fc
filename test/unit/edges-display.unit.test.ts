// Display rules of the edge panel (webview-ui/edges/display.ts): X's gray range, the legend of an all-zero Y, and
// decimal-only kernel cells.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  displayScale,
  displaySize,
  grayRange,
  ignoredSettings,
  legendText,
  MIN_DISPLAY_SIDE,
} from '../../webview-ui/edges/display';
import { edgeImage } from '../../src/core/fixtures';
import { parseDecimal } from '../../webview-ui/shared/format';

describe('edges: grayRange', () => {
  test('X=[6,8] book image (0/1 values) → [0, 1]', () => {
    assert.deepEqual(grayRange(edgeImage().flat()), [0, 1]);
  });
  test('X=[3,3] values 0.2..0.8 stay intensities → [0, 1]', () => {
    assert.deepEqual(grayRange([0.2, 0.5, 0.8]), [0, 1]);
  });
  test('X=[3,3] values 0..8 (a matrix from the editor) → its own range [0, 8]', () => {
    assert.deepEqual(grayRange([0, 1, 2, 3, 4, 5, 6, 7, 8]), [0, 8]);
  });
  test('values 2..8 → [2, 8]; negatives → [min, max]; NaN/∞ ignored; empty → [0, 1]', () => {
    assert.deepEqual(grayRange([2, 8, 5]), [2, 8]);
    assert.deepEqual(grayRange([-1, 0.5, Infinity, NaN]), [-1, 0.5]);
    assert.deepEqual(grayRange([]), [0, 1]);
  });
});

describe('edges: legendText', () => {
  test('m = 0 (Y all zeros) → a sentence saying "all zeros", not "0 … 0"', () => {
    const t = legendText(0);
    assert.equal(typeof t, 'string');
    assert.match(String(t), /all zeros/);
  });
  test('m = 6 → ends −6 and 6', () => {
    assert.deepEqual(legendText(6), { lo: '−6', hi: '6', note: '0 = white' });
  });
});

describe('parseDecimal (every number field and kernel cell)', () => {
  test('accepts "1", "−1", "0.1111", "1e-3", ".5"', () => {
    for (const t of ['1', '−1', '-1', '0.1111', '1e-3', '.5', ' 2 ']) assert.ok(!Number.isNaN(parseDecimal(t)), t);
    assert.deepEqual(['−1', '1e-3', ' 2 '].map(parseDecimal), [-1, 0.001, 2]);
  });
  test('rejects "0x10" (Number() would give 16), "", "abc", "Infinity", "1e400"', () => {
    for (const t of ['0x10', '', 'abc', 'Infinity', '1e400', '0o7']) assert.ok(Number.isNaN(parseDecimal(t)), t);
  });
});

describe('edges: small photos are enlarged by a whole number for display', () => {
  const cases: [number, number, number][] = [
    [10, 10, 25],
    [28, 28, 9],
    [8, 300, 1],
    [300, 8, 1],
    [256, 10, 1],
    [255, 100, 1],
    [128, 64, 2],
    [512, 512, 1],
    [1, 1, 256],
  ];
  for (const [w, h, f] of cases) {
    test(`${w}×${h} → ×${f}`, () => {
      assert.equal(displayScale(w, h), f);
      assert.ok(
        f * Math.max(w, h) <= Math.max(MIN_DISPLAY_SIDE, Math.max(w, h)),
        'never past the side limit unless already larger',
      );
    });
  }
});

describe("edges: the sender's settings Detect Edges does not apply are named", () => {
  test('valid, stride 1, dilation 1, bias 0 (or none): nothing to say', () => {
    assert.equal(ignoredSettings({}), undefined);
    assert.equal(ignoredSettings({ padding: 'valid', stride: 1, dilation: 1, bias: 0 }), undefined);
    assert.equal(ignoredSettings({ padding: 0 }), undefined);
  });
  test("padding 'same' alone, then padding 1 with stride 2 and bias 0.5", () => {
    assert.match(
      ignoredSettings({ padding: 'same' }) ?? '',
      /^padding same is not applied here: Detect Edges computes the 'valid' cross-correlation/,
    );
    assert.match(
      ignoredSettings({ padding: 1, stride: 2, dilation: 1, bias: 0.5 }) ?? '',
      /^padding 1, stride 2, bias 0\.5 are not applied here/,
    );
  });
});

describe('edges: display size — large images fit 440 CSS px with a canvas of as many pixels, small ones enlarge', () => {
  test('510×510 output → 440×440 canvas, shrunk (the view pools it); ×2 DPR → 880', () => {
    assert.deepEqual(displaySize(510, 510), {
      cssW: 440,
      cssH: 440,
      backW: 440,
      backH: 440,
      shrunk: true,
      enlarged: 1,
    });
    assert.equal(displaySize(510, 510, 2).backW, 510, 'never more canvas pixels than image pixels');
    assert.deepEqual(displaySize(8000, 4000, 2), {
      cssW: 440,
      cssH: 220,
      backW: 880,
      backH: 440,
      shrunk: true,
      enlarged: 1,
    });
  });
  test('10×10 → ×25 (250 CSS px, canvas 10×10); 451 px wide → 440 CSS px; 400 px wide → as it is', () => {
    assert.deepEqual(displaySize(10, 10), { cssW: 250, cssH: 250, backW: 10, backH: 10, shrunk: false, enlarged: 25 });
    assert.equal(displaySize(451, 300).cssW, 440);
    assert.equal(displaySize(400, 300).shrunk, false);
  });
});
