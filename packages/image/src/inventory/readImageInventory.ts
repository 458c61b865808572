import {
  golangPurl,
  mavenPurl,
  npmPurl,
  pypiPurl,
  type DistroEcosystem,
  type InventoryPackage,
} from '@vigil/deps';
import type { OpenedImage } from '../archive/openImage.js';
import type { CaptureTarget, CapturedFile, ImageContents } from '../readImageLayers.js';
import type { OsPackage, OsPackageParse } from './osPackage.js';
import { distroEcosystem, parseOsRelease, purlDistro, type OsRelease } from './osRelease.js';
import { parseApkInstalled } from './parseApkInstalled.js';
import { parseDpkgStatus } from './parseDpkgStatus.js';
import { parseGoBuildInfo, type GoBuildInfo } from './parseGoBuildInfo.js';
import { parsePythonMetadata } from './parsePythonMetadata.js';
import { readJarPackages } from './readJarPackages.js';
import { bufferAccess, fileAccess, type RandomAccess } from './rpm/RandomAccess.js';
import { parseRpmHeader } from './rpm/parseRpmHeader.js';
import { readNdbPackages } from './rpm/readNdbPackages.js';
import { readSqliteTable } from './rpm/readSqliteTable.js';

/** One package installed in the image. */
export interface ImagePackage {
  package: InventoryPackage;
  /**
   * The name and version advisories are filed under: a distribution's source package (Debian
   * `openssl` for `libssl3`), else the package itself.
   */
  advisory: { name: string; version: string };
  /** Id of the layer that wrote the file the package was read from. */
  layer: string;
}

export interface ImageInventory {
  os?: OsRelease;
  /** The OSV ecosystem of the distribution's packages, when OSV has one for this release. */
  ecosystem?: DistroEcosystem;
  packages: ImagePackage[];
  warnings: string[];
}

