import { createReadStream, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { OsvRecord } from '../osv/osvRecord.js';
import { compactRecord } from './compactRecord.js';
import { emptyManifest, readManifest, writeManifest, type SegmentEntry } from './dbManifest.js';
import { lockDatabase } from './dbLock.js';
import { baseEcosystem, packageKey } from './packageKey.js';
import { parseRecordText } from './parseRecordText.js';
import { readOsvSources, type OsvSourceFile } from './readOsvSources.js';
import { SEGMENT_RECORDS, SEGMENTS_DIRECTORY } from './segmentFiles.js';
import { SegmentWriter, type SegmentSummary } from './SegmentWriter.js';

export interface ImportWarning {
  /** The file (or `archive.zip!member`) the problem is in. */
  origin: string;
  message: string;
}

export interface ImportOptions {
  /**
   * `merge` (for `vigil db import`): imported records join the existing ones, replacing records
   * with the same id. `replace` (for an ecosystem's complete export): the segments written
   * replace the old ones outright, so records removed upstream disappear.
   */
  mode: 'merge' | 'replace';
  /** Index only this base ecosystem's packages (an export of one ecosystem). */
  onlyEcosystem?: string;
  /** Shown by `vigil db status`: the URL or paths the data came from. */
  source: string;
  etag?: string;
  lastModified?: string;
  now?: () => Date;
  onWarning?: (warning: ImportWarning) => void;
  /** Called every few thousand records with the count so far. */
  onProgress?: (records: number) => void;
}

export interface ImportSummary {
  /** Base ecosystems written, with what each holds now. */
  segments: Record<string, SegmentSummary>;
  /** Valid records read from the sources. */
  recordsRead: number;
  /** Files skipped because they were not valid OSV records. */
  invalid: number;
}

interface PendingSegment {
  writer: SegmentWriter;
  temporary: string;
}

/**
 * Builds database segments from OSV sources (zip exports, directories, record files) and swaps
 * them in with one atomic manifest write: a crash or a corrupt source at any point leaves the
 * previous database as it was. Records stream through; only their index stays in memory.
 */
export async function importOsvData(
  directory: string,
  sources: readonly string[],
  options: ImportOptions,
): Promise<ImportSummary> {
  mkdirSync(join(directory, SEGMENTS_DIRECTORY), { recursive: true });
  const unlock = lockDatabase(directory);
  const pending = new Map<string, PendingSegment>();
  try {
    removeTemporaries(directory);
    const current = readManifest(directory);
    const manifest = current.ok ? current.manifest : emptyManifest();
    let recordsRead = 0;
    let invalid = 0;
    const warn = (origin: string, message: string) => options.onWarning?.({ origin, message });

    for (const source of sources) {
      for await (const file of readOsvSources(source)) {
        const record = readRecord(file, warn);
        if (record === undefined) {
          invalid++;
          continue;
        }
        recordsRead++;
        if (recordsRead % 5_000 === 0) options.onProgress?.(recordsRead);
        addRecord(record, options.onlyEcosystem, (base) => segmentFor(directory, pending, base));
      }
    }
    if (options.mode === 'merge') {
      for (const [base, segment] of pending) {
        const old = manifest.segments[base];
        if (old) await carryOver(directory, old, segment.writer);
      }
    }

    const now = (options.now ?? (() => new Date()))().toISOString();
    const segments: Record<string, SegmentSummary> = {};
    const next = { ...manifest, segments: { ...manifest.segments } };
    for (const [base, segment] of pending) {
      const summary = segment.writer.finish();
      const name = segmentDirectoryName(base);
      renameSync(segment.temporary, join(directory, SEGMENTS_DIRECTORY, name));
      segments[base] = summary;
      const entry: SegmentEntry = {
        directory: name,
        ...summary,
        checkedAt: now,
        source: options.source,
        ...(options.etag === undefined ? {} : { etag: options.etag }),
        ...(options.lastModified === undefined ? {} : { lastModified: options.lastModified }),
      };
      next.segments[base] = entry;
    }
    pending.clear();
    writeManifest(directory, next);
    removeUnreferenced(directory, new Set(Object.values(next.segments).map((s) => s.directory)));
    return { segments, recordsRead, invalid };
  } finally {
    for (const segment of pending.values()) {
      segment.writer.abandon();
      rmSync(segment.temporary, { recursive: true, force: true });
    }
    unlock();
  }
}

function readRecord(
  file: OsvSourceFile,
  warn: (origin: string, message: string) => void,
): OsvRecord | undefined {
  const parsed = parseRecordText(file.text, file.format);
  if (!parsed.ok) {
    warn(file.origin, parsed.problem);
    return undefined;
  }
  return compactRecord(parsed.record);
}

function addRecord(
  record: OsvRecord,
  onlyEcosystem: string | undefined,
  segmentFor: (base: string) => SegmentWriter,
): void {
  const byBase = new Map<string, { keys: string[]; ecosystems: string[] }>();
  for (const entry of record.affected ?? []) {
    if (entry.package === undefined) continue;
    const { ecosystem, name } = entry.package;
    const base = baseEcosystem(ecosystem);
    if (onlyEcosystem !== undefined && base !== onlyEcosystem) continue;
    const key = packageKey(ecosystem, name);
    if (key === undefined) continue;
    const group = byBase.get(base) ?? { keys: [], ecosystems: [] };
    group.keys.push(key);
    group.ecosystems.push(ecosystem);
    byBase.set(base, group);
  }
  for (const [base, { keys, ecosystems }] of byBase) segmentFor(base).add(record, keys, ecosystems);
}

function segmentFor(
  directory: string,
  pending: Map<string, PendingSegment>,
  base: string,
): SegmentWriter {
  const existing = pending.get(base);
  if (existing) return existing.writer;
  const temporary = join(directory, SEGMENTS_DIRECTORY, `.tmp-${segmentDirectoryName(base)}`);
  mkdirSync(temporary);
  const writer = new SegmentWriter(temporary);
  pending.set(base, { writer, temporary });
  return writer;
}

/** Copies the records of an existing segment that the import did not replace. */
async function carryOver(directory: string, old: SegmentEntry, writer: SegmentWriter) {
  const path = join(directory, SEGMENTS_DIRECTORY, old.directory, SEGMENT_RECORDS);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const record = JSON.parse(line) as OsvRecord;
    if (writer.has(record.id)) continue;
    addRecord(record, undefined, () => writer);
  }
}

function segmentDirectoryName(base: string): string {
  const slug = base.toLowerCase().replace(/[^a-z0-9.]+/g, '-');
  return `${slug}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

function removeTemporaries(directory: string): void {
  for (const name of readdirSync(join(directory, SEGMENTS_DIRECTORY))) {
    if (name.startsWith('.tmp-'))
      rmSync(join(directory, SEGMENTS_DIRECTORY, name), { recursive: true, force: true });
  }
}

function removeUnreferenced(directory: string, referenced: ReadonlySet<string>): void {
  for (const name of readdirSync(join(directory, SEGMENTS_DIRECTORY))) {
    if (!referenced.has(name))
      rmSync(join(directory, SEGMENTS_DIRECTORY, name), { recursive: true, force: true });
  }
}
