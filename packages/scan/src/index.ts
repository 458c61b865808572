export { runScan, type ScanOptions } from './runScan.js';
export { directorySource, type DirectorySourceOptions } from './directorySource.js';
export type { SourceProvider } from './source.js';
export { readSourceFile, type ReadOutcome } from './readSourceFile.js';
export { gitHistorySource, type GitHistorySourceOptions } from './git/gitHistorySource.js';
export { stagedSource, type StagedSourceOptions } from './git/stagedSource.js';
export { installHook, uninstallHook } from './git/preCommitHook.js';
