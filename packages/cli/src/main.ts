import { Command, CommanderError, Option } from 'commander';
import { isVigilError, isUserError } from '@vigil/core';
import type { DbCommandOptions, DbUpdateOptions } from './commands/db.js';
import type { SbomCommandOptions } from './commands/sbom.js';
import type { ScanCommandOptions } from './commands/scan.js';
import type { TlsConfigCommandOptions } from './commands/tls.js';
import { cliVersion } from './version.js';

/** Exit codes, documented in the README. */
export const EXIT = { pass: 0, policyFailed: 1, usage: 2, internal: 3 } as const;

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('vigil')
    .description('Vigil: secrets, dependencies, code and configuration checks in one tool.')
    .version(cliVersion(), '-V, --version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('scan')
    .description(
      'scan a directory (or git history, or the staged changes), or a container image with `scan image ARCHIVE`, and apply the policy',
    )
    .argument('[path]', 'directory or file to scan (`image` to scan an image archive)', '.')
    .argument(
      '[archive]',
      'after `image`: a docker save archive, an OCI archive or an OCI layout directory (a directory named image is scanned as ./image)',
    )
    .option('--scanners <ids>', 'comma-separated scanner ids (default: all available)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json', 'sarif', 'junit'])
        .default('table'),
    )
    .option(
      '-o, --output <spec>',
      'write a report to FILE (in --format) or FORMAT=FILE; repeatable',
      collect,
    )
    .option(
      '--fail-on <severity>',
      'lowest severity that fails: critical|high|medium|low|info|none',
    )
    .option('-c, --config <file>', 'config file (default: vigil.yaml in the scanned root)')
    .option('--baseline <file>', 'only findings not in this baseline count')
    .option('--write-baseline <file>', 'write the current findings as a baseline and exit 0')
    .option('--git-history', 'scan the added lines of every commit reachable from any ref')
    .option('--since <rev>', 'with --git-history: only commits not reachable from REV')
    .option('--staged', 'scan the added lines staged in the git index (pre-commit)')
    .option('--max-file-size <size>', 'skip files larger than this (default 10MiB)')
    .option('--include-dev', 'vulnerable development-only dependencies fail the gate too')
    .option('--db <dir>', 'vulnerability database directory (default: in the user cache)')
    .option(
      '--platform <os/arch>',
      'with `image`: the platform of a multi-platform image',
      'linux/amd64',
    )
    .option('--reference <name>', 'with `image`: which image of a multi-image archive (tag)')
    .addOption(
      new Option(
        '--sources <mode>',
        'code scanner: `exports` also treats parameters of exported functions as untrusted (library mode)',
      ).choices(['default', 'exports']),
    )
    .option('-q, --quiet', 'no progress; print nothing when there is nothing to report')
    .option('--no-color', 'no colours in the table')
    .action(async (path: string, archive: string | undefined, options: ScanCommandOptions) => {
      const { scanCommand } = await import('./commands/scan.js');
      setExitCode(await scanCommand(path, options, archive));
    });

  const hook = program.command('hook').description('manage the git pre-commit hook');
  hook
    .command('install')
    .description('install a pre-commit hook that runs `vigil scan --staged`')
    .option('--force', 'replace an existing hook that vigil did not install')
    .option('-C, --path <dir>', 'repository directory', '.')
    .action(async (options: { force?: boolean; path: string }) => {
      const { hookInstallCommand } = await import('./commands/hook.js');
      setExitCode(await hookInstallCommand(options));
    });
  hook
    .command('uninstall')
    .description('remove the pre-commit hook vigil installed')
    .option('-C, --path <dir>', 'repository directory', '.')
    .action(async (options: { path: string }) => {
      const { hookUninstallCommand } = await import('./commands/hook.js');
      setExitCode(await hookUninstallCommand(options));
    });

  program
    .command('sbom')
    .description(
      'write an SBOM of every lockfile in the tree, or of a container image with `sbom image ARCHIVE` (CycloneDX 1.6 or SPDX 2.3 JSON)',
    )
    .argument('[path]', 'directory or lockfile (`image` for an image archive)', '.')
    .argument('[archive]', 'after `image`: a docker save archive, an OCI archive or layout')
    .addOption(
      new Option('-f, --format <format>', 'SBOM format')
        .choices(['cyclonedx', 'spdx'])
        .default('cyclonedx'),
    )
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('-c, --config <file>', 'config file (default: vigil.yaml in the scanned root)')
    .option(
      '--platform <os/arch>',
      'with `image`: the platform of a multi-platform image',
      'linux/amd64',
    )
    .option('--reference <name>', 'with `image`: which image of a multi-image archive (tag)')
    .option('-q, --quiet', 'no warnings on standard error')
    .action(async (path: string, archive: string | undefined, options: SbomCommandOptions) => {
      const { sbomCommand } = await import('./commands/sbom.js');
      setExitCode(await sbomCommand(path, options, archive));
    });

  const db = program.command('db').description('manage the local vulnerability database (OSV)');
  const dbOptions = (command: Command) =>
    command
      .option('--db <dir>', 'database directory (default: $VIGIL_DB_DIR, else in the user cache)')
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['table', 'json'])
          .default('table'),
      )
      .option('-q, --quiet', 'no progress');
  dbOptions(
    db
      .command('update')
      .description("download OSV's per-ecosystem exports (only those that changed)")
      .option(
        '--ecosystems <list>',
        'comma-separated OSV ecosystems (default: those Vigil reads lockfiles of, plus those already in the database)',
      )
      .option(
        '--base-url <url>',
        "mirror of the OSV export bucket (default: $VIGIL_OSV_BASE_URL, else OSV's bucket)",
      ),
  ).action(async (options: DbUpdateOptions) => {
    const { dbUpdateCommand } = await import('./commands/db.js');
    setExitCode(await dbUpdateCommand(options));
  });
  dbOptions(
    db
      .command('import')
      .description('import OSV data offline: all.zip exports, directories or record files')
      .argument('<paths...>', 'zip archives, directories of .json/.yaml records, or record files'),
  ).action(async (paths: string[], options: DbCommandOptions) => {
    const { dbImportCommand } = await import('./commands/db.js');
    setExitCode(await dbImportCommand(paths, options));
  });
  dbOptions(
    db.command('status').description('show the ecosystems, record counts and age of the database'),
  ).action(async (options: DbCommandOptions) => {
    const { dbStatusCommand } = await import('./commands/db.js');
    setExitCode(await dbStatusCommand(options));
  });

  const tls = program.command('tls').description('TLS configuration as code');
  tls
    .command('config')
    .description('print a TLS server configuration from the Mozilla server-side TLS guidelines')
    .addOption(
      new Option('--server <server>', 'server to configure')
        .choices(['nginx', 'apache', 'haproxy', 'caddy', 'node', 'go'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--profile <profile>', 'Mozilla profile')
        .choices(['modern', 'intermediate'])
        .default('intermediate'),
    )
    .option('--hsts', 'add a Strict-Transport-Security header (max-age from the guidelines)')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--guidelines <file>', 'a Mozilla guidelines JSON file (default: the bundled 6.0)')
    .option(
      '--openssl <version>',
      "the server's OpenSSL version; newer key exchange groups need it (default 3.0)",
    )
    .action(async (options: TlsConfigCommandOptions) => {
      const { tlsConfigCommand } = await import('./commands/tls.js');
      setExitCode(await tlsConfigCommand(options));
    });

  program
    .command('rules')
    .description('list the rules of every scanner')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['table', 'json'])
        .default('table'),
    )
    .action(async (options: { format: 'table' | 'json' }) => {
      const { rulesCommand } = await import('./commands/rules.js');
      setExitCode(await rulesCommand(options));
    });

  return program;
}

/** Runs the CLI and returns the process exit code; the only place errors become exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.pass;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requests end here too; commander already printed the message.
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    if (isVigilError(error) && isUserError(error)) {
      process.stderr.write(`vigil: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`vigil: internal error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('vigil: run again with --debug for the stack trace\n');
    return EXIT.internal;
  }
}
