import { UNKNOWN } from '../evaluateHcl.js';
import type { TerraformAttribute } from '../terraformBlock.js';
import type { TerraformHit } from '../terraformRule.js';

/** A hit pointing at one attribute, with `name = value` as evidence. */
export function settingHit(attribute: TerraformAttribute, message: string): TerraformHit {
  const value = attribute.value;
  const shown =
    value === UNKNOWN
      ? '(unknown)'
      : typeof value === 'string'
        ? `"${value}"`
        : JSON.stringify(value);
  return {
    message,
    range: attribute.range,
    evidence: `${attribute.name} = ${shown.slice(0, 120)}`,
  };
}
