import yauzl from 'yauzl';
import { parsePomProperties } from './parsePomProperties.js';

export interface JarArtifact {
  groupId: string;
  artifactId: string;
  version: string;
  /** `app.jar` or, for a library inside it, `app.jar!BOOT-INF/lib/lib.jar`. */
  path: string;
}

const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const NESTED_JAR = /^(?:BOOT-INF|WEB-INF)\/lib\/[^/]+\.jar$|^lib\/[^/]+\.jar$/;
const MAX_ENTRY = 64 * 1024 * 1024;
const MAX_POM_PROPERTIES = 64 * 1024;
const MAX_ENTRIES = 200_000;

/**
 * The Maven artifacts of a JAR/WAR/EAR: every `META-INF/maven/<group>/<artifact>/pom.properties`,
 * and those of the libraries nested one level deep (Spring Boot `BOOT-INF/lib`, `WEB-INF/lib`).
 * Entry sizes are checked before inflating, so a zip bomb is skipped, not expanded.
 */
export async function readJarPackages(
  source: { file: string } | { bytes: Buffer },
  path: string,
  depth = 0,
): Promise<{ artifacts: JarArtifact[]; warnings: string[] }> {
  const artifacts: JarArtifact[] = [];
  const warnings: string[] = [];
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(source);
  } catch (error) {
    return { artifacts, warnings: [`${path}: not a readable zip (${(error as Error).message})`] };
  }
  try {
    let seen = 0;
    for await (const entry of entries(zip)) {
      if (++seen > MAX_ENTRIES) {
        warnings.push(`${path}: more than ${MAX_ENTRIES} entries; the rest were not read`);
        break;
      }
      const isPom =
        POM_PROPERTIES.test(entry.fileName) && entry.uncompressedSize <= MAX_POM_PROPERTIES;
      const isNested =
        depth === 0 && NESTED_JAR.test(entry.fileName) && entry.uncompressedSize <= MAX_ENTRY;
      if (!isPom && !isNested) continue;
      const bytes = await readEntry(zip, entry);
      if (isPom) {
        const pom = parsePomProperties(bytes.toString('utf8'));
        if (pom) artifacts.push({ ...pom, path });
      } else {
        const nested = await readJarPackages({ bytes }, `${path}!${entry.fileName}`, depth + 1);
        artifacts.push(...nested.artifacts);
        warnings.push(...nested.warnings);
      }
    }
  } catch (error) {
    warnings.push(`${path}: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
  return { artifacts, warnings };
}

function openZip(source: { file: string } | { bytes: Buffer }): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => {
      if (error || !zip) reject(error ?? new Error('no zip'));
      else resolve(zip);
    };
    const options = { lazyEntries: true, autoClose: false, strictFileNames: false };
    if ('file' in source) yauzl.open(source.file, options, done);
    else yauzl.fromBuffer(source.bytes, options, done);
  });
}

async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const cleanup = () => {
        zip.removeAllListeners('entry');
        zip.removeAllListeners('end');
        zip.removeAllListeners('error');
      };
      zip.once('entry', (value: yauzl.Entry) => {
        cleanup();
        resolve(value);
      });
      zip.once('end', () => {
        cleanup();
        resolve(undefined);
      });
      zip.once('error', (error: Error) => {
        cleanup();
        reject(error);
      });
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) {
        reject(error);
        return;
      }
      const parts: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => parts.push(chunk));
      stream.on('end', () => {
        resolve(Buffer.concat(parts));
      });
      stream.on('error', reject);
    });
  });
}
