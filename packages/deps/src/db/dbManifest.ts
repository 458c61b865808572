import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 1;

/** One base ecosystem's records, as the manifest describes them. */
export interface SegmentEntry {
  /** Directory name under `segments/`. */
  directory: string;
  records: number;
  packages: number;
  ecosystems: Record<string, number>;
  /** When the data was last known current: written, or confirmed unchanged by the server. */
  checkedAt: string;
  /** The newest `modified` timestamp among the records. */
  newestModified?: string;
  /** Where the records came from: an export URL or the paths given to `vigil db import`. */
  source: string;
  /** HTTP validators of the downloaded export, for conditional requests. */
  etag?: string;
  lastModified?: string;
}

export interface DbManifest {
  format: typeof FORMAT;
  segments: Record<string, SegmentEntry>;
}

export type ManifestRead =
  { ok: true; manifest: DbManifest } | { ok: false; missing: boolean; problem: string };

export function emptyManifest(): DbManifest {
  return { format: FORMAT, segments: {} };
}

/** Reads `manifest.json`; a missing file is an empty database, a broken one says why. */
export function readManifest(directory: string): ManifestRead {
  const path = join(directory, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { ok: false, missing, problem: `cannot read ${path}: ${String(error)}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, missing: false, problem: `${path}: not JSON (${String(error)})` };
  }
  const problem = manifestProblem(json);
  return problem === undefined
    ? { ok: true, manifest: json as DbManifest }
    : { ok: false, missing: false, problem: `${path}: ${problem}` };
}

/** Replaces the manifest in one rename, so readers see the old or the new one, never a mix. */
export function writeManifest(directory: string, manifest: DbManifest): void {
  const path = join(directory, MANIFEST_FILE);
  const temporary = `${path}.${String(process.pid)}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

function manifestProblem(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return 'must be an object';
  const { format, segments } = json as Record<string, unknown>;
  if (format !== FORMAT)
    return `format ${String(format)} is not ${String(FORMAT)} (written by another vigil version; run \`vigil db update\`)`;
  if (typeof segments !== 'object' || segments === null) return 'segments: must be an object';
  for (const [name, entry] of Object.entries(segments)) {
    if (typeof entry !== 'object' || entry === null) return `segments.${name}: must be an object`;
    const fields = entry as Record<string, unknown>;
    for (const key of ['directory', 'checkedAt', 'source'])
      if (typeof fields[key] !== 'string') return `segments.${name}.${key}: must be a string`;
    for (const key of ['records', 'packages'])
      if (typeof fields[key] !== 'number') return `segments.${name}.${key}: must be a number`;
    if (/[/\\]|^\.\.?$/.test(fields.directory as string))
      return `segments.${name}.directory: must be a plain directory name`;
  }
  return undefined;
}
