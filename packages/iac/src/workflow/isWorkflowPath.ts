/** GitHub reads workflows only from `.github/workflows/` itself, not from its subdirectories. */
export function isWorkflowPath(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}
