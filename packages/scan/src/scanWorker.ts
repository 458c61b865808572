import { parentPort, workerData } from 'node:worker_threads';
import { sourceFile, type ScannerPlugin, type ScanWarning } from '@vigil/core';
import { scanOneFile, type NamedScanner } from './scanOneFile.js';
import type { FileBatch, WorkerReply, WorkerSetup } from './workerProtocol.js';

/** A worker thread of the scan pipeline: runs stateless scanners on batches of files. */
async function start(setup: WorkerSetup): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const reply = (message: WorkerReply) => {
    port.postMessage(message);
  };
  try {
    const warnings: ScanWarning[] = [];
    const scanners: NamedScanner[] = [];
    for (const entry of setup.scanners) {
      const module = (await import(entry.module)) as Record<string, ScannerPlugin | undefined>;
      const plugin = module[entry.exportName];
      if (!plugin) throw new Error(`${entry.module} has no export ${entry.exportName}`);
      const context = {
        root: setup.root,
        config: setup.config,
        warn: (w: ScanWarning) => warnings.push(w),
      };
      scanners.push({ id: entry.id, instance: plugin.create(context) });
    }
    reply({ kind: 'ready', warnings });
    port.on('message', (batch: FileBatch) => {
      const batchWarnings: ScanWarning[] = [];
      const warn = (warning: ScanWarning) => batchWarnings.push(warning);
      const candidates = batch.paths.flatMap((path, index) => {
        const bytes = batch.arena.subarray(batch.starts[index], batch.starts[index + 1]);
        const file = sourceFile(path, bytes, {
          commit: batch.commits[index],
          lineMap: batch.lineMaps[index],
        });
        return scanOneFile(file, scanners, warn);
      });
      reply({ kind: 'done', id: batch.id, candidates, warnings: batchWarnings });
    });
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

void start(workerData as WorkerSetup);
