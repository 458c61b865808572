/**
 * Executable scripts without an extension (`bin/serve`) are JavaScript when their first line is
 * a shebang that runs Node: `#!/usr/bin/env node`, `#!/usr/local/bin/node --harmony`.
 */
const NODE_SHEBANG = /^#![^\n]*\bnode(?:js)?\b/;

/** Cheap path filter: a file name without an extension may be a Node script. */
export function mayBeNodeScript(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.length > 0 && !name.includes('.');
}

/** Whether a file's first line is a shebang that runs Node (read from the first bytes only). */
export function isNodeScript(bytes: Uint8Array): boolean {
  // '#!'
  if (bytes[0] !== 0x23 || bytes[1] !== 0x21) return false;
  const end = bytes.indexOf(0x0a);
  const head = Buffer.from(
    bytes.subarray(0, end < 0 ? Math.min(bytes.length, 256) : Math.min(end, 256)),
  );
  return NODE_SHEBANG.test(head.toString('latin1'));
}
