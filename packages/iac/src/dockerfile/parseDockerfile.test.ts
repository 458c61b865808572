import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from './parseDockerfile.js';

test('continuations join lines, drop comment and blank lines inside, and keep positions', () => {
  const text = [
    '# syntax=docker/dockerfile:1',
    'FROM debian:12',
    'RUN apt-get update && \\',
    '    # a comment inside the instruction',
    '',
    '    apt-get install -y curl \\   ',
    '    && rm -rf /var/lib/apt/lists/*',
    'CMD ["curl", "--version"]',
  ].join('\n');
  const { instructions, warnings } = parseDockerfile(text);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    instructions.map((instruction) => instruction.keyword),
    ['FROM', 'RUN', 'CMD'],
  );
  const run = instructions[1];
  assert.ok(run);
  assert.equal(
    run.arguments,
    'apt-get update &&     apt-get install -y curl     && rm -rf /var/lib/apt/lists/*',
  );
  assert.deepEqual(run.region, { startLine: 3, startColumn: 1, endLine: 7, endColumn: 35 });
  assert.deepEqual(run.positionAt(run.arguments.indexOf('install')), { line: 6, column: 13 });
  assert.deepEqual(run.positionAt(run.arguments.indexOf('rm -rf')), { line: 7, column: 8 });
  assert.deepEqual(instructions[2]?.json, ['curl', '--version']);
});

test('the escape directive switches continuations to backticks; backslashes are then literal', () => {
  const text = [
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
    'COPY . C:\\app\\',
    'RUN dir `',
    '  C:\\app',
  ].join('\r\n');
  const { instructions, escape } = parseDockerfile(text);
  assert.equal(escape, '`');
  assert.equal(instructions[1]?.arguments, '. C:\\app\\');
  assert.equal(instructions[2]?.arguments, 'dir   C:\\app');
});

test('directives count only before anything else; unknown and repeated ones are handled', () => {
  const late = parseDockerfile('# comment\n# escape=`\nFROM alpine:3.20\nRUN echo `\n');
  assert.equal(late.escape, '\\', 'a directive after a comment is a comment');
  const unknown = parseDockerfile('# foo=bar\n# escape=`\nFROM alpine:3.20\n');
  assert.equal(unknown.escape, '\\', 'directives stop at an unknown one');
  const repeated = parseDockerfile('# escape=`\n# escape=\\\nFROM alpine:3.20\n');
  assert.equal(repeated.escape, '`');
  assert.match(repeated.warnings[0]?.message ?? '', /more than once/);
  const invalid = parseDockerfile('# escape=x\nFROM alpine:3.20\n');
  assert.deepEqual(
    invalid.warnings.map((w) => [w.line, w.column]),
    [[1, 1]],
  );
});

test('here-documents: several per line, <<- strips tabs, quoted names, content line numbers', () => {
  const text = [
    'FROM alpine:3.20',
    'RUN <<EOF',
    'apk add --no-cache curl',
    'EOF',
    'COPY <<-"ONE" /one <<TWO /two',
    '\tfirst',
    '\tONE',
    'second',
    'TWO',
    'USER 1000',
  ].join('\n');
  const { instructions, warnings } = parseDockerfile(text);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    instructions.map((instruction) => instruction.keyword),
    ['FROM', 'RUN', 'COPY', 'USER'],
  );
  assert.deepEqual(instructions[1]?.heredocs, [
    { name: 'EOF', content: 'apk add --no-cache curl', line: 3 },
  ]);
  assert.deepEqual(instructions[2]?.heredocs, [
    { name: 'ONE', content: 'first', line: 6 },
    { name: 'TWO', content: 'second', line: 8 },
  ]);
  assert.equal(instructions.at(2)?.region.endLine, 9);
  const quoted = parseDockerfile('FROM alpine:3.20\nRUN echo "a <<b" && echo done\nUSER 1\n');
  assert.deepEqual(quoted.instructions[1]?.heredocs, [], '<< inside quotes is no here-document');
});

test('an unterminated here-document swallows the rest and says where it started', () => {
  const { instructions, warnings } = parseDockerfile(
    'FROM alpine:3.20\nRUN <<EOF\necho hi\nUSER 1\n',
  );
  assert.equal(instructions.length, 2);
  assert.deepEqual(warnings, [
    { message: 'here-document `EOF` is never terminated', line: 2, column: 1 },
  ]);
});

test('flags, exec form and shell form', () => {
  const text = [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
    'COPY --from=build --chown=1000:1000 /out /app',
    'RUN --mount=type=cache,target=/root/.cache go build ./...',
    'ENTRYPOINT ["/app", "serve"',
    'HEALTHCHECK --interval=5s CMD ["/app", "ping"]',
    'frobnicate now',
  ].join('\n');
  const { instructions, warnings } = parseDockerfile(text);
  assert.deepEqual(instructions[0]?.flags, [{ name: 'platform', value: '$BUILDPLATFORM' }]);
  assert.equal(instructions.at(0)?.arguments, 'golang:1.23 AS build');
  assert.deepEqual(instructions[1]?.flags, [
    { name: 'from', value: 'build' },
    { name: 'chown', value: '1000:1000' },
  ]);
  assert.equal(instructions[2]?.flags[0]?.value, 'type=cache,target=/root/.cache');
  assert.equal(instructions[3]?.json, undefined, 'invalid JSON runs in shell form');
  assert.equal(instructions[3]?.arguments, '["/app", "serve"');
  assert.deepEqual(warnings, [{ message: 'unknown instruction `FROBNICATE`', line: 6, column: 1 }]);
});

test('hostile and degenerate input never throws', () => {
  const inputs = [
    '',
    '\uFEFF',
    '\\',
    '\\\n'.repeat(10_000),
    'RUN \\',
    'FROM',
    'RUN <<',
    'RUN <<EOF',
    '#'.repeat(100_000),
    `RUN ${'<<A '.repeat(5_000)}`,
    `RUN ${'x'.repeat(1_000_000)} \\`,
    Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
  ];
  for (const input of inputs) {
    const result = parseDockerfile(input);
    assert.ok(Array.isArray(result.instructions));
  }
});

test('a 10 MB Dockerfile parses in linear time', () => {
  const line =
    'RUN echo "layer" && apt-get install -y curl=7.88.1 \\\n    && rm -rf /var/lib/apt/lists/*\n';
  const text = `FROM debian:12\n${line.repeat(Math.ceil(10_000_000 / line.length))}USER 1000\n`;
  const started = performance.now();
  const { instructions, warnings } = parseDockerfile(text);
  const elapsed = performance.now() - started;
  assert.deepEqual(warnings, []);
  assert.equal(instructions.at(-1)?.keyword, 'USER');
  assert.equal(instructions.at(-1)?.region.startLine, text.split('\n').length - 1);
  assert.ok(elapsed < 10_000, `took ${String(Math.round(elapsed))} ms`);
});