const OS_RELEASE = ['etc/os-release', 'usr/lib/os-release'];
const DPKG_STATUS = 'var/lib/dpkg/status';
const DPKG_STATUS_D = /^var\/lib\/dpkg\/status\.d\/[^/]+$/;
const APK_INSTALLED = 'lib/apk/db/installed';
const RPM_SQLITE = ['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];
const RPM_NDB = ['var/lib/rpm/Packages.db', 'usr/lib/sysimage/rpm/Packages.db'];
const RPM_BERKELEY = 'var/lib/rpm/Packages';
const NODE_PACKAGE = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/;
const PYTHON_METADATA =
  /(?:^|\/)(?:site|dist)-packages\/[^/]+\.(?:dist-info\/METADATA|egg-info\/PKG-INFO)$/;
const JAVA_ARCHIVE = /\.(?:jar|war|ear)$/i;

/** Which image files the inventory reads, and where their contents are kept meanwhile. */
export function inventoryCaptureTarget(path: string): CaptureTarget | undefined {
  if (OS_RELEASE.includes(path) || path === DPKG_STATUS || path === APK_INSTALLED) return 'memory';
  if (DPKG_STATUS_D.test(path) && !path.endsWith('.md5sums')) return 'memory';
  if (NODE_PACKAGE.test(path) || PYTHON_METADATA.test(path)) return 'memory';
  if (RPM_SQLITE.includes(path) || RPM_NDB.includes(path) || JAVA_ARCHIVE.test(path)) return 'disk';
  return undefined;
}

/**
 * The packages of an image's final filesystem: the distribution (os-release), its package
 * database (dpkg `status` and distroless `status.d/`, apk `installed`, rpm SQLite or ndb), and
 * language packages (npm `node_modules`, Python `.dist-info`, Go binaries' build info, Maven
 * artifacts in JARs). Every package is located at the image path it was read from.
 */
export async function readImageInventory(
  contents: ImageContents,
  image: OpenedImage,
): Promise<ImageInventory> {
  const warnings: string[] = [];
  const packages: ImagePackage[] = [];
  const layerId = (layer: number) => image.layers[layer]?.id ?? String(layer);
  const osText = OS_RELEASE.map((path) => contents.read(path)).find((bytes) => bytes !== undefined);
  const os = osText ? parseOsRelease(osText.toString('utf8')) : undefined;
  const ecosystem = os ? distroEcosystem(os) : undefined;

  const osFiles = osPackageFiles(contents);
  if (osFiles.length > 0 && !os)
    warnings.push(
      'no /etc/os-release: the distribution is unknown, so its packages are listed but not matched',
    );
  else if (osFiles.length > 0 && os && !ecosystem)
    warnings.push(
      `${os.prettyName ?? os.id}: OSV has no advisory stream Vigil can name for this release, so its packages are listed but not matched`,
    );
  for (const file of osFiles) {
    const parsed = readOsDatabase(file, contents);
    for (const warning of parsed.warnings) warnings.push(`/${file.path}: ${warning}`);
    for (const pkg of parsed.packages)
      packages.push(osImagePackage(pkg, file, os, ecosystem, layerId(file.layer)));
  }
  if (
    contents.filesystem.get(RPM_BERKELEY)?.kind === 'file' &&
    !RPM_SQLITE.some((path) => contents.captured(path))
  )
    warnings.push(
      `/${RPM_BERKELEY}: BerkeleyDB rpm databases (RHEL/CentOS 7 and older) are not read`,
    );

  for (const entry of contents.filesystem.entries()) {
    if (entry.kind !== 'file') continue;
    const layer = layerId(entry.layer);
    if (NODE_PACKAGE.test(entry.path)) {
      const found = nodePackage(contents.read(entry.path), entry.path, layer);
      if (found) packages.push(found);
    } else if (PYTHON_METADATA.test(entry.path)) {
      const metadata = parsePythonMetadata(contents.read(entry.path)?.toString('utf8') ?? '');
      if (metadata)
        packages.push(
          languagePackage(
            'PyPI',
            metadata.name,
            metadata.version,
            pypiPurl(metadata.name, metadata.version),
            entry.path,
            layer,
          ),
        );
    } else if (JAVA_ARCHIVE.test(entry.path)) {
      const captured = contents.captured(entry.path);
      if (!captured) continue;
      const jar = await readJarPackages(
        captured.bytes ? { bytes: captured.bytes } : { file: captured.file ?? '' },
        entry.path,
      );
      warnings.push(...jar.warnings.map((warning) => `/${warning}`));
      for (const artifact of jar.artifacts) {
        const name = `${artifact.groupId}:${artifact.artifactId}`;
        packages.push(
          languagePackage(
            'Maven',
            name,
            artifact.version,
            mavenPurl(artifact.groupId, artifact.artifactId, artifact.version),
            artifact.path,
            layer,
          ),
        );
      }
    }
  }
  for (const binary of contents.goBinaries) {
    const info = goInfo(binary.candidates);
    if ('problem' in info) {
      if (info.problem !== 'no build info magic')
        warnings.push(`/${binary.path}: Go build info not read: ${info.problem}`);
      continue;
    }
    packages.push(...goPackages(info.info, binary.path, layerId(binary.layer)));
  }
  return { ...(os ? { os } : {}), ...(ecosystem ? { ecosystem } : {}), packages, warnings };
}

function osPackageFiles(contents: ImageContents): CapturedFile[] {
  const files: CapturedFile[] = [];
  const add = (path: string) => {
    const file = contents.captured(path);
    if (file) files.push(file);
  };
  add(DPKG_STATUS);
  for (const entry of contents.filesystem.entries())
    if (entry.kind === 'file' && DPKG_STATUS_D.test(entry.path) && !entry.path.endsWith('.md5sums'))
      add(entry.path);
  add(APK_INSTALLED);
  const sqlite = RPM_SQLITE.find((path) => contents.captured(path));
  if (sqlite) add(sqlite);
  else {
    const ndb = RPM_NDB.find((path) => contents.captured(path));
    if (ndb) add(ndb);
  }
  return files;
}

function readOsDatabase(file: CapturedFile, contents: ImageContents): OsPackageParse {
  if (file.path === APK_INSTALLED) return parseApkInstalled(text(file, contents));
  if (file.path.startsWith('var/lib/dpkg/')) return parseDpkgStatus(text(file, contents));
  const access: RandomAccess = file.bytes ? bufferAccess(file.bytes) : fileAccess(file.file ?? '');
  try {
    const blobs: Uint8Array[] = [];
    const warnings: string[] = [];
    if (RPM_SQLITE.includes(file.path)) {
      const table = readSqliteTable(access, 'Packages');
      if (!table.ok) return { packages: [], warnings: [table.problem] };
      warnings.push(...table.problems);
      for (const row of table.rows) {
        const blob = row.find((value): value is Uint8Array => value instanceof Uint8Array);
        if (blob) blobs.push(blob);
      }
    } else {
      const ndb = readNdbPackages(access);
      if (!ndb.ok) return { packages: [], warnings: [ndb.problem] };
      warnings.push(...ndb.problems);
      blobs.push(...ndb.blobs);
    }
    const packages: OsPackage[] = [];
    for (const blob of blobs) {
      const header = parseRpmHeader(blob);
      if (header.ok) packages.push(header.package);
      else if (header.problem !== 'gpg-pubkey') warnings.push(`package header: ${header.problem}`);
    }
    return { packages, warnings };
  } finally {
    access.close();
  }
}

function text(file: CapturedFile, contents: ImageContents): string {
  return (file.bytes ?? contents.read(file.path) ?? Buffer.alloc(0)).toString('utf8');
}

function osImagePackage(
  pkg: OsPackage,
  file: CapturedFile,
  os: OsRelease | undefined,
  ecosystem: DistroEcosystem | undefined,
  layer: string,
): ImagePackage {
  const type = file.path.startsWith('var/lib/dpkg/')
    ? 'deb'
    : file.path === APK_INSTALLED
      ? 'apk'
      : 'rpm';
  const namespace = os?.id ?? (type === 'deb' ? 'debian' : type === 'apk' ? 'alpine' : 'rpm');
  const qualifiers = [
    ...(pkg.arch ? [`arch=${encodeURIComponent(pkg.arch)}`] : []),
    ...(pkg.epoch ? [`epoch=${pkg.epoch}`] : []),
    ...(os ? [`distro=${encodeURIComponent(purlDistro(os))}`] : []),
  ];
  // The purl version is without the epoch, which the rpm purl carries as a qualifier.
  const purlVersion =
    type === 'rpm' && pkg.epoch ? pkg.version.slice(pkg.version.indexOf(':') + 1) : pkg.version;
  const purl = `pkg:${type}/${encodeURIComponent(namespace)}/${encodeURIComponent(pkg.name)}@${encodeURIComponent(purlVersion)}${qualifiers.length > 0 ? `?${qualifiers.join('&')}` : ''}`;
  return {
    package: {
      // Without a known release nothing is matched: the package is still listed (SBOM).
      ecosystem:
        ecosystem ??
        (`${type === 'deb' ? 'Debian' : type === 'apk' ? 'Alpine' : 'Red Hat'}:unknown` as DistroEcosystem),
      name: pkg.name,
      version: pkg.version,
      purl,
      direct: true,
      scope: 'prod',
      source: ecosystem ? 'registry' : 'local',
      location: { path: file.path, ...(pkg.line === undefined ? {} : { line: pkg.line }) },
      paths: [],
    },
    advisory: { name: pkg.sourceName, version: pkg.sourceVersion },
    layer,
  };
}

function nodePackage(
  bytes: Buffer | undefined,
  path: string,
  layer: string,
): ImagePackage | undefined {
  if (!bytes) return undefined;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { name?: unknown; version?: unknown };
    if (
      typeof json.name !== 'string' ||
      typeof json.version !== 'string' ||
      !json.name ||
      !json.version
    )
      return undefined;
    return languagePackage(
      'npm',
      json.name,
      json.version,
      npmPurl(json.name, json.version),
      path,
      layer,
    );
  } catch {
    return undefined;
  }
}

