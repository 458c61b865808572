import type { Finding, Region } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import type { Position } from '../parseWarning.js';
import { dockerfileRules as rules } from '../rules/dockerfileRules.js';
import { isWorldWritableMode } from './isWorldWritableMode.js';
import {
  parseShellCommands,
  programName,
  unwrapCommand,
  type ShellCommand,
  type ShellWord,
} from './parseShellCommands.js';

export interface ShellScriptContext {
  path: string;
  /** Where an offset of the script is in the Dockerfile. */
  position: (offset: number) => Position;
  /** `--mount=` values of the RUN (cache mounts make cache clean-up unnecessary). */
  cacheMounts: readonly string[];
  /** The stage's ENV arguments, for settings such as `PIP_NO_CACHE_DIR`. */
  environment: string;
  key: string;
}

const downloaders = new Set(['curl', 'wget', 'fetch']);
const interpreters = /^(?:sh|bash|zsh|dash|ash|ksh|mksh|fish|python[\d.]*|perl|ruby|node|php)$/;
const fetchSubstitution = /(?:\$\(|`|<\()\s*(?:sudo\s+)?(?:\S*\/)?(?:curl|wget)\b/;

/** The RUN rules over one shell script: downloads piped into shells, sudo, chmod, installs. */
export function checkShellScript(script: string, context: ShellScriptContext): Finding[] {
  const commands = parseShellCommands(script);
  const findings: Finding[] = [];
  const { path } = context;
  const region = (word: ShellWord, last: ShellWord = word): Region => {
    const start = context.position(word.start);
    const end = context.position(last.end);
    return {
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: Math.max(end.column, start.column + 1),
    };
  };
  const snippet = (words: readonly ShellWord[]): string =>
    words
      .map((word) => word.text)
      .join(' ')
      .slice(0, 120);

  for (const [index, command] of commands.entries()) {
    const words = unwrapCommand(command.words);
    const program = programName(words[0]?.text ?? '');
    const first = command.words[0];
    if (first && programName(first.text) === 'sudo') {
      findings.push(
        iacFinding(rules.sudo, {
          path,
          region: region(first),
          message: `RUN uses sudo: ${snippet(command.words)}`,
          key: `${context.key} ${snippet(command.words)}`,
        }),
      );
    }
    const firstWord = words[0];
    if (!firstWord) continue;

    if (downloaders.has(program)) {
      const shell = commands
        .slice(index + 1)
        .find(
          (later) =>
            later.pipeline === command.pipeline &&
            interpreters.test(programName(unwrapCommand(later.words)[0]?.text ?? '')),
        );
      const shellWord = shell ? unwrapCommand(shell.words)[0] : undefined;
      if (shellWord) {
        findings.push(
          iacFinding(rules.curlPipeShell, {
            path,
            region: region(firstWord, shellWord),
            message: `the output of ${program} is piped into ${programName(shellWord.text)}`,
            key: `${context.key} ${snippet(words)} | ${programName(shellWord.text)}`,
          }),
        );
      }
    } else if (
      (interpreters.test(program) ||
        program === 'eval' ||
        program === 'source' ||
        program === '.') &&
      words.some((word) => fetchSubstitution.test(word.text))
    ) {
      findings.push(
        iacFinding(rules.curlPipeShell, {
          path,
          region: region(firstWord, words.at(-1)),
          message: `${program} runs a script downloaded in a command substitution`,
          key: `${context.key} ${snippet(words)}`,
        }),
      );
    }

    if (program === 'chmod') {
      const mode = words.slice(1).find((word) => !word.text.startsWith('-'));
      if (mode && isWorldWritableMode(mode.text)) {
        findings.push(
          iacFinding(rules.worldWritable, {
            path,
            region: region(firstWord, mode),
            message: `chmod ${mode.text} makes files world-writable`,
            key: `${context.key} ${snippet(words)}`,
          }),
        );
      }
    }

    const install = packageInstall(words);
    if (install) {
      const unpinned = install.packages.filter((word) => !install.isPinned(word.text));
      if (unpinned.length > 0) {
        const names = unpinned.map((word) => word.text);
        findings.push(
          iacFinding(rules.packageUnpinned, {
            path,
            region: region(firstWord, words.at(-1)),
            message: `${install.manager} installs without a version: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${String(names.length - 5)} more` : ''}`,
            key: `${context.key} ${install.manager} ${names.join(' ')}`,
          }),
        );
      }
      if (!install.cleansCache(words, commands, context)) {
        findings.push(
          iacFinding(rules.packageCache, {
            path,
            region: region(firstWord, words.at(-1)),
            message: `${install.manager} leaves its cache in the layer (${install.cleanUp})`,
            key: `${context.key} ${snippet(words)}`,
          }),
        );
      }
    }
  }
  return findings;
}

interface PackageInstall {
  manager: string;
  packages: ShellWord[];
  isPinned(name: string): boolean;
  cleanUp: string;
  cleansCache(
    words: readonly ShellWord[],
    commands: readonly ShellCommand[],
    context: ShellScriptContext,
  ): boolean;
}

