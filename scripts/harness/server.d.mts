// Types for server.mjs (used by the TypeScript end-to-end harness).

/** Private state folders of one server. */
export interface ServerState {
  dir: string;
  home: string;
  userData: string;
  extensions: string;
  log: string;
}

/** A running code-server. */
export interface Server {
  url: string;
  port: number;
  folder: string;
  pid: number;
  state: ServerState;
  /** Ends the server's process group and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

/** Options of startServer. */
export interface ServerOptions {
  folder?: string;
  theme?: 'light' | 'dark';
  vsix?: string;
  label?: string;
  env?: Record<string, string>;
}

/** The repository root. */
export const root: string;
/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;
/** Builds the production bundle and packs dist/conv2d-lens.vsix; returns its path. */
export function packageVsix(): string;
/** Starts code-server with private state; see server.mjs. */
export function startServer(options?: ServerOptions): Promise<Server>;
/** The user settings every harness server starts with. */
export function userSettings(theme: 'light' | 'dark'): Record<string, unknown>;
/** Writes user settings; a running workbench picks the change up live. */
export function writeUserSettings(state: ServerState, theme: 'light' | 'dark'): void;
