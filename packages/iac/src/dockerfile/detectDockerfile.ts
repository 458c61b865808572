import { sha256, type Finding, type Region } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import type { ImagePolicy } from '../image/imagePolicy.js';
import type { ParseWarning, Position } from '../parseWarning.js';
import { dockerfileRules as rules } from '../rules/dockerfileRules.js';
import { isLiteralSecretValue, isSecretName } from '../secretName.js';
import { checkImage } from '../image/checkImage.js';
import {
  argumentDeclarations,
  dockerfileStages,
  unquote,
  type DockerfileStage,
} from './dockerfileStages.js';
import { parseDockerfile, type DockerfileInstruction } from './parseDockerfile.js';
import { checkShellScript } from './checkShellScript.js';
import { isWorldWritableMode } from './isWorldWritableMode.js';

export interface IacResult {
  findings: Finding[];
  warnings: ParseWarning[];
}

/**
 * The Dockerfile rules over one Dockerfile or Containerfile. Pure: text in, findings and
 * parse warnings out.
 */
export function detectDockerfile(text: string, path: string, policy: ImagePolicy): IacResult {
  const parsed = parseDockerfile(text);
  const warnings = [...parsed.warnings];
  const stages = dockerfileStages(parsed.instructions);
  const findings: Finding[] = [];
  const at = (instruction: DockerfileInstruction, start: number, length: number): Region =>
    span(instruction.positionAt(start), length);

  if (stages.length === 0) {
    if (parsed.instructions.length > 0) {
      warnings.push({ message: 'no FROM instruction: not a Dockerfile?', line: 1, column: 1 });
    }
    return { findings, warnings };
  }

  const stageNames = new Set(stages.flatMap((stage) => (stage.name ? [stage.name] : [])));
  for (const stage of stages) {
    if (stage.parent === undefined && stage.image.toLowerCase() !== 'scratch') {
      if (!stage.resolved) continue;
      findings.push(
        ...checkImage(stage.image, {
          path,
          region: at(stage.from, stage.imageOffset, stage.imageLength),
          policy,
          rules: {
            latest: rules.latestTag,
            digest: rules.noDigest,
            approval: rules.baseImageNotApproved,
          },
          what: `stage ${String(stage.index + 1)} base image`,
          key: `FROM ${stage.image}`,
        }),
      );
    }
    for (const instruction of stage.instructions) {
      findings.push(...checkInstruction(instruction, stage, stageNames, path, policy));
    }
  }

  const final = stages.at(-1);
  if (final) findings.push(...checkFinalStage(final, stages, path));
  return { findings, warnings };
}

