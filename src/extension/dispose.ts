// Disposables registered in one place (the shape of vscode-hexeditor's `Disposable` base): whatever a class creates
// that must be released is passed through `_register`, and `dispose` releases all of it, newest first, once.
import type * as vscode from 'vscode';

/** Base class of the host's long-lived objects (panels, the sidebar provider, webview endpoints). */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  /** True once `dispose` ran. */
  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Keeps `d` until this object is disposed (at once, when it already is); returns `d`. */
  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  /** Releases everything registered, newest first. A second call does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}
