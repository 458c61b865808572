import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultConfig,
  fingerprint,
  isVigilError,
  sourceFile,
  type CommitRef,
  type ContentScanner,
  type Finding,
  type ScannerPlugin,
  type ScanReport,
  type SourceFile,
  type VigilConfig,
} from '@vigil/core';
import { directorySource } from './directorySource.js';
import { makeDir, writeFiles } from './git/testing.js';
import { runScan, type ScanOptions } from './runScan.js';
import type { SourceProvider } from './source.js';

const MARKER = 'TODO-SECRET';

/** Reports each occurrence of TODO-SECRET, with its 1-based line and UTF-16 column. */
function markerFindings(file: SourceFile, ruleId = 'fake/todo-secret'): Finding[] {
  const findings: Finding[] = [];
  file.text.split('\n').forEach((line, index) => {
    for (let at = line.indexOf(MARKER); at >= 0; at = line.indexOf(MARKER, at + 1)) {
      findings.push({
        ruleId,
        scanner: 'fake',
        severity: 'high',
        confidence: 'high',
        title: 'TODO secret',
        message: 'a TODO-SECRET marker',
        location: {
          kind: 'file',
          path: file.path,
          startLine: index + 1,
          startColumn: at + 1,
          endLine: index + 1,
          endColumn: at + 1 + MARKER.length,
        },
        cwe: [],
        references: [],
        fingerprint: fingerprint(ruleId, file.path, line.trim()),
      });
    }
  });
  return findings;
}

interface FakeOptions {
  id?: string;
  scansHistory?: boolean;
  /** Paths on which `scanFile` throws. */
  failOn?: readonly string[];
  accepts?: (path: string) => boolean;
  finish?: () => Promise<Finding[]>;
  /** Records the paths `scanFile` saw. */
  seen?: string[];
}

function fakeScanner(options: FakeOptions = {}): ScannerPlugin {
  const id = options.id ?? 'fake';
  return {
    id,
    title: 'Fake',
    scansHistory: options.scansHistory ?? true,
    rules: () => [
      {
        id: `${id}/todo-secret`,
        scanner: id,
        title: 'TODO secret',
        description: 'A TODO-SECRET marker.',
        severity: 'high',
        cwe: [],
        remediation: 'Remove it.',
        references: [],
      },
    ],
    create(): ContentScanner {
      const scanner: ContentScanner = {
        scanFile(file) {
          options.seen?.push(file.path);
          if (options.failOn?.includes(file.path)) throw new Error(`cannot parse ${file.path}`);
          return markerFindings(file, `${id}/todo-secret`);
        },
      };
      if (options.accepts) scanner.accepts = options.accepts;
      if (options.finish) scanner.finish = options.finish;
      return scanner;
    },
  };
}

/** A source of in-memory files, as git sources yield them (fragments with a line map). */
function memorySource(
  files: { path: string; text: string; lineMap?: number[]; commit?: CommitRef }[],
  target: SourceProvider['target'] = 'directory',
): SourceProvider {
  return {
    target,
    *files(stats) {
      for (const { path, text, lineMap, commit } of files) {
        stats.filesScanned++;
        yield sourceFile(path, Buffer.from(text), { lineMap, commit });
      }
    },
  };
}

function scan(
  source: SourceProvider,
  options: Partial<Omit<ScanOptions, 'config'>> & { config?: Partial<VigilConfig> } = {},
): Promise<ScanReport> {
  const { config, ...rest } = options;
  return runScan({
    root: '/project',
    plugins: [fakeScanner()],
    failOn: 'high',
    version: '0.0.0-test',
    today: '2026-03-15',
    ...rest,
    config: { ...defaultConfig(), ...config },
    source,
  });
}

/** `path:line:col status` per result, for compact assertions. */
function summary(report: ScanReport): string[] {
  return report.results.map(({ finding, suppression }) => {
    const { location } = finding;
    const where =
      location.kind === 'file'
        ? `${location.path}:${location.startLine}:${location.startColumn}`
        : location.kind;
    return `${where} ${suppression?.kind ?? 'open'}`;
  });
}

test('every marker in every file is found, and the report describes the scan', async () => {
  const root = makeDir();
  writeFiles(root, {
    'a.txt': `one\ntwo ${MARKER}\n`,
    'sub/b.txt': `${MARKER} and ${MARKER}\n`,
    'clean.txt': 'nothing\n',
  });
  const report = await scan(directorySource(root, { maxFileSize: 1024 }), { root });
  assert.deepEqual(summary(report), [
    'a.txt:2:5 open',
    'sub/b.txt:1:1 open',
    'sub/b.txt:1:17 open',
  ]);
  assert.equal(report.tool.name, 'vigil');
  assert.equal(report.tool.version, '0.0.0-test');
  assert.equal(report.root, root);
  assert.equal(report.target, 'directory');
  assert.deepEqual(report.scanners, ['fake']);
  assert.deepEqual(
    report.rules.map((rule) => rule.id),
    ['fake/todo-secret'],
  );
  assert.equal(report.stats.filesScanned, 3);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(report.policy, { failOn: 'high', failed: true, notices: [] });
});

