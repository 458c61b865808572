import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { distroEcosystem, parseOsRelease } from './osRelease.js';
import { parseApkInstalled } from './parseApkInstalled.js';
import { parseDpkgStatus } from './parseDpkgStatus.js';
import { parseGoBuildInfo } from './parseGoBuildInfo.js';
import { GoBuildInfoScanner } from './GoBuildInfoScanner.js';
import { parsePythonMetadata } from './parsePythonMetadata.js';
import { parsePomProperties } from './parsePomProperties.js';
import { parseRpmHeader } from './rpm/parseRpmHeader.js';
import { bufferAccess, fileAccess } from './rpm/RandomAccess.js';
import { readNdbPackages } from './rpm/readNdbPackages.js';
import { readSqliteTable } from './rpm/readSqliteTable.js';

const work = mkdtempSync(join(tmpdir(), 'vigil-inventory-test-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('os-release', () => {
  test('OSV ecosystems per distribution release', () => {
    const ecosystem = (text: string) => {
      const os = parseOsRelease(text);
      return os && distroEcosystem(os);
    };
    assert.equal(ecosystem('ID=debian\nVERSION_ID="12"\n'), 'Debian:12');
    assert.equal(
      ecosystem('ID=ubuntu\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\n'),
      'Ubuntu:22.04:LTS',
    );
    assert.equal(
      ecosystem('ID=ubuntu\nVERSION_ID="23.10"\nVERSION="23.10 (Mantic Minotaur)"\n'),
      'Ubuntu:23.10',
    );
    assert.equal(ecosystem('ID=alpine\nVERSION_ID=3.20.3\n'), 'Alpine:v3.20');
    assert.equal(ecosystem('ID="rocky"\nVERSION_ID="9.3"\n'), 'Rocky Linux:9');
    assert.equal(ecosystem('ID="almalinux"\nVERSION_ID="8.9"\n'), 'AlmaLinux:8');
    assert.equal(
      ecosystem('ID="opensuse-leap"\nVERSION_ID="15.5"\nPRETTY_NAME="openSUSE Leap 15.5"\n'),
      'openSUSE:Leap 15.5',
    );
    assert.equal(ecosystem('ID=debian\nPRETTY_NAME="Debian GNU/Linux trixie/sid"\n'), undefined);
    assert.equal(parseOsRelease('# nothing here\nNAME=x\n'), undefined);
  });
});

describe('dpkg status', () => {
  test('installed packages only, with their source package and version', () => {
    const parsed = parseDpkgStatus(
      [
        'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.15-1~deb12u1\nDescription: Secure Sockets Layer toolkit\n shared libraries\n .\n more',
        'Package: libgcc-s1\nStatus: install ok installed\nArchitecture: amd64\nSource: gcc-12 (12.2.0-14+deb12u1)\nVersion: 12.2.0-14+deb12u1',
        'Package: old\nStatus: deinstall ok config-files\nVersion: 1.0',
        'Package: distroless-entry\nVersion: 2.0',
        'Status: install ok installed\nVersion: 9',
      ].join('\n\n'),
    );
    assert.deepEqual(
      parsed.packages.map((pkg) => [
        pkg.name,
        pkg.version,
        pkg.sourceName,
        pkg.sourceVersion,
        pkg.line,
      ]),
      [
        ['libssl3', '3.0.15-1~deb12u1', 'openssl', '3.0.15-1~deb12u1', 1],
        ['libgcc-s1', '12.2.0-14+deb12u1', 'gcc-12', '12.2.0-14+deb12u1', 11],
        ['distroless-entry', '2.0', 'distroless-entry', '2.0', 21],
      ],
    );
    assert.deepEqual(parsed.warnings, ['line 24: entry without Package; skipped']);
  });

  test('truncated and binary input give warnings or nothing, never a throw', () => {
    assert.deepEqual(parseDpkgStatus('Package: cut-off\nVers').packages, []);
    assert.deepEqual(parseDpkgStatus('\u0000\u0001\u0002garbage').packages, []);
  });
});

describe('apk installed', () => {
  test('packages with their origin', () => {
    const parsed = parseApkInstalled(
      'C:Q1abc=\nP:libcrypto3\nV:3.3.2-r0\nA:x86_64\no:openssl\nT:Crypto library\n\nP:musl\nV:1.2.5-r0\nA:x86_64\n\nP:broken\n',
    );
    assert.deepEqual(
      parsed.packages.map((pkg) => [pkg.name, pkg.version, pkg.sourceName, pkg.arch]),
      [
        ['libcrypto3', '3.3.2-r0', 'openssl', 'x86_64'],
        ['musl', '1.2.5-r0', 'musl', 'x86_64'],
      ],
    );
    assert.deepEqual(parsed.warnings, ['line 12: entry without V:; skipped']);
  });
});

