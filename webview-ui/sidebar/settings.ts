// The sidebar's number settings (bias, stride, dilation): what each accepts and how its text is read. DOM-free.

/** One number setting: `whole` numbers ≥ `min` (stride, dilation) or any finite number (bias). */
export interface NumberSpec {
  testid: 'bias' | 'stride' | 'dilation';
  label: string;
  value: number;
  whole: boolean;
  min: number;
  set: (v: number) => void;
}

/** What the setting accepts, in a few words (the invalid-input message and tooltip). */
export function allowedValues(spec: Pick<NumberSpec, 'label' | 'whole' | 'min'>): string {
  return spec.whole ? `${spec.label}: a whole number ≥ ${spec.min}` : `${spec.label}: a number, e.g. 0, -1 or 0.5`;
}

/** The value of the input's text, or undefined when the setting does not accept it (empty text included). */
export function readSetting(text: string, spec: Pick<NumberSpec, 'whole' | 'min'>): number | undefined {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return undefined;
  if (spec.whole && (!Number.isInteger(v) || v < spec.min)) return undefined;
  return v;
}