test('an inline vigil-ignore on the line or the line above suppresses, with its reason', async () => {
  const report = await scan(
    memorySource([
      {
        path: 'a.ts',
        text: [
          `const a = '${MARKER}'; // vigil-ignore: todo-secret test fixture`,
          '// vigil-ignore',
          `const b = '${MARKER}';`,
          `const c = '${MARKER}'; // vigil-ignore: other-rule not this one`,
          '',
          `const d = '${MARKER}';`,
        ].join('\n'),
      },
    ]),
  );
  assert.deepEqual(summary(report), [
    'a.ts:1:12 inline',
    'a.ts:3:12 inline',
    'a.ts:4:12 open',
    'a.ts:6:12 open',
  ]);
  assert.deepEqual(report.results[0]?.suppression, { kind: 'inline', reason: 'test fixture' });
  assert.deepEqual(report.results[1]?.suppression, {
    kind: 'inline',
    reason: 'inline vigil-ignore',
  });
  assert.equal(report.policy.failed, true);
});

test('inline ignores are read on a fragment’s own lines; lines then map to the file', async () => {
  const commit: CommitRef = {
    sha: 'a'.repeat(40),
    author: 'Dev',
    email: 'dev@example.org',
    date: '2026-01-02T03:04:05+00:00',
  };
  const report = await scan(
    memorySource(
      [
        {
          path: 'app.env',
          text: `# vigil-ignore\nA=${MARKER}\nB=${MARKER}`,
          lineMap: [10, 11, 40],
          commit,
        },
      ],
      'git-history',
    ),
  );
  assert.deepEqual(summary(report), ['app.env:11:3 inline', 'app.env:40:3 open']);
  for (const { finding } of report.results) {
    assert.equal(finding.location.kind === 'file' && finding.location.commit, commit);
  }
});

test('a scanner that throws on one file loses only that file, with a warning', async () => {
  const seen: string[] = [];
  const report = await scan(
    memorySource([
      { path: 'a.txt', text: MARKER },
      { path: 'broken.txt', text: MARKER },
      { path: 'c.txt', text: MARKER },
    ]),
    { plugins: [fakeScanner({ failOn: ['broken.txt'], seen })] },
  );
  assert.deepEqual(seen, ['a.txt', 'broken.txt', 'c.txt']);
  assert.deepEqual(summary(report), ['a.txt:1:1 open', 'c.txt:1:1 open']);
  assert.deepEqual(report.warnings, [
    {
      code: 'SCANNER_FAILED',
      message: 'fake scanner failed: cannot parse broken.txt',
      path: 'broken.txt',
    },
  ]);
});

test('one failing scanner does not stop another on the same file', async () => {
  const report = await scan(memorySource([{ path: 'a.txt', text: MARKER }]), {
    plugins: [fakeScanner({ id: 'first', failOn: ['a.txt'] }), fakeScanner({ id: 'second' })],
  });
  assert.deepEqual(
    report.results.map((r) => r.finding.ruleId),
    ['second/todo-secret'],
  );
  assert.deepEqual(
    report.warnings.map((w) => w.code),
    ['SCANNER_FAILED'],
  );
});

test('results are sorted by path, line, column and rule, whatever order they came in', async () => {
  const files = [
    { path: 'z.txt', text: `x\n${MARKER}` },
    { path: 'a/b.txt', text: `${MARKER}\n${MARKER} ${MARKER}` },
    { path: 'a.txt', text: `\n\n${MARKER}` },
  ];
  const plugins = [fakeScanner({ id: 'zeta' }), fakeScanner({ id: 'alpha' })];
  const forward = await scan(memorySource(files), { plugins });
  const backward = await scan(memorySource([...files].reverse()), { plugins });
  const keys = (report: ScanReport) =>
    report.results.map(({ finding }) =>
      finding.location.kind === 'file'
        ? `${finding.location.path}:${finding.location.startLine}:${finding.location.startColumn} ${finding.ruleId}`
        : '',
    );
  assert.deepEqual(keys(forward), [
    'a.txt:3:1 alpha/todo-secret',
    'a.txt:3:1 zeta/todo-secret',
    'a/b.txt:1:1 alpha/todo-secret',
    'a/b.txt:1:1 zeta/todo-secret',
    'a/b.txt:2:1 alpha/todo-secret',
    'a/b.txt:2:1 zeta/todo-secret',
    'a/b.txt:2:13 alpha/todo-secret',
    'a/b.txt:2:13 zeta/todo-secret',
    'z.txt:2:1 alpha/todo-secret',
    'z.txt:2:1 zeta/todo-secret',
  ]);
  assert.deepEqual(keys(backward), keys(forward));
});

