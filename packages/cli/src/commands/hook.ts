import { resolve } from 'node:path';
import { installHook, uninstallHook } from '@vigil/scan';

export async function hookInstallCommand(options: {
  force?: boolean;
  path: string;
}): Promise<number> {
  const result = await installHook(resolve(options.path), { force: options.force ?? false });
  process.stdout.write(
    `${result.replaced ? 'replaced' : 'installed'} pre-commit hook: ${result.path}\n`,
  );
  return 0;
}

export async function hookUninstallCommand(options: { path: string }): Promise<number> {
  const removed = await uninstallHook(resolve(options.path));
  process.stdout.write(
    removed ? `removed pre-commit hook: ${removed}\n` : 'no vigil pre-commit hook installed\n',
  );
  return 0;
}
