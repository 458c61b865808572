// Dependency scanner benchmark: build a vulnerability database of 300,000+ OSV records (the
// shared real records replicated under new package names) and a 2,000-package lockfile, then
// measure `vigil db import` (time, peak RSS) and `vigil scan` (cold and warm, peak RSS).
// Where `npm audit` can reach the registry, it is timed on a real lockfile of the same size
// next to Vigil's scan of that lockfile, in the same run.
//
//   npm run build && npm run bench:deps [-- --records 300000 --packages 2000 --no-npm-audit]
//
// Needs GNU time (`apt-get install time`) for peak RSS.
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse as parseYaml } from 'yaml';
import yazl from 'yazl';
import { measure } from './lib/measure.mjs';

const repo = resolve(import.meta.dirname, '..');
if (!existsSync(join(repo, 'packages/cli/dist/main.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
const { parseOsvRecord } = await import(join(repo, 'packages/deps/dist/index.js'));
const benchDir = join(repo, '.bench', 'deps');
const osvDir = resolve(repo, '..', 'shared', 'data', 'osv');
const vigil = join(repo, 'packages/cli/bin/vigil.js');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}
const wantedRecords = option('records', 300_000);
const wantedPackages = option('packages', 2_000);

/** Every shared record, parsed (JSON and the PyPI YAML). */
function loadSharedRecords() {
  const records = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) records.push(JSON.parse(readFileSync(path, 'utf8')));
      else if (entry.name.endsWith('.yaml')) records.push(parseYaml(readFileSync(path, 'utf8')));
    }
  };
  walk(osvDir);
  // Only records the importer accepts, so the database holds exactly the number asked for.
  return records.filter(
    (record) =>
      parseOsvRecord(record).ok && Array.isArray(record.affected) && record.affected.length > 0,
  );
}

/** Copy `k` of a record: the same ranges, for packages and ids renamed so nothing collides. */
function replica(record, k) {
  if (k === 0) return record;
  const suffix = `-r${k}`;
  return {
    ...record,
    id: `${record.id}${suffix}`,
    aliases: (record.aliases ?? []).map((alias) => `${alias}${suffix}`),
    affected: record.affected.map((entry) =>
      entry.package
        ? { ...entry, package: { ...entry.package, name: `${entry.package.name}${suffix}` } }
        : entry,
    ),
  };
}

/** One zip per base ecosystem, like OSV's `<ecosystem>/all.zip` exports. */
async function writeExports(records, directory) {
  const zips = new Map();
  const zipFor = (ecosystem) => {
    let zip = zips.get(ecosystem);
    if (!zip) {
      zip = new yazl.ZipFile();
      const path = join(directory, `${ecosystem.replace(/[^A-Za-z0-9.]/g, '_')}-all.zip`);
      zips.set(ecosystem, {
        zip,
        path,
        done: finished(zip.outputStream.pipe(createWriteStream(path))),
      });
      zip = zips.get(ecosystem);
    }
    return zip;
  };
  let written = 0;
  const copies = Math.ceil(wantedRecords / records.length);
  for (let k = 0; k < copies && written < wantedRecords; k++) {
    for (const record of records) {
      if (written >= wantedRecords) break;
      const copy = replica(record, k);
      const ecosystem = copy.affected.find((entry) => entry.package)?.package.ecosystem ?? 'misc';
      // A stream made when the zip pulls it: one member deflated at a time, memory bounded.
      const member = new Readable({
        read() {
          this.push(JSON.stringify(replica(record, k)));
          this.push(null);
        },
      });
      zipFor(ecosystem).zip.addReadStream(member, `${copy.id}.json`);
      written++;
    }
  }
  for (const { zip } of zips.values()) zip.end();
  await Promise.all([...zips.values()].map((entry) => entry.done));
  return { written, paths: [...zips.values()].map((entry) => entry.path) };
}

/** A package-lock.json v3 of `count` packages: a tenth named in records (vulnerable versions), the rest not. */
function writeLockfile(records, directory, count) {
  const npm = records.filter((record) =>
    record.affected.some((entry) => entry.package?.ecosystem === 'npm'),
  );
  const packages = { '': { name: 'bench-app', version: '1.0.0', dependencies: {} } };
  for (let index = 0; Object.keys(packages).length <= count; index++) {
    let name;
    let version;
    if (index % 10 === 0) {
      const record = npm[(index / 10) % npm.length];
      const entry = record.affected.find((item) => item.package?.ecosystem === 'npm');
      const copy = Math.floor(index / 10 / npm.length);
      name = `${entry.package.name}${copy === 0 ? '' : `-r${copy}`}`;
      const introduced = entry.ranges?.[0]?.events?.find((event) => event.introduced)?.introduced;
      version = introduced && introduced !== '0' ? introduced : '0.0.1';
    } else {
      name = `bench-package-${index}`;
      version = `1.${index % 50}.${index % 7}`;
    }
    if (packages[`node_modules/${name}`]) continue;
    packages[''].dependencies[name] = version;
    packages[`node_modules/${name}`] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').at(-1)}-${version}.tgz`,
    };
  }
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify(
      { name: 'bench-app', version: '1.0.0', dependencies: packages[''].dependencies },
      null,
      2,
    ),
  );
  writeFileSync(
    join(directory, 'package-lock.json'),
    JSON.stringify(
      { name: 'bench-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages },
      null,
      2,
    ),
  );
  return Object.keys(packages).length - 1;
}

/** Drops the page cache when allowed (root), so the first scan reads the database from disk. */
function dropCaches() {
  return (
    spawnSync('sh', ['-c', 'sync && echo 3 > /proc/sys/vm/drop_caches'], { stdio: 'ignore' })
      .status === 0
  );
}

