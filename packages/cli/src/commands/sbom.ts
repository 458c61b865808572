import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { emptyStats, loadConfig, VigilError, type ScanWarning } from '@vigil/core';
import {
  isInventoryFile,
  readInventory,
  toCycloneDx,
  toSpdx,
  treeFileReader,
  type SbomInput,
  type SbomRoot,
} from '@vigil/deps';
import { directorySource } from '@vigil/scan';
import { cliVersion } from '../version.js';
import { writeFileAtomic } from '../writeFileAtomic.js';

export interface SbomCommandOptions {
  format: 'cyclonedx' | 'spdx';
  output?: string;
  config?: string;
  quiet?: boolean;
  platform?: string;
  reference?: string;
}

const MAX_FILE_SIZE = 64 * 1024 * 1024;

/**
 * `vigil sbom [PATH]`: every package of every lockfile in the tree as one CycloneDX 1.6 or
 * SPDX 2.3 JSON document, with the dependency relationships the lockfiles record.
 */
export async function sbomCommand(
  path: string,
  options: SbomCommandOptions,
  archive?: string,
): Promise<number> {
  if (archive !== undefined) {
    if (path !== 'image') {
      throw new VigilError(
        'USAGE',
        `unexpected argument ${archive}: one path, or \`vigil sbom image ARCHIVE\``,
      );
    }
    return imageSbom(archive, options);
  }
  const target = resolve(path);
  const info = await stat(target).catch((error: unknown) => {
    throw new VigilError('PATH_NOT_FOUND', `path does not exist: ${path}`, { cause: error });
  });
  const root = info.isDirectory() ? target : dirname(target);
  const { config } = await loadConfig(root, options.config && resolve(options.config));
  const warnings: ScanWarning[] = [];
  const files = new Map<string, string>();
  const source = directorySource(target, {
    exclude: config.exclude,
    maxFileSize: MAX_FILE_SIZE,
    accept: isInventoryFile,
  });
  for await (const file of source.files(emptyStats(), (warning) => warnings.push(warning)))
    files.set(file.path, file.text);
  const inventory = readInventory([...files.keys()], treeFileReader(root, files));
  if (!options.quiet) {
    for (const warning of [...warnings, ...inventory.warnings]) {
      const where = warning.path
        ? `${warning.path}${warning.line === undefined ? '' : `:${String(warning.line)}`}: `
        : '';
      process.stderr.write(`vigil: ${where}${warning.message}\n`);
    }
  }
  await writeSbom(
    { root: projectRoot(root, files), packages: inventory.packages },
    options,
    `from ${String(inventory.lockfiles.length)} files`,
  );
  return 0;
}

/** Writes the SBOM in the chosen format to `--output` (atomically) or standard output. */
async function writeSbom(input: SbomInput, options: SbomCommandOptions, origin: string) {
  const tool = { name: 'vigil', version: cliVersion() };
  const document =
    options.format === 'spdx' ? toSpdx(input, { tool }) : toCycloneDx(input, { tool });
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (options.output) await writeFileAtomic(options.output, text);
  else process.stdout.write(text);
  if (!options.quiet && options.output) {
    process.stderr.write(
      `vigil: ${String(input.packages.length)} packages ${origin} written to ${options.output}\n`,
    );
  }
}

/**
 * `vigil sbom image ARCHIVE`: the packages installed in the image (distribution packages as
 * `pkg:deb`/`pkg:apk`/`pkg:rpm` purls, and language packages), named after the image's tag.
 */
async function imageSbom(archive: string, options: SbomCommandOptions): Promise<number> {
  const { ImageScan } = await import('@vigil/image');
  const scan = await ImageScan.open(archive, {
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.reference ? { reference: options.reference } : {}),
  });
  try {
    const warnings: ScanWarning[] = [];
    const inventory = await scan.readInventory((warning) => warnings.push(warning));
    if (!options.quiet)
      for (const warning of warnings) process.stderr.write(`vigil: ${warning.message}\n`);
    const [name, version] = splitReference(scan.image.reference ?? basename(archive));
    await writeSbom(
      {
        root: { name, ...(version ? { version } : {}) },
        packages: inventory.packages.map((item) => item.package),
      },
      options,
      `of ${scan.image.reference ?? archive}${inventory.os ? ` (${inventory.os.prettyName ?? inventory.os.id})` : ''}`,
    );
    return 0;
  } finally {
    scan.close();
  }
}

/** `registry/app:1.2` → [`registry/app`, `1.2`]; a port is not a tag. */
function splitReference(reference: string): [string, string | undefined] {
  const colon = reference.lastIndexOf(':');
  if (colon <= reference.lastIndexOf('/')) return [reference, undefined];
  return [reference.slice(0, colon), reference.slice(colon + 1)];
}

/** The project: named by its root `package.json` when it has one, else by its directory. */
function projectRoot(root: string, files: ReadonlyMap<string, string>): SbomRoot {
  const manifest = files.get('package.json');
  if (manifest !== undefined) {
    try {
      const json = JSON.parse(manifest) as { name?: unknown; version?: unknown };
      if (typeof json.name === 'string' && json.name !== '') {
        return {
          name: json.name,
          ...(typeof json.version === 'string' ? { version: json.version } : {}),
        };
      }
    } catch {
      // An unreadable manifest was already reported by the inventory; name by directory.
    }
  }
  return { name: basename(root) };
}
