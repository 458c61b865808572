import type { FileLocation } from '@vigil/core';
import type { SinkClass } from '../rules/codeRule.js';

/** One step of a path: where, and what happened there. */
export interface Step {
  location: FileLocation;
  message: string;
}

/**
 * Where tainted data comes from: untrusted input (request data, argv, library parameters in
 * library mode) or, while a function summary is computed, one of the function's parameters.
 */
export type Origin =
  /** `utility`: a library function's parameter, input for prototype pollution only. */
  | { kind: 'input'; label: string; utility?: boolean }
  /**
   * `owner` is the function whose parameter it is: a closure may carry its enclosing function's
   * parameters, which only that function's summary may substitute. Index `-1` stands for any
   * argument (`arguments[i]`); `rest` for every argument from `index` on (a rest parameter,
   * `arguments` beyond the declared parameters).
   */
  | { kind: 'param'; index: number; owner: object; rest?: boolean };

/** One way a value is tainted: its origin, the steps taken since, and the sink classes it was cleaned for. */
export interface Trace {
  origin: Origin;
  steps: readonly Step[];
  /** Sink classes a sanitiser on the way made this value safe for. */
  cleanFor: ReadonlySet<SinkClass>;
}

/** A tainted value's traces; never empty (untainted is `undefined`). */
export type Taint = readonly Trace[];

const MAX_TRACES = 4;
const MAX_STEPS = 24;

const ownerIds = new WeakMap<object, number>();
let nextOwnerId = 1;

function ownerId(owner: object): number {
  let id = ownerIds.get(owner);
  if (id === undefined) {
    id = nextOwnerId++;
    ownerIds.set(owner, id);
  }
  return id;
}

function originKey(origin: Origin): string {
  if (origin.kind === 'input') return `i:${origin.label}`;
  const rest = origin.rest === true ? '+' : '';
  return `p:${String(ownerId(origin.owner))}:${String(origin.index)}${rest}`;
}

const cleanKeys = new WeakMap<ReadonlySet<SinkClass>, string>();

/** The sink classes a trace was cleaned for, as a key (sets are shared between copies of traces). */
function cleanKey(cleanFor: ReadonlySet<SinkClass>): string {
  let key = cleanKeys.get(cleanFor);
  if (key === undefined) {
    key = [...cleanFor].sort().join(',');
    cleanKeys.set(cleanFor, key);
  }
  return key;
}

/** The union of taints, keeping at most a few traces (one per origin) so costs stay bounded. */
export function joinTaint(...taints: readonly (Taint | undefined)[]): Taint | undefined {
  let out: Trace[] | undefined;
  const seen = new Set<string>();
  for (const taint of taints) {
    if (!taint) continue;
    for (const trace of taint) {
      const key = `${originKey(trace.origin)}|${cleanKey(trace.cleanFor)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out ??= [];
      if (out.length < MAX_TRACES) out.push(trace);
    }
  }
  return out;
}

/** Appends a step to every trace, keeping the first and the latest steps when paths get long. */
export function addStep(taint: Taint | undefined, step: Step): Taint | undefined {
  if (!taint) return undefined;
  return taint.map((trace) => ({ ...trace, steps: appendSteps(trace.steps, [step]) }));
}

export function appendSteps(steps: readonly Step[], more: readonly Step[]): readonly Step[] {
  const all = [...steps];
  for (const step of more) {
    const last = all[all.length - 1];
    if (
      last?.location.path === step.location.path &&
      last.location.path === step.location.path &&
      last.location.startLine === step.location.startLine &&
      last.location.startColumn === step.location.startColumn
    ) {
      continue;
    }
    all.push(step);
  }
  if (all.length <= MAX_STEPS) return all;
  return [...all.slice(0, 2), ...all.slice(all.length - (MAX_STEPS - 2))];
}

/** Marks a taint as cleaned for some sink classes (a sanitiser's output). */
export function cleanTaint(
  taint: Taint | undefined,
  classes: readonly SinkClass[],
): Taint | undefined {
  if (!taint) return undefined;
  return taint.map((trace) => ({
    ...trace,
    cleanFor: new Set([...trace.cleanFor, ...classes]),
  }));
}

/** The traces still dangerous for a sink class. */
export function taintFor(taint: Taint | undefined, sinkClass: SinkClass): Taint | undefined {
  if (!taint) return undefined;
  const live = taint.filter((trace) => !trace.cleanFor.has(sinkClass));
  return live.length > 0 ? live : undefined;
}