rmSync(benchDir, { recursive: true, force: true });
mkdirSync(join(benchDir, 'exports'), { recursive: true });
const shared = loadSharedRecords();
console.log(
  `${shared.length} shared records; writing ${wantedRecords.toLocaleString('en-US')} into per-ecosystem zips …`,
);
const exportsInfo = await writeExports(shared, join(benchDir, 'exports'));
const exportBytes = exportsInfo.paths.reduce((sum, path) => sum + readFileSync(path).length, 0);
const project = join(benchDir, 'project');
const lockfilePackages = writeLockfile(shared, project, wantedPackages);
const database = join(benchDir, 'db');

const imported = measure(process.execPath, [
  vigil,
  'db',
  'import',
  '--db',
  database,
  '--quiet',
  '--format',
  'json',
  ...exportsInfo.paths,
]);
if (imported.status !== 0) {
  console.error(imported.stderr);
  process.exit(1);
}
const importSummary = JSON.parse(imported.stdout);
const scanArgs = [
  vigil,
  'scan',
  project,
  '--scanners',
  'deps',
  '--db',
  database,
  '--fail-on',
  'none',
  '--format',
  'json',
];
const cold = dropCaches();
const coldScan = measure(process.execPath, scanArgs);
const warmScans = [1, 2, 3].map(() => measure(process.execPath, scanArgs));
const warmScan = warmScans.sort((a, b) => a.seconds - b.seconds)[1];
const findings = JSON.parse(warmScan.stdout).findings.length;

const mb = (value) => (value === undefined ? '-' : `${value.toFixed(0)} MB`);
const s = (value) => `${value.toFixed(2)} s`;
console.log('');
console.log(
  `database: ${importSummary.recordsRead.toLocaleString('en-US')} records from ${exportsInfo.paths.length} zip exports (${(exportBytes / 1e6).toFixed(0)} MB compressed)`,
);
console.log(
  `lockfile: package-lock.json v3 with ${lockfilePackages.toLocaleString('en-US')} packages`,
);
console.log('');
console.log('| step | wall | CPU | peak RSS | result |');
console.log('| --- | --- | --- | --- | --- |');
console.log(
  `| vigil db import | ${s(imported.seconds)} | ${s(imported.cpuSeconds ?? 0)} | ${mb(imported.rssMb)} | ${Math.round(importSummary.recordsRead / imported.seconds).toLocaleString('en-US')} records/s |`,
);
console.log(
  `| vigil scan, ${cold ? 'cold (page cache dropped)' : 'first run (page cache not droppable)'} | ${s(coldScan.seconds)} | ${s(coldScan.cpuSeconds ?? 0)} | ${mb(coldScan.rssMb)} | ${findings} findings |`,
);
console.log(
  `| vigil scan, warm (median of 3) | ${s(warmScan.seconds)} | ${s(warmScan.cpuSeconds ?? 0)} | ${mb(warmScan.rssMb)} | ${findings} findings |`,
);

// The peer on a real lockfile: `npm audit` (GitHub's advisories through the npm registry) next
// to Vigil on the same file. Vigil's database here holds the shared sample of real advisories
// plus the synthetic ones, so compare the times; the finding counts differ by data, not by design.
if (!process.argv.includes('--no-npm-audit')) {
  const real = join(benchDir, 'real');
  mkdirSync(real, { recursive: true });
  writeFileSync(
    join(real, 'package.json'),
    JSON.stringify({
      name: 'real-app',
      version: '1.0.0',
      dependencies: { 'react-scripts': '4.0.3' },
    }),
  );
  const locked = spawnSync(
    'npm',
    [
      'install',
      '--package-lock-only',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { cwd: real, encoding: 'utf8' },
  );
  if (locked.status !== 0) {
    console.log(
      `\nnpm audit comparison skipped: could not lock the real project (${locked.stderr.trim().split('\n')[0]})`,
    );
  } else {
    const lock = JSON.parse(readFileSync(join(real, 'package-lock.json'), 'utf8'));
    const realPackages = Object.keys(lock.packages).length - 1;
    const vigilArgs = [
      vigil,
      'scan',
      real,
      '--scanners',
      'deps',
      '--db',
      database,
      '--fail-on',
      'none',
      '--format',
      'json',
    ];
    measure(process.execPath, vigilArgs);
    const vigilReal = measure(process.execPath, vigilArgs);
    const npmArgs = ['audit', '--package-lock-only', '--json'];
    measure('npm', npmArgs, { cwd: real });
    const audit = measure('npm', npmArgs, { cwd: real });
    let auditResult;
    try {
      auditResult = `${JSON.parse(audit.stdout).metadata.vulnerabilities.total} vulnerable packages`;
    } catch {
      auditResult = `unavailable: ${audit.stderr.trim().split('\n')[0] ?? 'no output'}`;
    }
    console.log('');
    console.log(
      `real lockfile: react-scripts@4.0.3, ${realPackages.toLocaleString('en-US')} packages`,
    );
    console.log('| tool | wall | CPU | peak RSS | result |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| vigil scan (local OSV database) | ${s(vigilReal.seconds)} | ${s(vigilReal.cpuSeconds ?? 0)} | ${mb(vigilReal.rssMb)} | ${JSON.parse(vigilReal.stdout).findings.length} findings |`,
    );
    console.log(
      `| npm audit --package-lock-only (registry) | ${s(audit.seconds)} | ${s(audit.cpuSeconds ?? 0)} | ${mb(audit.rssMb)} | ${auditResult} |`,
    );
  }
}
