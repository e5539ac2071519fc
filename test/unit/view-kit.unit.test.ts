// The view kit (webview-ui/shared): the store's restore through a schema (a bad saved state gives the defaults and a
// note naming the problem), saving after every update, the latest-wins runner, field notes; the protocol's checks of
// bad messages; the webviews' Content-Security-Policy.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { restoreState, Store } from '../../webview-ui/shared/store';
import { latest } from '../../webview-ui/shared/latest';
import { FieldNotes } from '../../webview-ui/shared/components/fields';
import { checkFromWebview, checkToWebview } from '../../src/protocol/messages';
import { contentSecurityPolicy, makeNonce } from '../../src/extension/webview/csp';
import { StepStateSchema, defaultStepState } from '../../webview-ui/step/state';
import { SidebarStateSchema, defaultState } from '../../webview-ui/sidebar/state';
import { LearnStateSchema, defaultLearnState } from '../../webview-ui/learn/state';

describe('store: restore through the schema', () => {
  const Schema = v.object({ n: v.pipe(v.number(), v.integer()), name: v.string() });
  const defaults = () => ({ n: 1, name: 'd' });
  test('a valid saved state comes back as it was, without a note', () =>
    assert.deepEqual(restoreState(Schema, { n: 3, name: 'x' }, defaults), { state: { n: 3, name: 'x' } }));
  test('no saved state: the defaults, without a note', () => {
    assert.deepEqual(restoreState(Schema, undefined, defaults), { state: defaults() });
    assert.deepEqual(restoreState(Schema, null, defaults), { state: defaults() });
  });
  test('a bad saved state: the defaults and a note naming the path and the problem', () => {
    const r = restoreState(Schema, { n: 2.5, name: 'x' }, defaults);
    assert.deepEqual(r.state, defaults());
    assert.match(
      r.note ?? '',
      /^The panel's saved state could not be read \(at n: .*integer.*\); it starts from the defaults\.$/,
    );
    assert.match(restoreState(Schema, 'junk', defaults).note ?? '', /could not be read/);
  });
  test("every view's defaults pass its own schema (a fresh panel restores what it saved)", () => {
    for (const [schema, d] of [
      [StepStateSchema, defaultStepState],
      [SidebarStateSchema, defaultState],
      [LearnStateSchema, defaultLearnState],
    ] as const) {
      const saved = JSON.parse(JSON.stringify(d()));
      const r = restoreState(schema as v.GenericSchema<unknown, object>, saved, d as () => object);
      assert.equal(r.note, undefined, JSON.stringify(r.note));
    }
  });
  test('a Step state with a 200×200 X (an older build allowed it in saved state) is refused with a note', () => {
    const big = Array.from({ length: 200 }, () => Array(200).fill(0));
    const r = restoreState(StepStateSchema, { ...defaultStepState(), X: big }, defaultStepState);
    assert.deepEqual(r.state.X, defaultStepState().X);
    assert.match(r.note ?? '', /at X/);
  });
});

describe('store: saving follows updates', () => {
  test('saves once at start and once per update, with the new state', () => {
    const saved: unknown[] = [];
    const store = new Store({ a: 1, b: 'x' }, (s) => saved.push(s));
    store.set({ a: 2 });
    store.update((s) => ({ ...s, b: 'y' }));
    assert.deepEqual(saved, [
      { a: 1, b: 'x' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    assert.deepEqual(store.value, { a: 2, b: 'y' });
  });
});

describe('latest: only the newest request runs after the current one', () => {
  test('requests while one runs collapse into the newest; results arrive in order; errors are reported', async () => {
    const ran: number[] = [];
    const shown: number[] = [];
    const failed: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const run = latest(
      async (n: number) => {
        ran.push(n);
        if (n === 1) await gate;
        if (n === 9) throw new Error('nine');
        return n * 10;
      },
      { done: (r) => shown.push(r), failed: (_e, n) => failed.push(n) },
    );
    run.request(1);
    run.request(2);
    run.request(3);
    release();
    await run.idle;
    assert.deepEqual(ran, [1, 3], '2 was superseded by 3 before it started');
    assert.deepEqual(shown, [10, 30]);
    run.request(9);
    await run.idle;
    assert.deepEqual(failed, [9]);
  });
});

describe('field notes: one note lists every invalid field', () => {
  test('set, replace and clear problems by field id', () => {
    const notes = new FieldNotes();
    notes.set('stride', 'stride must be …');
    notes.set('bias', 'bias b must be …');
    notes.set('stride', 'stride must be … (got 0)');
    assert.deepEqual(
      [...notes.problems.value.entries()],
      [
        ['stride', 'stride must be … (got 0)'],
        ['bias', 'bias b must be …'],
      ],
    );
    assert.equal(notes.blocked, true);
    notes.set('stride', undefined);
    notes.set('bias', undefined);
    assert.equal(notes.blocked, false);
  });
});

describe('protocol: every message is checked on receipt (never throws)', () => {
  test('well-formed messages pass', () => {
    assert.ok(checkFromWebview({ type: 'ready', view: 'step' }).ok);
    assert.ok(checkToWebview({ type: 'setInput', input: { X: [[1, 2]], stride: 2 } }).ok);
  });
  test('a wrong kind, a missing field, a wrong type, an oversized matrix, a non-finite value are refused, named', () => {
    const bad: Array<[unknown, RegExp, 'from' | 'to']> = [
      [{ type: 'launchMissiles' }, /host: rejected message at type: /, 'from'],
      [{ type: 'ready' }, /host: rejected message at view: /, 'from'],
      [{ type: 'error', message: 42 }, /at message: .*string/i, 'from'],
      [{ type: 'openPanel', panel: 'step', input: { X: Array(4097).fill([1]) } }, /at input\.X: /, 'from'],
      [{ type: 'setInput', input: { K: [[1, Number.NaN]] } }, /webview: rejected message at input\.K\.0\.1: /, 'to'],
      [{ type: 'setInput', input: { stride: 0 } }, /at input\.stride: /, 'to'],
      ['not an object', /rejected message/, 'to'],
    ];
    for (const [raw, re, side] of bad) {
      const r = side === 'from' ? checkFromWebview(raw) : checkToWebview(raw);
      assert.equal(r.ok, false, JSON.stringify(raw).slice(0, 80));
      if (!r.ok) assert.match(r.error, re);
    }
  });
});

describe('Content-Security-Policy of the webviews', () => {
  const csp = contentSecurityPolicy('https://res.example', 'N0nce+/=');
  const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  test("nothing by default; scripts only by nonce (and 'wasm-unsafe-eval' for the fast path), no unsafe-eval/inline", () => {
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], ["'nonce-N0nce+/='", "'wasm-unsafe-eval'"]);
    assert.ok(!csp.includes("'unsafe-eval'") && !csp.includes("'unsafe-inline'"), csp);
  });
  test('styles, fonts, images and fetches only from the resource origin (images also blob:/data:)', () => {
    assert.deepEqual(directives['style-src'], ['https://res.example']);
    assert.deepEqual(directives['font-src'], ['https://res.example']);
    assert.deepEqual(directives['connect-src'], ['https://res.example']);
    assert.deepEqual(directives['img-src'], ['https://res.example', 'blob:', 'data:']);
  });
  test('workers only from blob: (the fast path splits large correlations over one), nothing else', () => {
    assert.deepEqual(directives['worker-src'], ['blob:']);
    assert.equal(Object.keys(directives).length, 7, csp);
  });
  test('a nonce is 128 random bits, fresh each time', () => {
    const a = makeNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, makeNonce());
  });
});
