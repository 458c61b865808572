import { rename, rm, writeFile } from 'node:fs/promises';
import { VigilError } from '@vigil/core';

/** Writes via a temporary file and a rename, so a reader never sees half a report. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid.toString()}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new VigilError(
      'OUTPUT_FAILED',
      `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}