test('the policy decides the verdict: fail-on, config ignores with expiry, baseline', async () => {
  const files = [
    { path: 'fixtures/a.txt', text: MARKER },
    { path: 'old.txt', text: MARKER },
    { path: 'src/new.txt', text: MARKER },
    { path: 'legacy/x.txt', text: MARKER },
  ];
  const first = await scan(memorySource(files));
  const oldFingerprint = first.results.find(
    (r) => r.finding.location.kind === 'file' && r.finding.location.path === 'old.txt',
  )?.finding.fingerprint;
  assert.ok(oldFingerprint);

  const report = await scan(memorySource(files), {
    config: {
      ignore: [
        { path: 'fixtures/**', reason: 'test data' },
        { rule: 'todo-secret', path: 'legacy/**', reason: 'expired', until: '2026-01-01' },
      ],
    },
    baseline: new Set([oldFingerprint]),
  });
  assert.deepEqual(summary(report), [
    'fixtures/a.txt:1:1 config',
    'legacy/x.txt:1:1 open',
    'old.txt:1:1 baseline',
    'src/new.txt:1:1 open',
  ]);
  assert.deepEqual(
    report.results.map((r) => r.blocking),
    [false, true, false, true],
  );
  assert.equal(report.policy.failed, true);
  assert.equal(report.policy.notices.length, 1);
  assert.match(report.policy.notices[0] ?? '', /legacy\/\*\*.*2026-01-01.*1 finding/);

  const lenient = await scan(memorySource(files), { failOn: 'critical' });
  assert.equal(lenient.policy.failed, false);
  assert.equal(lenient.policy.failOn, 'critical');
  assert.ok(lenient.results.every((r) => !r.blocking));
});

test('a scanner only gets the files it accepts', async () => {
  const seen: string[] = [];
  const report = await scan(
    memorySource([
      { path: 'a.yaml', text: MARKER },
      { path: 'b.txt', text: MARKER },
    ]),
    { plugins: [fakeScanner({ accepts: (path) => path.endsWith('.yaml'), seen })] },
  );
  assert.deepEqual(seen, ['a.yaml']);
  assert.deepEqual(summary(report), ['a.yaml:1:1 open']);
});

test('project-level findings from finish() join the results and the policy', async () => {
  const projectFinding: Finding = {
    ...(markerFindings(sourceFile('lock.json', Buffer.from(MARKER)))[0] ?? assert.fail()),
    severity: 'critical',
    location: { kind: 'package', purl: 'pkg:npm/x@1.0.0', file: { path: 'b-lock.json' } },
  };
  const report = await scan(memorySource([{ path: 'c.txt', text: MARKER }]), {
    plugins: [fakeScanner({ finish: () => Promise.resolve([projectFinding]) })],
    failOn: 'critical',
  });
  assert.deepEqual(summary(report), ['package open', 'c.txt:1:1 open']);
  assert.equal(report.results[0]?.blocking, true);
  assert.equal(report.policy.failed, true);
});

test('history scans leave out scanners that do not scan history', async () => {
  const files = [{ path: 'a.txt', text: MARKER, lineMap: [1] }];
  const plugins = [
    fakeScanner({ id: 'now-only', scansHistory: false }),
    fakeScanner({ id: 'always' }),
  ];
  const history = await scan(memorySource(files, 'git-history'), { plugins });
  assert.deepEqual(history.scanners, ['always']);
  assert.deepEqual(
    history.rules.map((rule) => rule.id),
    ['always/todo-secret'],
  );
  const directory = await scan(memorySource(files, 'directory'), { plugins });
  assert.deepEqual(directory.scanners, ['now-only', 'always']);
});

test('an async source is read like a sync one', async () => {
  const source: SourceProvider = {
    target: 'staged',
    async *files(stats) {
      await Promise.resolve();
      stats.filesScanned++;
      yield sourceFile('a.txt', Buffer.from(MARKER), { lineMap: [7] });
    },
  };
  const report = await scan(source);
  assert.equal(report.target, 'staged');
  assert.deepEqual(summary(report), ['a.txt:7:1 open']);
});

test('progress is reported with the live stats', async () => {
  const seen: number[] = [];
  await scan(
    memorySource([
      { path: 'a.txt', text: 'a' },
      { path: 'b.txt', text: 'b' },
    ]),
    { onProgress: (stats) => seen.push(stats.filesScanned), progressIntervalMs: 0 },
  );
  assert.deepEqual(seen, [1, 2]);
});

test('a worker that cannot load its scanner fails the scan with INTERNAL', async () => {
  const plugin: ScannerPlugin = {
    ...fakeScanner(),
    workerEntry: { module: new URL('./no-such-module.js', import.meta.url).href, exportName: 'x' },
  };
  await assert.rejects(
    scan(memorySource([{ path: 'a.txt', text: MARKER }]), {
      plugins: [plugin],
      workers: 2,
      parallelAfterBytes: 0,
    }),
    (error: unknown) => {
      assert.ok(isVigilError(error), String(error));
      assert.equal(error.code, 'INTERNAL');
      assert.match(error.message, /scan worker failed/);
      return true;
    },
  );
});
