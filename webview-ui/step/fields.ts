// What the step panel's setting fields accept, and the sentence each shows when its text is not allowed. Pure:
// tested in Node; the fields themselves are the shared `Field` component.
import type { Check } from '../shared/components/fields';
import { parseDecimal } from '../shared/format';
import { MAX_OUTPUT_PADDING, MAX_SETTING, rangeText } from './state';

/** Parses the bias field: empty → no bias, a decimal number → that bias, anything else → null (invalid). */
export function parseBias(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  const v = parseDecimal(text);
  return Number.isNaN(v) ? null : v;
}

/** Parses a stride/dilation field: an integer in [1, 8], else null. */
export function parseSmallInt(text: string): number | null {
  const v = parseDecimal(text);
  return Number.isInteger(v) && v >= 1 && v <= MAX_SETTING ? v : null;
}

/** What a number field held, for its error: " (got “x”)", or why there is nothing to quote. */
function gotText(text: string, badInput: boolean): string {
  if (text.trim() !== '') return ` (got “${text.trim()}”)`;
  // An <input type="number"> reports text that is not a number as empty, with validity.badInput set.
  return badInput ? ' (got text that is not a number)' : ' (the field is empty)';
}

/**
 * What is wrong with a stride/dilation field's text, for its tooltip and the note under the settings, e.g.
 * "stride must be a whole number from 1 to 8 (got “2.5”); Y still uses stride 1"; undefined when it is valid.
 * `badInput` is the browser's flag for text a number field cannot read (its value is then empty).
 */
export function smallIntProblem(
  name: 'stride' | 'dilation',
  text: string,
  inUse: number,
  badInput = false,
): string | undefined {
  if (!badInput && parseSmallInt(text) !== null) return undefined;
  return `${rangeText(name)}${gotText(text, badInput)}; Y still uses ${name} ${inUse}`;
}

/** The bias field's problem, or undefined when it is empty or a number. */
export function biasProblem(text: string, inUse: number | undefined): string | undefined {
  if (parseBias(text) !== null) return undefined;
  const now = inUse === undefined ? 'no bias' : `b = ${inUse}`;
  return `bias b must be a number, or empty for no bias (got “${text.trim()}”); Y still uses ${now}`;
}

/** The check of a stride/dilation field for the `Field` component. */
export function smallIntCheck(name: 'stride' | 'dilation', inUse: number) {
  return (text: string, badInput: boolean): Check<number> => {
    const problem = smallIntProblem(name, text, inUse, badInput);
    return problem === undefined ? { ok: true, value: parseSmallInt(text) ?? inUse } : { ok: false, message: problem };
  };
}

/**
 * The bias field of a layer with `cOut` output channels: empty → no bias; one number → that bias on every output
 * channel; `cOut` numbers separated by commas or spaces → one each. Anything else names the rule and the bias in use.
 */
export function biasCheck(cOut: number, inUse: number[] | undefined) {
  return (text: string): Check<number[] | undefined> => {
    const one = parseBias(text);
    if (one === undefined) return { ok: true, value: undefined };
    if (one !== null) return { ok: true, value: Array<number>(cOut).fill(one) };
    const parts = text
      .trim()
      .split(/[\s,;]+/)
      .map(parseDecimal);
    if (cOut > 1 && parts.length === cOut && parts.every((x) => !Number.isNaN(x))) return { ok: true, value: parts };
    if (cOut === 1) return { ok: false, message: biasProblem(text, inUse?.[0]) ?? '' };
    const now = inUse === undefined ? 'no bias' : `b = [${inUse.join(', ')}]`;
    return {
      ok: false,
      message: `bias b must be one number, or ${cOut} (one per output channel, separated by commas), or empty for no bias (got “${text.trim()}”); Y still uses ${now}`,
    };
  };
}

/** The bias as the field writes it: "", "1.5", or "1, 0, −2" for one per output channel. */
export function biasText(b: number[] | undefined): string {
  if (b === undefined) return '';
  return b.every((x) => x === b[0]) ? String(b[0]) : b.join(', ');
}

/**
 * The output padding field's check (the transposed convolution): a whole number from 0 to 7, else the rule and the
 * value in use — "output padding must be a whole number from 0 to 7, smaller than the stride or the dilation
 * (torch.nn.ConvTranspose2d) (got “-1”); Y still uses output padding 0". Whether it is below the stride or the
 * dilation depends on those settings: the panel's error says so (a field stays valid when only another one changes).
 */
export function outputPaddingCheck(inUse: number) {
  return (text: string, badInput: boolean): Check<number> => {
    const v = parseDecimal(text);
    if (!badInput && Number.isInteger(v) && v >= 0 && v <= MAX_OUTPUT_PADDING) return { ok: true, value: v };
    const got = gotText(text, badInput);
    return { ok: false, message: `${rangeText('outputPadding')}${got}; Y still uses output padding ${inUse}` };
  };
}
