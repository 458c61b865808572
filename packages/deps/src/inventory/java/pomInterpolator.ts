/** The outcome of expanding `${…}` expressions in one POM value. */
export type Interpolation = { ok: true; value: string } | { ok: false; reason: string };

/** Returns the raw (not yet expanded) value of a property or model field, if it has one. */
export type PropertySource = (name: string) => string | undefined;

/** Expands the `${…}` expressions of a value; property values are expanded in turn. */
export type PomInterpolator = (value: string) => Interpolation;

const EXPRESSION = /\$\{([^}]*)\}/g;
/** Longer expansions are refused: properties that repeat each other grow exponentially. */
const MAX_VALUE_LENGTH = 8192;
/** Chains of properties referring to properties are refused past this depth. */
const MAX_NESTING = 64;

/**
 * Makes an interpolator over one effective POM. Each property is expanded once and remembered,
 * so a value that names the same property many times costs one expansion; a property that comes
 * back to itself (directly or through others) is a cycle, reported with its chain, as Maven
 * reports it. Expansions past 8192 characters or 64 levels of nesting are refused, so a hostile
 * POM cannot make the scanner build huge strings.
 *
 * @example
 * const interpolate = createPomInterpolator((name) => properties.get(name));
 * interpolate('${spring.version}'); // { ok: true, value: '6.1.2' }
 */
export function createPomInterpolator(source: PropertySource): PomInterpolator {
  const expanded = new Map<string, Interpolation>();
  const chain: string[] = [];

  const expandProperty = (name: string): Interpolation => {
    const known = expanded.get(name);
    if (known !== undefined) return known;
    if (chain.includes(name)) {
      const cycle = [...chain.slice(chain.indexOf(name)), name].map((n) => `\${${n}}`);
      return { ok: false, reason: `property cycle ${cycle.join(' -> ')}` };
    }
    const raw = source(name);
    if (raw === undefined) return { ok: false, reason: `\${${name}} is not defined` };
    if (chain.length >= MAX_NESTING) {
      return { ok: false, reason: `properties nested deeper than ${String(MAX_NESTING)}` };
    }
    chain.push(name);
    const result = expandValue(raw);
    chain.pop();
    // A cycle's verdict depends on where the chain was entered, so only settled results are kept.
    if (result.ok || !result.reason.startsWith('property cycle')) expanded.set(name, result);
    return result;
  };

  const expandValue = (value: string): Interpolation => {
    let output = '';
    let last = 0;
    for (const match of value.matchAll(EXPRESSION)) {
      const property = expandProperty((match[1] ?? '').trim());
      if (!property.ok) return property;
      output += value.slice(last, match.index) + property.value;
      last = match.index + match[0].length;
      if (output.length > MAX_VALUE_LENGTH) {
        return { ok: false, reason: `expands past ${String(MAX_VALUE_LENGTH)} characters` };
      }
    }
    output += value.slice(last);
    if (output.length > MAX_VALUE_LENGTH) {
      return { ok: false, reason: `expands past ${String(MAX_VALUE_LENGTH)} characters` };
    }
    return { ok: true, value: output };
  };

  return expandValue;
}
