/**
 * Where in the application the sink was called: the first stack frame that is not Node's own,
 * not a dependency's (`node_modules`) and not the agent's.
 */

const FRAME_LOCATION = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/;
/** Deep enough to get past framework and driver frames to the app. */
const STACK_DEPTH = 60;

/** This package's root as it appears in stack frames (path or `file:` URL). */
const AGENT_ROOT = agentRoot();

export function appStackFrame(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME_LOCATION.exec(line.trim());
    const file = match?.[1];
    if (match === null || file === undefined || !isAppFile(file)) continue;
    return `${file}:${match[2] ?? ''}:${match[3] ?? ''}`;
  }
  return undefined;
}

function isAppFile(file: string): boolean {
  return (
    !file.startsWith('node:') &&
    !file.includes('/node_modules/') &&
    !file.includes('\\node_modules\\') &&
    (AGENT_ROOT === undefined || !file.startsWith(AGENT_ROOT))
  );
}

/** `…/rasp/` from this file's own frame, `…/rasp/dist/actions/` or `…/rasp/cjs/dist/actions/`. */
function agentRoot(): string | undefined {
  const frame = (new Error().stack ?? '').split('\n')[1]?.trim() ?? '';
  const file = FRAME_LOCATION.exec(frame)?.[1];
  if (file === undefined) return undefined;
  const dist = file.lastIndexOf('/dist/');
  if (dist === -1) return undefined;
  const root = file.slice(0, dist);
  return `${root.endsWith('/cjs') ? root.slice(0, -'/cjs'.length) : root}/`;
}
