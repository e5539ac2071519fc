// Extension-host tier: runs the bundled mocha tests (dist/test/vscode) inside the real extension host of code-server.
// code-server's CLI has no --extensionDevelopmentPath, but the web workbench reads `developmentOptions.extensions` and
// `developmentOptions.extensionTestsPath` from its configuration, so both are injected as the page reads it. The
// workbench calls `window.codeAutomationExit(code)` when the test runner ends; the counts come from the JSON file
// that test/vscode/index.ts writes. Usage: node scripts/harness/vscode-tests.mjs [--result FILE]
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { injectDevelopmentOptions, launchBrowser, openWorkbench } from './browser.mjs';
import { root, startServer } from './server.mjs';

const runnerPath = join(root, 'dist', 'test', 'vscode', 'index.js');

function readOutcomes(file, exitCode) {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).outcomes;
  const why = exitCode === undefined ? 'timed out' : `exited with code ${exitCode}`;
  return [
    { title: 'extension-host test run', state: 'failed', ms: 0, error: `the test runner ${why} without results` },
  ];
}

/**
 * Runs the extension-host tier once; returns { outcomes, exitCode }. `timeoutMs` bounds the whole run.
 */
export async function runVscodeTests({ timeoutMs = 180_000 } = {}) {
  if (!existsSync(runnerPath)) throw new Error(`${runnerPath} is missing: run npm run build first`);
  const resultFile = join(root, '.state', `vscode-tests-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  const server = await startServer({ label: 'vscode-tests', env: { CONV2D_VSCODE_TEST_RESULT: resultFile } });
  const browser = await launchBrowser(join(server.state.dir, 'chromium'));
  const consoleLog = [];
  browser.page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
  let exitCode;
  try {
    const exited = new Promise((resolve) => browser.page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
    await injectDevelopmentOptions(browser.page, { extensionDevelopmentPath: root, extensionTestsPath: runnerPath });
    await openWorkbench(browser.page, server.url, join(root, 'demo'));
    exitCode = await Promise.race([exited, delay(timeoutMs).then(() => undefined)]);
  } finally {
    writeFileSync(join(server.state.dir, 'browser-console.log'), consoleLog.join('\n'));
    await browser.close();
    await server.stop();
    rmSync(join(server.state.dir, 'chromium'), { recursive: true, force: true });
  }
  const outcomes = readOutcomes(resultFile, exitCode);
  rmSync(resultFile, { force: true });
  return { outcomes, exitCode };
}

/** Prints outcomes like mocha's spec reporter and returns the number of failures. */
export function report(outcomes) {
  for (const o of outcomes) {
    console.log(`  ${o.state === 'passed' ? '✔' : '✖'} ${o.title} (${o.ms} ms)`);
    if (o.error) console.log(o.error.replace(/^/gm, '      '));
  }
  const failed = outcomes.filter((o) => o.state === 'failed').length;
  console.log(`\n  ${outcomes.length - failed} passing, ${failed} failing`);
  return failed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--result');
  const { outcomes, exitCode } = await runVscodeTests();
  const failed = report(outcomes);
  if (i > 0) writeFileSync(process.argv[i + 1], JSON.stringify({ outcomes, exitCode }, null, 2));
  process.exit(failed === 0 && exitCode === 0 ? 0 : 1);
}
