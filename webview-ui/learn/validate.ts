// Validation of the Learn Kernel panel's number fields, run on every keystroke: a field that fails keeps Play and Step
// disabled and says what is wrong and what is allowed. Pure: no DOM, tested in Node.
import { parseDecimal } from '../shared/format';
import { MAX_STEPS } from './setup';

export { parseDecimal };

/** The number fields of the setup row. */
export type FieldId = 'lr' | 'steps' | 'seed' | 'b0';

/** What each field allows, as the message shows it. */
export const FIELD_RULES: Readonly<Record<FieldId, { label: string; allowed: string; ok: (x: number) => boolean }>> = {
  lr: { label: 'learning rate', allowed: 'a number greater than 0 (e.g. 0.03)', ok: (x) => x > 0 },
  steps: {
    label: 'steps',
    allowed: `a whole number from 1 to ${MAX_STEPS}`,
    ok: (x) => Number.isInteger(x) && x >= 1 && x <= MAX_STEPS,
  },
  seed: { label: 'seed', allowed: 'an integer (e.g. 0)', ok: (x) => Number.isSafeInteger(x) },
  b0: { label: 'initial bias', allowed: 'a finite number (e.g. 0)', ok: Number.isFinite },
};

/** The result of checking one field: its value, or the sentence shown under the controls. */
export type FieldCheck = { ok: true; value: number } | { ok: false; message: string };

/**
 * Checks the text of field `id`: e.g. steps "0" → "steps “0” is not allowed: use a whole number from 1 to 5000".
 */
export function checkField(id: FieldId, text: string): FieldCheck {
  const rule = FIELD_RULES[id];
  const x = parseDecimal(text);
  if (!Number.isNaN(x) && rule.ok(x)) return { ok: true, value: x };
  const shown = text.trim() === '' ? 'is empty' : `“${text.trim()}” is not allowed`;
  return { ok: false, message: `${rule.label} ${shown}: use ${rule.allowed}` };
}
