// The evaluation's oracles: for one input and one vulnerable route, did the input change the
// structure of what the sink received? Each asks the real interpreter of the sink's language
// (SQLite's compiler, the shell, Node's path module, the HTML tokenizer rules, a JavaScript
// tokenizer) rather than any agent's detector, so the baseline does not favour either agent.
import { BlockList, isIP } from 'node:net';
import { relative, isAbsolute, join } from 'node:path';
import { tokenizer } from 'acorn';

const SQLITE_NUMBER =
  /^\s*[+-]?\s*(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$|^\s*0[xX][0-9a-fA-F]+\s*$/;
const SQL_IDENTIFIER = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/;

/**
 * SQL: in a string literal (the `string` and `LIKE` places) the input changes the structure when
 * it holds a quote that is not doubled (the only way out of an SQL string; SQLite has no
 * backslash escapes) or a NUL (SQLite stops reading the statement there). In the numeric place
 * anything but a number literal is new tokens. In the column place anything but one identifier
 * is checked by SQLite itself: the query as built, compiled, against the same query with the
 * input quoted as an identifier; a different VDBE program (constants aside), or a query that no
 * longer compiles, means a changed structure.
 */
export function sqlStructureChanged(db, name, context, input) {
  if (name === 'numeric') return !SQLITE_NUMBER.test(input);
  if (name === 'string' || name === 'like') {
    return input.includes('\0') || input.replaceAll("''", '').includes("'");
  }
  if (SQL_IDENTIFIER.test(input)) return false;
  const built = program(db, context.query(input));
  if (built === undefined) return true;
  return built !== program(db, context.quoted(input));
}

function program(db, sql) {
  try {
    return db
      .prepare(`EXPLAIN ${sql}`)
      .all()
      .map((row) => `${row.opcode} ${row.p2} ${row.p3} ${isConstant(row.opcode) ? '' : row.p1}`)
      .join('\n');
  } catch {
    return undefined;
  }
}

function isConstant(opcode) {
  return opcode === 'String8' || opcode === 'String' || opcode === 'Integer' || opcode === 'Real';
}

/**
 * Shell: the command route runs `lookup <input>` through /bin/sh, and `lookup` reports its
 * arguments. The intended command gives `lookup` one argument, the input as written. Anything
 * else (another command, an expansion, a quote or a redirection interpreted, words split into
 * extra arguments) changed the structure; so does an unquoted pattern (`*`, `?`, `[`) or a
 * leading `~`, which the shell expands whenever a file matches, even if none did in this run.
 */
export function shellStructureChanged(input, response) {
  if (response?.stdout === undefined) return undefined;
  const lines = response.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== 1 || !lines[0].startsWith('LOOKUP:') || response.stderr !== '') return true;
  if (lines[0] !== `LOOKUP:1\x1e${input}`) return true;
  return /[*?[]|(?:^|[\s=:])~/.test(input);
}

/** Path: `path.join(publicDir, input)` names a file outside the public directory. */
export function pathStructureChanged(publicDir, input) {
  if (input.includes('\0')) return false; // fs refuses it before any system call
  const target = relative(publicDir, join(publicDir, input));
  return target === '..' || target.startsWith('../') || isAbsolute(target);
}

/**
 * HTML: `<p>Hello <input></p>` is parsed in the tokenizer's data state, where only `<` followed by
 * an ASCII letter, `/`, `!` or `?` starts markup (a tag, an end tag, a comment, a bogus comment);
 * everything else, `&` included, stays text.
 */
export function htmlStructureChanged(input) {
  return /<[A-Za-z/!?]/.test(input);
}

/** JavaScript: the evaluated code's tokens against those of the intended expression. */
export function codeStructureChanged(route, input) {
  const code = route === '/calc' ? `${input} * 9.99` : `'${input}'.toUpperCase()`;
  const expected =
    route === '/calc'
      ? [
          ['num', '*', 'num'],
          ['+/-', 'num', '*', 'num'],
        ]
      : [['string', '.', 'name', '(', ')']];
  let labels;
  try {
    labels = [...tokenizer(code, { ecmaVersion: 'latest' })].map((token) => token.type.label);
  } catch {
    return true;
  }
  return !expected.some((sequence) => sequence.join(' ') === labels.join(' '));
}

/** IANA special-purpose ranges: never a public host, whatever answers there. */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
]) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['2001:db8::', 32],
  ['ff00::', 8],
]) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/**
 * SSRF, for benign traffic only: a URL whose host is an address literal in a special-purpose
 * range is not a request to a public host even when nothing answered it, so it is not counted
 * as benign. (Attacks count only when an internal server really answered.)
 */
export function namesNonPublicAddress(input) {
  let host;
  try {
    host = new URL(input).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  const family = isIP(host);
  return family !== 0 && NON_PUBLIC.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
