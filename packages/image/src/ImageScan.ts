import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  sourceFile,
  type ContentScanner,
  type Finding,
  type ScannerContext,
  type ScannerPlugin,
  type ScanStats,
  type ScanWarning,
  type SourceFile,
} from '@vigil/core';
import { compileRules, secretRules } from '@vigil/secrets';
import { openScanDatabase, type InventoryPackage } from '@vigil/deps';
import { openImage, type OpenedImage } from './archive/openImage.js';
import { checkImageConfig } from './checks/checkImageConfig.js';
import { imageRuleDescriptors } from './checks/imageRules.js';
import {
  inventoryCaptureTarget,
  readImageInventory,
  type ImageInventory,
} from './inventory/readImageInventory.js';
import { matchImagePackages } from './matchImagePackages.js';
import {
  DEFAULT_READ_LIMITS,
  ImageLayerReader,
  shortId,
  type ImageContents,
  type ReadLimits,
} from './readImageLayers.js';

export interface ImageScanOptions {
  /** `os/arch[/variant]` in a multi-platform image; `linux/amd64` by default. */
  platform?: string;
  /** Which image of a multi-image archive (a tag or OCI ref name). */
  reference?: string;
  limits?: Partial<ReadLimits>;
  /** Hand text files of every layer to the scan (for the secrets scanner). */
  textFiles?: { maxSize: number };
  /** Parent of the temp dir (the system's by default). */
  tempRoot?: string;
}

/** Directories of distribution files that hold no deployment secrets, only noise (docs, tests, keyrings of public keys). */
const SKIPPED_FOR_SECRETS =
  /^(?:usr\/share\/(?:doc|man|info|locale|i18n|zoneinfo|common-licenses|perl5?|mime)\/|usr\/lib\/python3[^/]*\/test\/|var\/lib\/(?:dpkg|apt|rpm|yum|dnf)\/|var\/cache\/|lib\/apk\/db\/|etc\/ssl\/certs\/|usr\/share\/ca-certificates\/|usr\/share\/keyrings\/|etc\/apt\/trusted\.gpg)/;

/**
 * One image scan: opens the archive, then streams its layers once as the files of a scan (a
 * `SourceProvider` for `runScan`, every text file of every layer, located at its image path),
 * collecting the inventory on the way; the `image` plugin's `finish` then checks the config and
 * matches the packages. {@link close} removes the temp dir whatever happened.
 */
export class ImageScan {
  private contents: ImageContents | undefined;
  private inventory: ImageInventory | undefined;
  /** The layer each yielded file comes from, for the secrets findings' messages. */
  private readonly layerOf = new WeakMap<SourceFile, { index: number; id: string }>();

  private constructor(
    readonly archive: string,
    readonly image: OpenedImage,
    private readonly tempDir: string,
    private readonly options: ImageScanOptions,
  ) {}

