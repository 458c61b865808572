import type { HclBody, HclExpression } from './hclAst.js';
import { EMPTY_SCOPE, evaluateHcl, UNKNOWN, type HclScope, type HclValue } from './evaluateHcl.js';

/**
 * The scope of one Terraform module (the `.tf` files of a directory): each `variable` with a
 * `default`, overridden by `terraform.tfvars` / `*.auto.tfvars` values, and every `locals`
 * entry. Variables without a value stay unknown, so rules depending on them do not fire.
 */
export function terraformScope(
  bodies: readonly HclBody[],
  tfvars: readonly HclBody[] = [],
): HclScope {
  const variables = new Map<string, HclValue>();
  const locals = new Map<string, HclExpression>();
  for (const body of bodies)
    for (const block of body.blocks) {
      if (block.type === 'variable') {
        const name = block.labels[0]?.value;
        const fallback = block.body.attributes.find((attribute) => attribute.name === 'default');
        if (name === undefined || fallback === undefined) continue;
        const value = evaluateHcl(fallback.expr, EMPTY_SCOPE);
        if (value !== UNKNOWN) variables.set(name, value);
      } else if (block.type === 'locals') {
        for (const attribute of block.body.attributes) locals.set(attribute.name, attribute.expr);
      }
    }
  for (const body of tfvars)
    for (const attribute of body.attributes) {
      const value = evaluateHcl(attribute.expr, EMPTY_SCOPE);
      if (value === UNKNOWN) variables.delete(attribute.name);
      else variables.set(attribute.name, value);
    }
  return { variables, locals };
}

/** Whether a file's variable values apply automatically (`terraform.tfvars`, `*.auto.tfvars`). */
export function isAutoTfvars(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'terraform.tfvars' || name.endsWith('.auto.tfvars');
}