function languagePackage(
  ecosystem: 'npm' | 'PyPI' | 'Maven' | 'Go',
  name: string,
  version: string,
  purl: string,
  path: string,
  layer: string,
): ImagePackage {
  return {
    package: {
      ecosystem,
      name,
      version,
      purl,
      direct: true,
      scope: 'prod',
      source: 'registry',
      location: { path },
      paths: [],
    },
    advisory: { name, version },
    layer,
  };
}

function goInfo(candidates: readonly Buffer[]): { info: GoBuildInfo } | { problem: string } {
  let problem = 'no build info magic';
  for (const candidate of candidates) {
    const parsed = parseGoBuildInfo(candidate);
    if (parsed.ok) return { info: parsed.info };
    problem = parsed.problem;
  }
  return { problem };
}

/** The toolchain (OSV's `stdlib` package) and every versioned module of a Go binary. */
function goPackages(info: GoBuildInfo, path: string, layer: string): ImagePackage[] {
  const packages: ImagePackage[] = [];
  const toolchain = /^go(\d+(?:\.\d+)*)/.exec(info.goVersion)?.[1];
  if (toolchain)
    packages.push(
      languagePackage(
        'Go',
        'stdlib',
        toolchain,
        golangPurl('stdlib', `v${toolchain}`),
        path,
        layer,
      ),
    );
  for (const module of [...(info.main ? [info.main] : []), ...info.deps]) {
    if (!/^v\d/.test(module.version)) continue;
    packages.push(
      languagePackage(
        'Go',
        module.path,
        module.version.slice(1),
        golangPurl(module.path, module.version),
        path,
        layer,
      ),
    );
  }
  return packages;
}