/** An rpm header blob as the rpm database stores it (index entries, then the data store). */
function rpmHeader(tags: { tag: number; type: number; value: string | number }[]): Buffer {
  const data: Buffer[] = [];
  let length = 0;
  const entries = tags.map(({ tag, type, value }) => {
    if (typeof value === 'number') {
      const pad = (4 - (length % 4)) % 4;
      data.push(Buffer.alloc(pad));
      length += pad;
    }
    const bytes = typeof value === 'number' ? Buffer.alloc(4) : Buffer.from(`${value}\0`);
    if (typeof value === 'number') bytes.writeUInt32BE(value);
    const entry = Buffer.alloc(16);
    entry.writeUInt32BE(tag, 0);
    entry.writeUInt32BE(type, 4);
    entry.writeUInt32BE(length, 8);
    entry.writeUInt32BE(1, 12);
    data.push(bytes);
    length += bytes.length;
    return entry;
  });
  const head = Buffer.alloc(8);
  head.writeUInt32BE(entries.length, 0);
  head.writeUInt32BE(length, 4);
  return Buffer.concat([head, ...entries, ...data]);
}

const OPENSSL = rpmHeader([
  { tag: 1000, type: 6, value: 'openssl-libs' },
  { tag: 1001, type: 6, value: '3.0.7' },
  { tag: 1002, type: 6, value: '27.el9' },
  { tag: 1003, type: 4, value: 1 },
  { tag: 1022, type: 6, value: 'x86_64' },
  { tag: 1044, type: 6, value: 'openssl-3.0.7-27.el9.src.rpm' },
]);
const BASH = rpmHeader([
  { tag: 1000, type: 6, value: 'bash' },
  { tag: 1001, type: 6, value: '5.1.8' },
  { tag: 1002, type: 6, value: '9.el9' },
  { tag: 1022, type: 6, value: 'x86_64' },
  { tag: 1044, type: 6, value: 'bash-5.1.8-9.el9.src.rpm' },
]);

describe('rpm databases', () => {
  test('a header blob: name, epoch:version-release, arch and source rpm', () => {
    const parsed = parseRpmHeader(OPENSSL);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.package, {
      name: 'openssl-libs',
      version: '1:3.0.7-27.el9',
      arch: 'x86_64',
      epoch: 1,
      sourceName: 'openssl',
      sourceVersion: '1:3.0.7-27.el9',
    });
    assert.deepEqual(parseRpmHeader(OPENSSL.subarray(0, 40)), {
      ok: false,
      problem: `header claims ${OPENSSL.length} bytes but has 40`,
    });
    const lying = Buffer.from(OPENSSL);
    lying.writeUInt32BE(0xffffff, 0);
    assert.equal(parseRpmHeader(lying).ok, false);
  });

  test('rpmdb.sqlite written by SQLite itself, including rows on overflow pages', () => {
    const file = join(work, 'rpmdb.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
    const insert = db.prepare('INSERT INTO Packages (blob) VALUES (?)');
    // A header padded past one page forces an overflow chain.
    const big = Buffer.concat([BASH, Buffer.alloc(20_000, 0x61)]);
    const headerLength = BASH.readUInt32BE(4);
    big.writeUInt32BE(headerLength, 4);
    for (let i = 0; i < 300; i++) insert.run(i % 2 === 0 ? OPENSSL : big);
    db.close();
    const access = fileAccess(file);
    const table = readSqliteTable(access, 'Packages');
    access.close();
    assert.ok(table.ok, table.ok ? '' : table.problem);
    assert.equal(table.rows.length, 300);
    assert.deepEqual(table.problems, []);
    const names = table.rows.map((row) => {
      const blob = row[1];
      const parsed = blob instanceof Uint8Array ? parseRpmHeader(blob) : undefined;
      return parsed?.ok ? parsed.package.name : 'unreadable';
    });
    assert.deepEqual(new Set(names), new Set(['openssl-libs', 'bash']));
    assert.deepEqual(
      readSqliteTable(
        access.size > 0 ? bufferAccess(Buffer.from('SQLite format 3\0')) : access,
        'Packages',
      ),
      {
        ok: false,
        problem: 'not a SQLite 3 database',
      },
    );
  });

  test('ndb Packages.db: slots pointing at blobs; a bad slot is reported', () => {
    const blobs = [OPENSSL, BASH];
    const slotPages = 1;
    const parts: Buffer[] = [];
    const header = Buffer.alloc(32);
    header.writeUInt32LE(0x506d7052, 0);
    header.writeUInt32LE(slotPages, 12);
    const slots = Buffer.alloc(4096 - 32);
    for (let i = 0; i < slots.length / 16; i++) slots.writeUInt32LE(0x746f6c53, i * 16);
    let block = 4096 / 16;
    const data: Buffer[] = [];
    blobs.forEach((blob, i) => {
      slots.writeUInt32LE(i + 1, i * 16 + 4);
      slots.writeUInt32LE(block, i * 16 + 8);
      const head = Buffer.alloc(16);
      head.writeUInt32LE(0x53626c42, 0);
      head.writeUInt32LE(i + 1, 4);
      head.writeUInt32LE(blob.length, 12);
      const padded = Buffer.alloc(Math.ceil((16 + blob.length + 12) / 16) * 16);
      Buffer.concat([head, blob]).copy(padded);
      data.push(padded);
      slots.writeUInt32LE(padded.length / 16, i * 16 + 12);
      block += padded.length / 16;
    });
    // A third slot pointing nowhere.
    slots.writeUInt32LE(3, 2 * 16 + 4);
    slots.writeUInt32LE(999_999, 2 * 16 + 8);
    parts.push(header, slots, ...data);
    const read = readNdbPackages(bufferAccess(Buffer.concat(parts)));
    assert.ok(read.ok);
    assert.deepEqual(
      read.blobs.map((blob) => {
        const parsed = parseRpmHeader(blob);
        return parsed.ok ? parsed.package.name : parsed.problem;
      }),
      ['openssl-libs', 'bash'],
    );
    assert.deepEqual(read.problems, ['package 3: no blob at byte 15999984']);
    assert.deepEqual(readNdbPackages(bufferAccess(Buffer.alloc(64))), {
      ok: false,
      problem: 'not an rpm ndb database',
    });
  });
});

