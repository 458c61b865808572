import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runVigil } from './testing.js';

/**
 * Debian OSV records written for the tests, in the shape of the real `DEBIAN-CVE-*` and `DSA-*`
 * records (source package names, `Debian:<release>` ecosystems, Debian version ranges). The
 * shared data has no Debian export (see shared/data/SOURCES.md), so these stand in for it.
 * Open ranges (`introduced: 0`, no fix) affect whatever bookworm version a mirror serves; fixed
 * ranges use versions older than any bookworm has shipped, so they never apply.
 */
export const DEBIAN_ADVISORIES = [
  {
    id: 'DEBIAN-CVE-2023-45853',
    summary: 'zlib: integer overflow in MiniZip zipOpenNewFileInZip4_64',
    details:
      'MiniZip in zlib through 1.3 has an integer overflow and resultant heap-based buffer overflow in zipOpenNewFileInZip4_64 via a long filename, comment, or extra field.',
    upstream: ['CVE-2023-45853'],
    affected: [{ package: 'zlib', ecosystem: 'Debian:12', events: [{ introduced: '0' }] }],
  },
  {
    id: 'DEBIAN-CVE-2016-2781',
    summary: 'coreutils: chroot --userspec lets a session escape to the parent via TIOCSTI',
    details:
      'chroot in GNU coreutils, when used with --userspec, allows local users to escape to the parent session via a crafted TIOCSTI ioctl call, which pushes characters to the terminal input buffer.',
    upstream: ['CVE-2016-2781'],
    affected: [{ package: 'coreutils', ecosystem: 'Debian:12', events: [{ introduced: '0' }] }],
  },
  {
    id: 'DSA-5611-1',
    summary: 'glibc: heap-based buffer overflow in __vsyslog_internal (fixed long ago)',
    details: 'Several vulnerabilities were discovered in the GNU C library.',
    upstream: ['CVE-2023-6246'],
    affected: [
      {
        package: 'glibc',
        ecosystem: 'Debian:12',
        events: [{ introduced: '0' }, { fixed: '2.36-9+deb12u4' }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2022-48303',
    summary: 'tar: one-byte out-of-bounds read in from_header (fixed before bookworm shipped)',
    details:
      'GNU Tar through 1.34 has a one-byte out-of-bounds read that results in use of uninitialized memory for a conditional jump.',
    upstream: ['CVE-2022-48303'],
    affected: [
      {
        package: 'tar',
        ecosystem: 'Debian:12',
        events: [{ introduced: '0' }, { fixed: '1.34+dfsg-1.2' }],
      },
    ],
  },
  {
    id: 'DEBIAN-CVE-2021-3999',
    summary: 'glibc: off-by-one in getcwd (a Debian 11 advisory: must not match bookworm)',
    details: 'A flaw was found in glibc: an off-by-one buffer overflow and underflow in getcwd().',
    upstream: ['CVE-2021-3999'],
    affected: [{ package: 'glibc', ecosystem: 'Debian:11', events: [{ introduced: '0' }] }],
  },
].map((advisory) => ({
  id: advisory.id,
  modified: '2025-01-15T00:00:00Z',
  published: '2024-01-10T00:00:00Z',
  schema_version: '1.6.0',
  summary: advisory.summary,
  details: advisory.details,
  upstream: advisory.upstream,
  references: [
    {
      type: 'ADVISORY',
      url: `https://security-tracker.debian.org/tracker/${advisory.upstream[0] ?? ''}`,
    },
  ],
  affected: advisory.affected.map((entry) => ({
    package: {
      name: entry.package,
      ecosystem: entry.ecosystem,
      purl: `pkg:deb/debian/${entry.package}?arch=source`,
    },
    ranges: [{ type: 'ECOSYSTEM', events: entry.events }],
  })),
}));

/** A vulnerability database holding only {@link DEBIAN_ADVISORIES}, imported by the CLI. */
export function debianDatabase(): string {
  const records = mkdtempSync(join(tmpdir(), 'vigil-debian-osv-'));
  mkdirSync(join(records, 'Debian'));
  for (const record of DEBIAN_ADVISORIES)
    writeFileSync(join(records, 'Debian', `${record.id}.json`), JSON.stringify(record, null, 2));
  const directory = join(records, 'db');
  const imported = runVigil(['db', 'import', join(records, 'Debian'), '--db', directory], records);
  if (imported.status !== 0) throw new Error(`db import failed: ${imported.stderr}`);
  return directory;
}