  static async open(archive: string, options: ImageScanOptions = {}): Promise<ImageScan> {
    const tempDir = mkdtempSync(join(options.tempRoot ?? tmpdir(), 'vigil-image-'));
    try {
      const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
      const image = await openImage(resolve(archive), {
        tempDir,
        maxArchiveBytes: limits.maxLayerBytes * 4,
        ...(options.platform ? { platform: options.platform } : {}),
        ...(options.reference ? { reference: options.reference } : {}),
      });
      return new ImageScan(resolve(archive), image, tempDir, options);
    } catch (error) {
      rmSync(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The files of the scan: what `runScan` takes as its source. */
  readonly source = {
    target: 'directory' as const,
    files: (stats: ScanStats, warn: (warning: ScanWarning) => void): AsyncIterable<SourceFile> =>
      this.readFiles(stats, warn),
  };

  /** Reads every layer without handing out files (for an SBOM), then the inventory. */
  async readInventory(warn: (warning: ScanWarning) => void): Promise<ImageInventory> {
    const files = this.readFiles(undefined, warn);
    // Without stats no files are handed out; iterating drives the read.
    for (let next = await files.next(); !next.done; next = await files.next());
    return this.inventoryOrThrow();
  }

  /** The `image` scanner: the config checks and the OSV matches of the inventory. */
  readonly plugin: ScannerPlugin = {
    id: 'image',
    title: 'Container image (packages, config)',
    scansHistory: false,
    rules: () => imageRuleDescriptors(),
    create: (context) => ({
      accepts: () => false,
      scanFile: () => [],
      finish: () => Promise.resolve(this.imageFindings(context)),
    }),
  };

  /**
   * Wraps the secrets scanner so its findings say which layer the file is in, and whether a
   * later layer deleted it (it still ships in the image's layer tar, so it still leaks).
   */
  layered(secrets: ScannerPlugin): ScannerPlugin {
    return {
      id: secrets.id,
      title: secrets.title,
      scansHistory: false,
      rules: (config) => secrets.rules(config),
      create: (context): ContentScanner => {
        const inner = secrets.create(context);
        const found: { file: SourceFile; findings: Finding[] }[] = [];
        return {
          scanFile: (file) => {
            const findings = inner.scanFile(file);
            if (findings.length > 0) found.push({ file, findings });
            return [];
          },
          finish: () =>
            Promise.resolve(found.flatMap(({ file, findings }) => this.annotate(file, findings))),
        };
      },
    };
  }

  close(): void {
    this.image.store.close();
    rmSync(this.tempDir, { recursive: true, force: true });
  }

  private async *readFiles(
    stats: ScanStats | undefined,
    warn: (warning: ScanWarning) => void,
  ): AsyncGenerator<SourceFile> {
    for (const message of this.image.warnings) warn({ code: 'IMAGE_ARCHIVE', message });
    const text = this.options.textFiles;
    const reader = new ImageLayerReader(this.image, {
      tempDir: this.tempDir,
      limits: { ...DEFAULT_READ_LIMITS, ...this.options.limits },
      capture: inventoryCaptureTarget,
      ...(text && stats
        ? {
            textFiles: {
              maxSize: text.maxSize,
              skip: (path: string) => SKIPPED_FOR_SECRETS.test(path),
            },
          }
        : {}),
    });
    for await (const file of reader.read()) {
      if (stats) {
        stats.filesScanned++;
        stats.bytesScanned += file.bytes.length;
      }
      const source = sourceFile(file.path, file.bytes);
      this.layerOf.set(source, { index: file.layer.index, id: file.layer.id });
      yield source;
    }
    this.contents = reader.contents();
    for (const message of this.contents.warnings) warn({ code: 'IMAGE_LAYER', message });
    this.inventory = await readImageInventory(this.contents, this.image);
    for (const message of this.inventory.warnings) warn({ code: 'IMAGE_INVENTORY', message });
  }

  private inventoryOrThrow(): ImageInventory {
    if (!this.inventory) throw new Error('the image was not read');
    return this.inventory;
  }

  private annotate(file: SourceFile, findings: Finding[]): Finding[] {
    const layer = this.layerOf.get(file);
    const final = this.contents?.filesystem.get(file.path);
    const deleted = layer !== undefined && final?.layer !== layer.index;
    return findings.map((finding) => ({
      ...finding,
      message:
        `${finding.message} In layer ${layer ? `${layer.index + 1} (${shortId(layer.id)})` : '?'}` +
        (deleted
          ? '; a later layer deletes or replaces the file, but this layer still ships it.'
          : '.'),
      tags: [...(finding.tags ?? []), 'container', ...(deleted ? ['deleted-in-later-layer'] : [])],
    }));
  }

  private imageFindings(context: ScannerContext): Finding[] {
    const secrets = compileRules(secretRules, {
      allow: context.config.secrets.allow,
      disable: context.config.secrets.disable,
    });
    const findings = checkImageConfig(this.image.config, secrets);
    const inventory = this.inventoryOrThrow();
    const matchable = inventory.packages.filter((item) => item.package.source === 'registry');
    if (matchable.length === 0) return findings;
    const database = openScanDatabase(context, matchable.length, 'image packages');
    if (database === undefined) return findings;
    try {
      const absent = [...new Set(matchable.map((item) => item.package.ecosystem))].filter(
        (ecosystem) => database.segmentOf(ecosystem) === undefined,
      );
      if (absent.length > 0)
        context.warn({
          code: 'DB_ECOSYSTEM_MISSING',
          message: `the vulnerability database has no ${absent.join(', ')} data, so those image packages were not checked; run \`vigil db update --ecosystems ${[...new Set(absent.map(baseOf))].join(',')}\``,
        });
      const result = matchImagePackages(matchable, (ecosystem, name) =>
        database.recordsFor(ecosystem, name),
      );
      const reported = new Set<string>();
      for (const problem of result.problems) {
        const key = `${problem.package.name}\0${problem.reason}`;
        if (reported.has(key)) continue;
        reported.add(key);
        context.warn({
          code: 'VERSION_UNORDERED',
          message: `${problem.package.name}: not checked against ${problem.recordId}: ${problem.reason}`,
          path: problem.package.location.path,
        });
      }
      return [...findings, ...result.findings];
    } finally {
      database.close();
    }
  }
}

function baseOf(ecosystem: InventoryPackage['ecosystem']): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}