function checkInstruction(
  instruction: DockerfileInstruction,
  stage: DockerfileStage,
  stageNames: ReadonlySet<string>,
  path: string,
  policy: ImagePolicy,
): Finding[] {
  const findings: Finding[] = [];
  const args = instruction.arguments;
  const at = (start: number, length: number): Region => span(instruction.positionAt(start), length);
  const flag = (name: string): string | undefined =>
    instruction.flags.find((candidate) => candidate.name === name)?.value;

  switch (instruction.keyword) {
    case 'RUN': {
      const mounts = instruction.flags.filter((f) => f.name === 'mount').map((f) => f.value ?? '');
      const env = stageEnvironment(stage);
      const scripts =
        instruction.heredocs.length > 0
          ? instruction.heredocs.map((heredoc) => ({
              text: heredoc.content,
              position: (offset: number) => offsetPosition(heredoc.content, offset, heredoc.line),
            }))
          : [
              {
                text: instruction.json ? instruction.json.join(' ') : args,
                position: (offset: number) =>
                  instruction.json ? instruction.positionAt(0) : instruction.positionAt(offset),
              },
            ];
      for (const script of scripts) {
        findings.push(
          ...checkShellScript(script.text, {
            path,
            position: script.position,
            cacheMounts: mounts,
            environment: env,
            key: `stage ${String(stage.index)}`,
          }),
        );
      }
      break;
    }
    case 'ADD': {
      const sources = shellFormWords(instruction).slice(0, -1);
      const checksum = flag('checksum');
      for (const source of sources) {
        if (!/^(?:https?:\/\/|git@|git:\/\/)/i.test(source.text) || checksum !== undefined)
          continue;
        findings.push(
          iacFinding(rules.addRemoteUrl, {
            path,
            region: at(source.start, source.text.length),
            message: `ADD downloads ${source.text.slice(0, 200)} without \`--checksum\``,
            key: `ADD ${source.text}`,
          }),
        );
      }
      findings.push(...checkChmodFlag(instruction, path));
      break;
    }
    case 'COPY': {
      const from = flag('from');
      if (from !== undefined && !stageNames.has(from.toLowerCase()) && !/^\d+$/.test(from)) {
        findings.push(
          ...checkImage(from, {
            path,
            region: span(instruction.positionAt(0), 0, instruction.region),
            policy,
            rules: { latest: rules.latestTag, digest: rules.noDigest },
            what: '`COPY --from` image',
            key: `COPY --from=${from}`,
          }),
        );
      }
      findings.push(...checkChmodFlag(instruction, path));
      break;
    }
    case 'ENV':
    case 'ARG': {
      const pairs = instruction.keyword === 'ARG' ? argumentPairs(args) : environmentPairs(args);
      for (const pair of pairs) {
        if (pair.value === undefined || !isSecretName(pair.name)) continue;
        if (!isLiteralSecretValue(pair.value)) continue;
        findings.push(
          iacFinding(rules.secretInEnv, {
            path,
            region: at(pair.start, pair.name.length),
            message: `${instruction.keyword} ${pair.name} has a literal value (${String(pair.value.length)} characters) that ends up in the image metadata`,
            key: `${instruction.keyword} ${pair.name} ${sha256(pair.value)}`,
          }),
        );
      }
      break;
    }
    case 'EXPOSE': {
      for (const match of args.matchAll(/(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?/gi)) {
        const low = Number(match[1]);
        const high = match[2] === undefined ? low : Number(match[2]);
        if (low > 22 || high < 22 || match[3]?.toLowerCase() === 'udp') continue;
        findings.push(
          iacFinding(rules.sshPort, {
            path,
            region: at(match.index, match[0].length),
            message: `EXPOSE ${match[0]} publishes the SSH port`,
            key: `EXPOSE ${match[0]}`,
          }),
        );
      }
      break;
    }
    default:
      break;
  }
  return findings;
}

const environments = new WeakMap<DockerfileStage, string>();

/** The ENV arguments of a stage, joined once per stage (a RUN-heavy file has many RUNs). */
function stageEnvironment(stage: DockerfileStage): string {
  let environment = environments.get(stage);
  if (environment === undefined) {
    environment = stage.instructions
      .filter((other) => other.keyword === 'ENV')
      .map((other) => other.arguments)
      .join('\n');
    environments.set(stage, environment);
  }
  return environment;
}

/** `COPY --chmod=777` / `ADD --chmod=777`. */
function checkChmodFlag(instruction: DockerfileInstruction, path: string): Finding[] {
  const mode = instruction.flags.find((f) => f.name === 'chmod')?.value;
  if (mode === undefined || !isWorldWritableMode(mode)) return [];
  return [
    iacFinding(rules.worldWritable, {
      path,
      region: instruction.region,
      message: `${instruction.keyword} --chmod=${mode} makes the files world-writable`,
      key: `${instruction.keyword} --chmod=${mode} ${instruction.arguments}`,
    }),
  ];
}

function checkFinalStage(
  final: DockerfileStage,
  stages: readonly DockerfileStage[],
  path: string,
): Finding[] {
  const chain: DockerfileStage[] = [];
  for (let stage: DockerfileStage | undefined = final; stage;) {
    chain.unshift(stage);
    stage = stage.parent === undefined ? undefined : stages[stage.parent];
    if (chain.length > stages.length) break;
  }
  const inherited = chain.flatMap((stage) => stage.instructions);
  const findings: Finding[] = [];
  const lastUser = inherited.filter((instruction) => instruction.keyword === 'USER').at(-1);
  const userName = lastUser?.arguments.split(':')[0]?.trim();
  if (lastUser === undefined || userName === 'root' || userName === '0') {
    findings.push(
      iacFinding(rules.rootUser, {
        path,
        region: lastUser ? lastUser.region : firstLine(final.from.region),
        message: lastUser
          ? `the final stage runs as ${lastUser.arguments}`
          : 'the final stage sets no USER, so the container runs as root unless the base image changed the user',
        key: lastUser ? `final USER ${lastUser.arguments}` : 'final stage without USER',
      }),
    );
  }
  if (!inherited.some((instruction) => instruction.keyword === 'HEALTHCHECK')) {
    findings.push(
      iacFinding(rules.missingHealthcheck, {
        path,
        region: firstLine(final.from.region),
        message: 'the final stage defines no HEALTHCHECK',
        key: 'final stage without HEALTHCHECK',
      }),
    );
  }
  return findings;
}

interface Pair {
  name: string;
  value?: string;
  start: number;
}

/** `ENV A=1 B="two words"` or the legacy `ENV A one value`. */
function environmentPairs(args: string): Pair[] {
  const legacy = /^([A-Za-z_][\w.-]*)\s+(?!\S*=)(.*)$/s.exec(args);
  if (legacy && !/^[A-Za-z_][\w.-]*=/.test(args)) {
    return [{ name: legacy[1] ?? '', value: unquote((legacy[2] ?? '').trim()), start: 0 }];
  }
  const pairs: Pair[] = [];
  for (const match of args.matchAll(
    /([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|(?:[^\s\\]|\\.)*)/g,
  )) {
    pairs.push({ name: match[1] ?? '', value: unquote(match[2] ?? ''), start: match.index });
  }
  return pairs;
}

function argumentPairs(args: string): Pair[] {
  const pairs: Pair[] = [];
  let searchFrom = 0;
  for (const [name, value] of argumentDeclarations(args)) {
    const start = args.indexOf(name, searchFrom);
    searchFrom = start + name.length;
    pairs.push({ name, ...(value === undefined ? {} : { value }), start: Math.max(start, 0) });
  }
  return pairs;
}

/** The arguments of a shell-form COPY/ADD as words with their offsets (exec form: no offsets). */
function shellFormWords(instruction: DockerfileInstruction): { text: string; start: number }[] {
  if (instruction.json) return instruction.json.map((text) => ({ text, start: 0 }));
  return [...instruction.arguments.matchAll(/\S+/g)].map((match) => ({
    text: match[0],
    start: match.index,
  }));
}

function span(position: Position, length: number, fallback?: Region): Region {
  if (length === 0 && fallback) return fallback;
  return {
    startLine: position.line,
    startColumn: position.column,
    endLine: position.line,
    endColumn: position.column + Math.max(length, 1),
  };
}

function firstLine(region: Region): Region {
  return { ...region, endLine: region.startLine, endColumn: region.startColumn + 4 };
}

/** Position of an offset in a here-document whose first line is `line`. */
function offsetPosition(text: string, offset: number, line: number): Position {
  let newlines = 0;
  let lastNewline = -1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    newlines++;
    lastNewline = at;
  }
  return { line: line + newlines, column: offset - lastNewline };
}
