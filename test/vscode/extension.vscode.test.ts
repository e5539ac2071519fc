// The extension inside a real extension host: it activates on its activation events and registers every command
// its package.json contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'conv2d-lens.conv2d-lens';

interface Manifest {
  activationEvents: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | string }; virtualWorkspaces?: boolean };
  contributes: { commands: { command: string; title: string }[] };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is not loaded`);
  return ext;
}

async function waitFor(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Conv2D Lens in the extension host', () => {
  it('activates when a Python file opens (onLanguage:python)', async () => {
    const manifest = extension().packageJSON as Manifest;
    assert.ok(manifest.activationEvents.includes('onLanguage:python'));
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: 'K = [[1, -1]]\n' });
    await vscode.window.showTextDocument(doc);
    await waitFor('the extension is active', () => extension().isActive);
  });

  it('declares Restricted Mode and virtual workspaces supported: it runs no workspace code and reads no files itself', () => {
    const manifest = extension().packageJSON as Manifest;
    assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it('registers every command of contributes.commands', async () => {
    await extension().activate();
    const manifest = extension().packageJSON as Manifest;
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });
});
