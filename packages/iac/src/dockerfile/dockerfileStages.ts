import type { DockerfileInstruction } from './parseDockerfile.js';

/** One build stage: a FROM and the instructions up to the next FROM. */
export interface DockerfileStage {
  index: number;
  /** The `AS name`, lower-cased as BuildKit compares it. */
  name?: string;
  from: DockerfileInstruction;
  /** The image as written, with build arguments substituted where they have defaults. */
  image: string;
  /** Where the image starts in the FROM's arguments, and its length as written. */
  imageOffset: number;
  imageLength: number;
  /** False when `image` still holds a variable without a default. */
  resolved: boolean;
  /** The earlier stage this one builds on (`FROM builder`), if any. */
  parent?: number;
  instructions: DockerfileInstruction[];
}

/**
 * Groups instructions into stages. Build arguments declared before the first FROM are the
 * only variables FROM may use; their defaults are substituted.
 */
export function dockerfileStages(
  instructions: readonly DockerfileInstruction[],
): DockerfileStage[] {
  const globalArgs = new Map<string, string | undefined>();
  const stages: DockerfileStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+as\s+(\S+))?/i.exec(instruction.arguments);
      const written = match?.[1] ?? '';
      const expanded = expandVariables(written, globalArgs);
      const name = match?.[2]?.toLowerCase();
      const parent = stages.find((stage) => stage.name === expanded.value.toLowerCase());
      stages.push({
        index: stages.length,
        ...(name === undefined ? {} : { name }),
        from: instruction,
        image: expanded.value,
        imageOffset: match?.index ?? 0,
        imageLength: written.length,
        resolved: expanded.resolved,
        ...(parent === undefined ? {} : { parent: parent.index }),
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (stage) stage.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') {
      for (const [name, value] of argumentDeclarations(instruction.arguments)) {
        globalArgs.set(name, value);
      }
    }
  }
  return stages;
}

/** `ARG A=1 B` → `[['A', '1'], ['B', undefined]]`. */
export function argumentDeclarations(args: string): [string, string | undefined][] {
  const declarations: [string, string | undefined][] = [];
  for (const match of args.matchAll(/([A-Za-z_][\w.-]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g)) {
    const raw = match[2];
    declarations.push([match[1] ?? '', raw === undefined ? undefined : unquote(raw)]);
  }
  return declarations;
}

export function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME:+alternative}` as the
 * Dockerfile frontend does; `resolved` is false when a variable has no value.
 */
export function expandVariables(
  text: string,
  variables: ReadonlyMap<string, string | undefined>,
): { value: string; resolved: boolean } {
  let resolved = true;
  const value = text.replace(
    /\$(?:\{([A-Za-z_]\w*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_]\w*))/g,
    (
      _all,
      braced: string | undefined,
      operator: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? '';
      const current = variables.get(name);
      const isSet = operator?.startsWith(':')
        ? current !== undefined && current !== ''
        : current !== undefined;
      if (operator?.endsWith('-')) return isSet ? (current ?? '') : (word ?? '');
      if (operator?.endsWith('+')) return isSet ? (word ?? '') : '';
      if (current === undefined) resolved = false;
      return current ?? '';
    },
  );
  return { value, resolved };
}
