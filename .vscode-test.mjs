// @vscode/test-cli configuration for desktop VS Code users (`npx vscode-test` after `npm run build`): runs the same
// extension-host tests as `npm test` does in code-server, on the demo workspace.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'dist/test/vscode/*.vscode.test.js',
  workspaceFolder: './demo',
  mocha: { ui: 'bdd', timeout: 30_000 },
});
