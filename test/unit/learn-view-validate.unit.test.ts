// Validation of the Learn Kernel panel's number fields (webview-ui/learn/validate.ts): checked on every keystroke;
// an invalid field disables Play/Step and its message names the allowed range.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkField, parseDecimal } from '../../webview-ui/learn/validate';
import { MAX_STEPS } from '../../webview-ui/learn/setup';

describe('learn: parseDecimal', () => {
  test('decimal texts parse: "0.03", "−1", "3e-2", ".5", "+2"', () => {
    assert.equal(parseDecimal('0.03'), 0.03);
    assert.equal(parseDecimal('−1'), -1);
    assert.equal(parseDecimal(' 3e-2 '), 0.03);
    assert.equal(parseDecimal('.5'), 0.5);
    assert.equal(parseDecimal('+2'), 2);
  });
  test('non-decimal texts give NaN: "0x10", "abc", "", "Infinity", "1e999", "1,5"', () => {
    for (const t of ['0x10', 'abc', '', '  ', 'Infinity', '1e999', '1,5', '0b11', '1.2.3'])
      assert.ok(Number.isNaN(parseDecimal(t)), t);
  });
});

describe('learn: checkField', () => {
  test('lr: 0, −0.01 and "abc" are rejected with "greater than 0"; 1e-3 and 1e9 are accepted', () => {
    for (const t of ['0', '-0.01', '−0.01', 'abc', '']) {
      const r = checkField('lr', t);
      assert.equal(r.ok, false, t);
      if (!r.ok) assert.match(r.message, /learning rate .*greater than 0/);
    }
    assert.deepEqual(checkField('lr', '1e-3'), { ok: true, value: 1e-3 });
    assert.deepEqual(checkField('lr', '1e9'), { ok: true, value: 1e9 });
  });
  test(`steps: whole numbers 1..${MAX_STEPS} only, and the message states the limit`, () => {
    assert.deepEqual(checkField('steps', '1'), { ok: true, value: 1 });
    assert.deepEqual(checkField('steps', String(MAX_STEPS)), { ok: true, value: MAX_STEPS });
    for (const t of ['0', '-3', '2.5', String(MAX_STEPS + 1), 'ten', '0x10']) {
      const r = checkField('steps', t);
      assert.equal(r.ok, false, t);
      if (!r.ok) assert.ok(r.message.includes(`1 to ${MAX_STEPS}`), r.message);
    }
  });
  test('seed: integers (also negative) pass; 1.5 and "x" fail', () => {
    assert.deepEqual(checkField('seed', '-7'), { ok: true, value: -7 });
    assert.equal(checkField('seed', '1.5').ok, false);
    assert.equal(checkField('seed', 'x').ok, false);
  });
  test('initial bias: any finite decimal; the message quotes the text', () => {
    assert.deepEqual(checkField('b0', '−0.5'), { ok: true, value: -0.5 });
    const r = checkField('b0', 'oops');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.message, 'initial bias “oops” is not allowed: use a finite number (e.g. 0)');
  });
});
