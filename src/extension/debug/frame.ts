// The paused frame a value is read in: the one selected in the Call Stack view (`vscode.debug.activeStackItem`), its
// evaluate requests with a time limit, and where it is ("app.js:12 main") for the sidebar's caption. Only stable API:
// DebugSession.customRequest with the Debug Adapter Protocol's `evaluate` and `stackTrace` requests
// (https://microsoft.github.io/debug-adapter-protocol/specification#Requests_Evaluate).
import * as vscode from 'vscode';
import { withTimeout, type Evaluate } from './pull';

/** A frame to evaluate in. */
export interface Frame {
  session: vscode.DebugSession;
  threadId: number;
  frameId: number;
}

/** The frame selected in the Call Stack view, or undefined when the program runs or no session is paused. */
export function selectedFrame(): Frame | undefined {
  const item = vscode.debug.activeStackItem;
  return item instanceof vscode.DebugStackFrame
    ? { session: item.session, threadId: item.threadId, frameId: item.frameId }
    : undefined;
}

/**
 * Evaluate requests in `frame`, context 'repl' (the context every adapter supports; js-debug and debugpy give a
 * string result in quotes there). Each answer must come within `timeoutMs`, else a `DebugReadError` ('timeout')
 * says so; the adapter's own errors reject with its message.
 */
export function frameEvaluator(frame: Frame, timeoutMs: number): Evaluate {
  const evaluate: Evaluate = async (expression) => {
    const answer = (await frame.session.customRequest('evaluate', {
      expression,
      frameId: frame.frameId,
      context: 'repl',
    })) as { result?: unknown } | undefined;
    return String(answer?.result ?? '');
  };
  return withTimeout(evaluate, timeoutMs);
}

interface DapStackFrame {
  id: number;
  name: string;
  line: number;
  source?: { name?: string; path?: string };
}

/** "app.js:12 main" for the frame (its source's name, line and function), or the session's name if unknown. */
export async function frameLabel(frame: Frame): Promise<string> {
  try {
    const r = (await frame.session.customRequest('stackTrace', {
      threadId: frame.threadId,
      startFrame: 0,
      levels: 50,
    })) as { stackFrames?: DapStackFrame[] } | undefined;
    const f = r?.stackFrames?.find((s) => s.id === frame.frameId);
    if (!f) return frame.session.name;
    const file = f.source?.name ?? f.source?.path?.split(/[\\/]/).pop();
    return [file ? `${file}:${f.line}` : undefined, f.name].filter(Boolean).join(' ');
  } catch {
    return frame.session.name; // a label is a nicety: never fail a read for it
  }
}