/** Options of the package managers that take the next word as their value. */
const optionsWithValue = new Set([
  '-o',
  '-t',
  '--target-release',
  '--option',
  '-c',
  '--config-file',
  '--virtual',
  '--repository',
  '-X',
  '--root',
  '-p',
  '--installroot',
  '--releasever',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '-r',
  '--requirement',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--target',
  '--prefix',
  '-f',
  '--find-links',
]);

function operands(words: readonly ShellWord[], from: number): ShellWord[] {
  const result: ShellWord[] = [];
  for (let i = from; i < words.length; i++) {
    const text = words[i]?.text ?? '';
    if (optionsWithValue.has(text)) i++;
    else if (!text.startsWith('-') && !text.includes('$') && text !== '') {
      const word = words[i];
      if (word) result.push(word);
    }
  }
  return result;
}

const hasWord = (commands: readonly ShellCommand[], test: (words: string[]) => boolean): boolean =>
  commands.some((command) => test(unwrapCommand(command.words).map((word) => word.text)));

/** Recognizes `apt-get install`, `apk add`, `yum/dnf/microdnf install` and `pip install`. */
function packageInstall(words: readonly ShellWord[]): PackageInstall | undefined {
  const texts = words.map((word) => word.text);
  const program = programName(texts[0] ?? '');
  const subcommand = texts.findIndex((text, i) => i > 0 && !text.startsWith('-'));
  const verb = texts[subcommand] ?? '';
  const mounted = (context: ShellScriptContext, directory: string): boolean =>
    context.cacheMounts.some((mount) => mount.includes('type=cache') && mount.includes(directory));

  if (
    (program === 'apt-get' || program === 'apt' || program === 'aptitude') &&
    verb === 'install'
  ) {
    return {
      manager: program,
      packages: operands(words, subcommand + 1),
      isPinned: (name) => name.includes('=') || name.endsWith('.deb') || name.startsWith('/'),
      cleanUp: '`rm -rf /var/lib/apt/lists/*` in the same RUN',
      cleansCache: (_words, commands, context) =>
        mounted(context, '/var/lib/apt') ||
        hasWord(
          commands,
          (all) =>
            programName(all[0] ?? '') === 'rm' &&
            all.some((w) => w.startsWith('/var/lib/apt/lists')),
        ),
    };
  }
  if (program === 'apk' && verb === 'add') {
    return {
      manager: 'apk',
      packages: operands(words, subcommand + 1),
      isPinned: (name) => /[=~<>]/.test(name) || name.endsWith('.apk'),
      cleanUp: '`apk add --no-cache`',
      cleansCache: (all, commands, context) =>
        all.some((word) => word.text === '--no-cache') ||
        mounted(context, '/var/cache/apk') ||
        hasWord(
          commands,
          (texts) =>
            programName(texts[0] ?? '') === 'rm' &&
            texts.some((w) => w.startsWith('/var/cache/apk')),
        ),
    };
  }
  if (
    (program === 'yum' || program === 'dnf' || program === 'microdnf' || program === 'tdnf') &&
    verb === 'install'
  ) {
    return {
      manager: program,
      packages: operands(words, subcommand + 1),
      // RPM versions follow the name after a dash: `curl-7.76.1`.
      isPinned: (name) => /-\d/.test(name) || name.endsWith('.rpm') || name.startsWith('@'),
      cleanUp: `\`${program} clean all\` in the same RUN`,
      cleansCache: (_words, commands, context) =>
        mounted(context, '/var/cache/') ||
        hasWord(
          commands,
          (texts) =>
            /^(?:yum|dnf|microdnf|tdnf)$/.test(programName(texts[0] ?? '')) &&
            texts.includes('clean'),
        ) ||
        hasWord(
          commands,
          (texts) =>
            programName(texts[0] ?? '') === 'rm' &&
            texts.some((w) => /^\/var\/cache\/(?:yum|dnf)/.test(w)),
        ),
    };
  }
  const pipIndex = /^pip[\d.]*$/.test(program)
    ? 0
    : /^python[\d.]*$/.test(program) && texts[1] === '-m' && /^pip[\d.]*$/.test(texts[2] ?? '')
      ? 2
      : -1;
  if (pipIndex >= 0 && texts[pipIndex + 1] === 'install') {
    const requirementsFile = texts.some(
      (text) => text === '-r' || text === '--requirement' || text.startsWith('--requirement='),
    );
    return {
      manager: 'pip',
      packages: requirementsFile ? [] : operands(words, pipIndex + 2),
      isPinned: (name) =>
        /===?/.test(name) ||
        name.includes('@') ||
        name.startsWith('.') ||
        name.startsWith('/') ||
        /^(?:git\+|https?:)/.test(name) ||
        /\.(?:whl|tar\.gz|zip)$/.test(name),
      cleanUp: '`pip install --no-cache-dir`',
      cleansCache: (all, _commands, context) =>
        all.some((word) => word.text === '--no-cache-dir') ||
        /\bPIP_NO_CACHE_DIR\b\s*[= ]\s*["']?(?:1|true|yes|on|off|0|false)/i.test(
          context.environment,
        ) ||
        mounted(context, '.cache/pip'),
    };
  }
  return undefined;
}
