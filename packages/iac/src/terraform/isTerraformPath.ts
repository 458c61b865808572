import { isAutoTfvars } from './terraformScope.js';

/**
 * Files Terraform itself reads for a module: `*.tf`, `terraform.tfvars` and `*.auto.tfvars`.
 * Other `*.tfvars` apply only when named with `-var-file`, so their values are not the module's.
 * `.terraform/` is Terraform's working directory (downloaded modules and providers), not the
 * project's code.
 */
export function isTerraformPath(path: string): boolean {
  if (/(?:^|\/)\.terraform\//.test(path)) return false;
  return path.endsWith('.tf') || isAutoTfvars(path);
}
