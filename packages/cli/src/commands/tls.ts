import { readFile } from 'node:fs/promises';
import { VigilError } from '@vigil/core';
import {
  generateTlsConfig,
  readTlsGuidelines,
  bundledTlsGuidelines,
  type GeneratedTlsProfile,
  type TlsGuidelines,
  type TlsServer,
} from '@vigil/iac';
import { cliVersion } from '../version.js';

export interface TlsConfigCommandOptions {
  server: TlsServer;
  profile: GeneratedTlsProfile;
  hsts?: boolean;
  format: 'text' | 'json';
  guidelines?: string;
  openssl?: string;
}

async function loadGuidelines(file: string | undefined): Promise<TlsGuidelines> {
  if (file === undefined) return bundledTlsGuidelines;
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new VigilError('PATH_NOT_FOUND', `cannot read the guidelines file ${file}`, {
      cause: error,
    });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new VigilError('USAGE', `${file} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const result = readTlsGuidelines(json);
  if (!result.ok)
    throw new VigilError(
      'USAGE',
      `${file} is not a Mozilla TLS guidelines file: ${result.errors.join('; ')}`,
    );
  return result.guidelines;
}

/**
 * `vigil tls config`: a ready-made TLS configuration for a server, generated from the Mozilla
 * server-side TLS guidelines (the bundled 6.0, or `--guidelines FILE`).
 */
export async function tlsConfigCommand(options: TlsConfigCommandOptions): Promise<number> {
  if (options.openssl !== undefined && !/^\d+(\.\d+){0,2}$/.test(options.openssl))
    throw new VigilError(
      'USAGE',
      `--openssl wants a version such as 3.0 or 3.5.1, not "${options.openssl}"`,
    );
  const guidelines = await loadGuidelines(options.guidelines);
  const config = generateTlsConfig({
    server: options.server,
    profile: options.profile,
    hsts: options.hsts === true,
    guidelines,
    generator: `vigil ${cliVersion()}`,
    ...(options.openssl === undefined ? {} : { opensslVersion: options.openssl }),
  });
  if (options.format === 'json') {
    const document = {
      server: options.server,
      profile: options.profile,
      hsts: options.hsts === true,
      guidelines: { version: guidelines.version, href: guidelines.href },
      config,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else process.stdout.write(config);
  return 0;
}
