// Test runner loaded by VS Code's extension host (its `extensionTestsPath`): runs every bundled
// dist/test/vscode/*.vscode.test.js with mocha (BDD) and writes the outcome as JSON to the file named by
// CONV2D_VSCODE_TEST_RESULT, which the Node side (scripts/harness/vscode-tests.mjs) reads and counts.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** One test's outcome as reported to the Node side. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  ms: number;
  error?: string;
}

function testFiles(): string[] {
  return readdirSync(__dirname)
    .filter((f) => f.endsWith('.vscode.test.js'))
    .sort()
    .map((f) => join(__dirname, f));
}

/** Called by the extension host; rejects when a test failed so VS Code's own exit code says so too. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  for (const f of testFiles()) mocha.addFile(f);
  const outcomes: TestOutcome[] = [];
  let loadError: string | undefined;
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed', ms: t.duration ?? 0 }));
      runner.on('fail', (t, err: Error) =>
        outcomes.push({ title: t.fullTitle(), state: 'failed', ms: t.duration ?? 0, error: err.stack ?? String(err) }),
      );
    });
  } catch (e) {
    // A test file that throws while loading never reaches the runner: report it as one failure.
    loadError = e instanceof Error ? (e.stack ?? e.message) : String(e);
    outcomes.push({ title: 'loading the test files', state: 'failed', ms: 0, error: loadError });
  }
  const resultFile = process.env.CONV2D_VSCODE_TEST_RESULT;
  if (resultFile) writeFileSync(resultFile, JSON.stringify({ files: testFiles(), outcomes }, null, 2));
  const failed = outcomes.filter((o) => o.state === 'failed').length;
  if (failed > 0) throw new Error(`${failed} extension-host test(s) failed`);
}
