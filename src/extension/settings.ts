import * as vscode from 'vscode';
import type { BackendPreference } from '../protocol/messages';

/** The `conv2d.backend` setting, defaulting to 'auto' for unknown values. */
export function backendPreference(): BackendPreference {
  const v = vscode.workspace.getConfiguration('conv2d').get<string>('backend', 'auto');
  return v === 'webgl' || v === 'wasm' || v === 'cpu' ? v : 'auto';
}
