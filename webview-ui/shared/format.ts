// Numbers and errors as the views print and read them: one place for the minus sign, the significant digits, the
// decimal-number rule of every text field, and the message of anything thrown. Pure: tested in Node.

const MINUS = '\u2212';

/** The message of anything thrown. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `text` with a real minus sign (U+2212) in place of a leading hyphen: "−1" reads better than "-1" in a grid. */
function signed(x: number, magnitude: string): string {
  return x < 0 ? `${MINUS}${magnitude}` : magnitude;
}

/**
 * A grid cell or an arithmetic term: integers as they are (below 10⁶), others to 4 significant digits, very large or
 * small ones in exponent form ("1.23e−5" style via toExponential(2)); NaN and ±∞ spelled out.
 */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e6) return signed(x, String(a));
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return signed(x, a.toExponential(2));
  return signed(x, String(Number(a.toPrecision(4))));
}

/** A measured value (a pixel, a statistic): integers as they are, others to 6 significant digits. */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  const a = Math.abs(x);
  return signed(x, Number.isInteger(x) ? String(a) : String(Number(a.toPrecision(6))));
}

/** A learned parameter: 5 significant digits, exponent form beyond [10⁻⁴, 10⁶): 0.98847 → "0.98847", −1 → "−1". */
export function num5(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'not a number' : x > 0 ? '∞' : `${MINUS}∞`;
  const a = Math.abs(x);
  return signed(x, a !== 0 && (a >= 1e6 || a < 1e-4) ? a.toExponential(4) : String(Number(a.toPrecision(5))));
}

/** Parses a number printed by these functions (or typed with an ASCII minus): "−1" → −1. For tests reading the DOM. */
export function parseNum(text: string): number {
  return Number(text.trim().replace(/\u2212/g, '-'));
}

/** A plain decimal number: optional sign (also U+2212), digits with an optional point, optional exponent. */
const DECIMAL = /^[+\-\u2212]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The value of a decimal number text ("0.03", "−1", "3e-2", " 2 "), or NaN. Hex ("0x10"), "Infinity", "" and words
 * are NaN, where `Number()` would accept some of them. Every number field and editable grid of the views reads
 * text with this.
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  if (!DECIMAL.test(t)) return NaN;
  const x = Number(t.replace(MINUS, '-'));
  return Number.isFinite(x) ? x : NaN;
}
