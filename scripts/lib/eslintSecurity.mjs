// Shared by eval-sast and bench-sast: ESLint with every rule of the recommended configs of
// eslint-plugin-security and @microsoft/eslint-plugin-sdl, run on third-party code the way a
// user would point it at a tree. Also a command for the benchmark (run under GNU time):
//
//   node scripts/lib/eslintSecurity.mjs <root> <file-list> [security|all]   → one JSON line of counts
//
// (`security`: eslint-plugin-security's recommended rules only; `all`, the default: both plugins.)
//
// Third-party files are a mix of ES modules and CommonJS scripts: every file is linted as a
// module first and a file that does not parse is linted again as a CommonJS script (one ESLint
// instance per source type, so each is configured once). Inline `eslint-disable` comments in the
// packages are ignored (`noInlineConfig`): Vigil sees no such comments either.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '../..');
const require = createRequire(join(repo, 'package.json'));

/** Where a rule id comes from: the `security/` rules are eslint-plugin-security's, the rest SDL's. */
export function pluginOf(ruleId) {
  return ruleId.startsWith('security/') ? 'security' : 'sdl';
}

/** The flat config text, importing the plugins by absolute path so it works from any directory. */
function configText(sourceType, plugins) {
  const url = (name) => pathToFileURL(require.resolve(name)).href;
  return `// written by scripts/lib/eslintSecurity.mjs; regenerated on every run
import security from ${JSON.stringify(url('eslint-plugin-security'))};
import sdl from ${JSON.stringify(url('@microsoft/eslint-plugin-sdl'))};
import tseslint from ${JSON.stringify(url('typescript-eslint'))};

export default [
  { files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'] },
  {
    linterOptions: {
      noInlineConfig: true,
      reportUnusedDisableDirectives: 'off',
      reportUnusedInlineConfigs: 'off',
    },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: ${JSON.stringify(sourceType)},
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: '18.3' } },
  },
  security.configs.recommended,
  // SDL's recommended config registers its own (older) copy of eslint-plugin-security, with no
  // rules enabled; the current plugin above is the one that runs.
  ...${plugins === 'all' ? 'sdl.configs.recommended' : '[]'}.filter((config) => !config.plugins?.security),
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },
];
`;
}

/**
 * An ESLint runner over files under `root` (configs are written into `root`, so every file is
 * inside their base path). `lint(files)` returns, per absolute path, the rule messages and
 * whether the file parsed at all.
 */
export async function createEslintRunner(root, plugins = 'all') {
  const { ESLint } = await import(pathToFileURL(require.resolve('eslint')).href);
  const instances = {};
  for (const sourceType of ['module', 'commonjs']) {
    const file = join(root, `.vigil-eval-eslint-${sourceType}.config.mjs`);
    writeFileSync(file, configText(sourceType, plugins));
    instances[sourceType] = new ESLint({
      cwd: root,
      overrideConfigFile: file,
      errorOnUnmatchedPattern: false,
      warnIgnored: false,
    });
  }

  async function lintWith(instance, files) {
    try {
      return await instance.lintFiles(files);
    } catch {
      // a rule crashing on one file fails the whole call: lint one by one, dropping the culprit
      const results = [];
      for (const file of files) {
        try {
          results.push(...(await instance.lintFiles([file])));
        } catch (error) {
          results.push({
            filePath: file,
            messages: [{ fatal: true, message: String(error).split('\n')[0], line: 0 }],
          });
        }
      }
      return results;
    }
  }

  return {
    async lint(files) {
      const byFile = new Map();
      const firstPass = await lintWith(instances.module, files);
      const retry = [];
      for (const result of firstPass) {
        if (result.messages.some((message) => message.fatal)) retry.push(result.filePath);
        else {
          byFile.set(result.filePath, {
            parsed: true,
            messages: result.messages.filter((message) => message.ruleId),
          });
        }
      }
      if (retry.length > 0) {
        for (const result of await lintWith(instances.commonjs, retry)) {
          const fatal = result.messages.find((message) => message.fatal);
          byFile.set(result.filePath, {
            parsed: !fatal,
            error: fatal ? `${fatal.message} (line ${fatal.line})` : undefined,
            messages: result.messages.filter((message) => !message.fatal && message.ruleId),
          });
        }
      }
      return byFile;
    },
  };
}

// The benchmark entry: lint a list of files, print counts.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root, listFile, plugins = 'all'] = process.argv.slice(2);
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const runner = await createEslintRunner(root, plugins);
  const byFile = await runner.lint(files.map((file) => resolve(root, file)));
  const counts = { files: byFile.size, unparsed: 0, security: 0, sdl: 0 };
  for (const result of byFile.values()) {
    if (!result.parsed) counts.unparsed++;
    for (const message of result.messages) counts[pluginOf(message.ruleId)]++;
  }
  console.log(JSON.stringify(counts));
}
