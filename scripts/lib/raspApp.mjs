// Starts the RASP evaluation app (packages/rasp/eval/app.cjs) as a real child process, without an
// agent, under Vigil or under Aikido Zen, and waits until it listens on a loopback port.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const APP_DIR = join(REPO, 'packages', 'rasp', 'eval');
export const VIGIL_REGISTER = join(REPO, 'packages', 'rasp', 'dist', 'register.js');
export const SECRET_FILE_TEXT = 'TOP-SECRET: outside the public directory';

/** The agents compared, each with how it is started: what its documentation says. */
export function agentSetups(vigilRegister = VIGIL_REGISTER) {
  return {
    none: { label: 'no agent', args: [], env: {} },
    vigil: {
      label: 'Vigil',
      args: ['--import', vigilRegister],
      // hookEval: the code-injection routes use `eval`, which Vigil hooks only when asked (a
      // hooked eval is indirect); this is what a user who wants eval protected configures.
      env: { VIGIL_RASP_MODE: 'block', VIGIL_RASP_HOOK_EVAL: '1' },
    },
    zen: {
      label: 'Aikido Zen',
      // Zen's Express guide: loaded before anything else (here with --require, which its
      // ESM guide also uses), its Express middleware added by the app, AIKIDO_BLOCK=true.
      args: ['--require', '@aikidosec/firewall'],
      env: { AIKIDO_BLOCK: 'true', EVAL_AGENT: 'zen' },
    },
  };
}

/** Zen's version, or why it cannot be used. */
export function zenStatus() {
  try {
    const main = createRequire(join(APP_DIR, 'app.cjs')).resolve('@aikidosec/firewall');
    const manifest = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8'));
    return { available: true, version: manifest.version };
  } catch (error) {
    return { available: false, reason: `@aikidosec/firewall cannot be loaded: ${error.message}` };
  }
}

/**
 * The app's working directory: public files, a secret next to them, the shell's sandbox and its
 * `lookup` tool. Readable by everyone: the command route's shell runs as an unprivileged user.
 */
export function prepareWorkDir(work, shellUid) {
  const publicDir = join(work, 'public');
  for (const dir of ['public/2024', 'public/images', 'sandbox', 'bin']) {
    mkdirSync(join(work, dir), { recursive: true, mode: 0o755 });
  }
  writeFileSync(join(publicDir, 'readme.txt'), 'Welcome to the public files.\n');
  writeFileSync(join(publicDir, 'notes.txt'), "O'Brien's notes\n");
  writeFileSync(join(publicDir, 'my file (1).txt'), 'a file with spaces\n');
  writeFileSync(join(publicDir, 'a..b.txt'), 'dots inside a name\n');
  writeFileSync(join(publicDir, '2024', 'summary.txt'), 'the 2024 summary\n');
  writeFileSync(join(publicDir, 'images', 'logo.txt'), 'a logo\n');
  writeFileSync(join(work, 'secret.txt'), SECRET_FILE_TEXT);
  copyFileSync(join(APP_DIR, 'bin', 'lookup'), join(work, 'bin', 'lookup'));
  if (shellUid !== undefined) {
    spawnSyncChecked('chown', [`${shellUid}:${shellUid}`, join(work, 'sandbox')]);
    spawnSyncChecked('chmod', ['0755', work, join(work, 'bin', 'lookup')]);
  }
  return { publicDir, sandbox: join(work, 'sandbox') };
}

function spawnSyncChecked(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
}

/**
 * Starts the app with one agent setup; resolves when it listens. `stop()` ends it (by its pid)
 * and waits for it to exit.
 */
export function startApp(setup, { work, shellUid, extraEnv = {} }) {
  const env = { ...process.env, ...setup.env, ...extraEnv, EVAL_WORK: work, EVAL_PORT: '0' };
  delete env.AIKIDO_TOKEN; // no token: Zen stays local
  if (shellUid !== undefined) env.EVAL_SHELL_UID = String(shellUid);
  const child = spawn(process.execPath, [...setup.args, join(APP_DIR, 'app.cjs')], {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return new Promise((ready, fail) => {
    let stdout = '';
    const onData = (chunk) => {
      stdout += chunk;
      const match = /EVAL_APP_LISTENING (\d+)/.exec(stdout);
      if (match === null) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      ready({
        port: Number(match[1]),
        pid: child.pid,
        stderr: () => stderr,
        exited,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    exited.then(({ code, signal }) =>
      fail(new Error(`app exited (${code ?? signal}) before listening:\n${stderr}`)),
    );
  });
}