/** A `.go.buildinfo` section as Go 1.18+ writes it: header, then varint-prefixed strings. */
function goBuildInfo(version: string, modinfo: string): Buffer {
  const varint = (n: number) => {
    const bytes = [];
    while (n >= 0x80) {
      bytes.push((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    bytes.push(n);
    return Buffer.from(bytes);
  };
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  const sentinel = Buffer.alloc(16, 0x30);
  const info = Buffer.concat([sentinel, Buffer.from(modinfo), sentinel]);
  return Buffer.concat([
    header,
    varint(version.length),
    Buffer.from(version),
    varint(info.length),
    info,
  ]);
}

describe('Go build info', () => {
  const section = goBuildInfo(
    'go1.22.5',
    'path\texample.com/app/cmd/server\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/net\tv0.17.0\th1:abc=\ndep\tgithub.com/old/lib\tv1.0.0\th1:x=\n=>\tgithub.com/fork/lib\tv1.0.1\th1:y=\nbuild\t-compiler=gc\n',
  );

  test('the toolchain, the main module and every dependency, replacements applied', () => {
    const parsed = parseGoBuildInfo(section);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.info, {
      goVersion: 'go1.22.5',
      path: 'example.com/app/cmd/server',
      main: { path: 'example.com/app', version: '(devel)' },
      deps: [
        { path: 'golang.org/x/net', version: 'v0.17.0' },
        { path: 'github.com/fork/lib', version: 'v1.0.1' },
      ],
    });
    assert.deepEqual(parseGoBuildInfo(section.subarray(0, 45)), {
      ok: false,
      problem: 'module info is cut short',
    });
    const old = Buffer.from(section);
    old[15] = 0;
    assert.deepEqual(parseGoBuildInfo(old), {
      ok: false,
      problem: 'built before Go 1.18 (pointer build info is not read)',
    });
  });

  test('found in a streamed ELF file at a 16-byte boundary across chunk edges', () => {
    const elf = Buffer.concat([
      Buffer.from('\x7fELF', 'latin1'),
      Buffer.alloc(70_000 - 4),
      section,
      Buffer.alloc(1000),
    ]);
    const decoy = Buffer.from('\xff Go buildinf:', 'latin1');
    decoy.copy(elf, 1001); // unaligned: the constant of a program that reads build info
    const scanner = new GoBuildInfoScanner();
    for (let at = 0; at < elf.length; at += 7_777) scanner.push(elf.subarray(at, at + 7_777));
    scanner.end();
    assert.equal(scanner.candidates.length, 1);
    const parsed = parseGoBuildInfo(scanner.candidates[0] ?? Buffer.alloc(0));
    assert.equal(parsed.ok && parsed.info.goVersion, 'go1.22.5');
  });
});

describe('language package metadata', () => {
  test('Python METADATA and Maven pom.properties', () => {
    assert.deepEqual(
      parsePythonMetadata(
        'Metadata-Version: 2.1\nName: Requests\nVersion: 2.31.0\n\nName: not-this\n',
      ),
      {
        name: 'Requests',
        version: '2.31.0',
      },
    );
    assert.equal(parsePythonMetadata('Name: only-a-name\n'), undefined);
    assert.deepEqual(
      parsePomProperties(
        '#Generated by Maven\ngroupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n',
      ),
      {
        groupId: 'org.apache.logging.log4j',
        artifactId: 'log4j-core',
        version: '2.14.1',
      },
    );
  });
});
