import type { CandidateFinding, CommitRef, ScanWarning, VigilConfig } from '@vigil/core';

export interface WorkerSetup {
  root: string;
  config: VigilConfig;
  scanners: { id: string; module: string; exportName: string }[];
}

/** Files packed into one transferable arena: `bytes.subarray(starts[i], starts[i + 1])`. */
export interface FileBatch {
  id: number;
  arena: Uint8Array;
  paths: string[];
  /** `paths.length + 1` offsets into `arena`. */
  starts: number[];
  commits: (CommitRef | undefined)[];
  lineMaps: (readonly number[] | undefined)[];
}

export type WorkerReply =
  | { kind: 'ready'; warnings: ScanWarning[] }
  | { kind: 'done'; id: number; candidates: CandidateFinding[]; warnings: ScanWarning[] }
  | { kind: 'failed'; message: string };
