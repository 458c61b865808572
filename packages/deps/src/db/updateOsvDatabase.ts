import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readManifest, writeManifest } from './dbManifest.js';
import { lockDatabase } from './dbLock.js';
import { importOsvData, type ImportWarning } from './importOsvData.js';

export const DEFAULT_OSV_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** The ecosystems whose lockfiles Vigil reads; `vigil db update` fetches these by default. */
export const DEFAULT_ECOSYSTEMS: readonly string[] = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'NuGet',
  'Maven',
  'Pub',
  'Hex',
];

export interface UpdateOptions {
  ecosystems: readonly string[];
  /** Mirror of the OSV bucket: `<baseUrl>/<ecosystem>/all.zip`. */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  onWarning?: (warning: ImportWarning) => void;
  /** Called when an ecosystem's download starts and when its import reads records. */
  onProgress?: (ecosystem: string, phase: 'download' | 'import', records?: number) => void;
}

export type EcosystemUpdate =
  | { ecosystem: string; status: 'updated'; records: number; invalid: number }
  | { ecosystem: string; status: 'unchanged' }
  | { ecosystem: string; status: 'failed'; message: string };

/**
 * Downloads each ecosystem's `all.zip` export and replaces that ecosystem's data. Requests are
 * conditional (ETag, Last-Modified), so an unchanged export is not downloaded again; a failed
 * download or a corrupt archive leaves that ecosystem's previous data in place.
 */
export async function updateOsvDatabase(
  directory: string,
  options: UpdateOptions,
): Promise<EcosystemUpdate[]> {
  const base = (options.baseUrl ?? DEFAULT_OSV_BASE_URL).replace(/\/+$/, '');
  const downloads = join(directory, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const results: EcosystemUpdate[] = [];
  for (const ecosystem of options.ecosystems) {
    const url = `${base}/${encodeURIComponent(ecosystem)}/all.zip`;
    options.onProgress?.(ecosystem, 'download');
    try {
      results.push(await updateOne(directory, downloads, ecosystem, url, options));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ ecosystem, status: 'failed', message });
    }
  }
  return results;
}

async function updateOne(
  directory: string,
  downloads: string,
  ecosystem: string,
  url: string,
  options: UpdateOptions,
): Promise<EcosystemUpdate> {
  const current = readManifest(directory);
  const previous = current.ok ? current.manifest.segments[ecosystem] : undefined;
  const headers: Record<string, string> = {};
  if (previous?.source === url) {
    if (previous.etag) headers['if-none-match'] = previous.etag;
    if (previous.lastModified) headers['if-modified-since'] = previous.lastModified;
  }
  const response = await (options.fetch ?? fetch)(url, { headers }).catch((error: unknown) => {
    throw new Error(`${url}: ${describeFetchError(error)}`, { cause: error });
  });
  if (response.status === 304) {
    await response.body?.cancel();
    markChecked(directory, ecosystem, (options.now ?? (() => new Date()))());
    return { ecosystem, status: 'unchanged' };
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new Error(`${url}: HTTP ${String(response.status)} ${response.statusText}`);
  }
  const file = join(
    downloads,
    `${ecosystem.replace(/[^A-Za-z0-9.]+/g, '-')}-${randomBytes(4).toString('hex')}.zip`,
  );
  try {
    await pipeline(Readable.fromWeb(response.body), createWriteStream(file));
    const summary = await importOsvData(directory, [file], {
      mode: 'replace',
      onlyEcosystem: ecosystem,
      source: url,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
      now: options.now,
      onWarning: options.onWarning,
      onProgress: (records) => options.onProgress?.(ecosystem, 'import', records),
    });
    return {
      ecosystem,
      status: 'updated',
      records: summary.segments[ecosystem]?.records ?? 0,
      invalid: summary.invalid,
    };
  } finally {
    rmSync(file, { force: true });
  }
}

/** Records that the server confirmed the data is current, which resets the age warning. */
function markChecked(directory: string, ecosystem: string, now: Date): void {
  const unlock = lockDatabase(directory);
  try {
    const current = readManifest(directory);
    const entry = current.ok ? current.manifest.segments[ecosystem] : undefined;
    if (!current.ok || entry === undefined) return;
    writeManifest(directory, {
      ...current.manifest,
      segments: {
        ...current.manifest.segments,
        [ecosystem]: { ...entry, checkedAt: now.toISOString() },
      },
    });
  } finally {
    unlock();
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
