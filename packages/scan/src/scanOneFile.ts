import {
  findInlineIgnore,
  type CandidateFinding,
  type ContentScanner,
  type Finding,
  type ScanWarning,
  type SourceFile,
} from '@vigil/core';

export interface NamedScanner {
  id: string;
  instance: ContentScanner;
}

/**
 * Hands one file to each scanner, then applies inline `vigil-ignore` directives (on the
 * fragment's own lines) and maps fragment lines to file lines with the commit attached.
 * A scanner that throws loses only this file, with a warning.
 */
export function scanOneFile(
  file: SourceFile,
  scanners: readonly NamedScanner[],
  warn: (warning: ScanWarning) => void,
): CandidateFinding[] {
  const out: CandidateFinding[] = [];
  for (const scanner of scanners) {
    if (scanner.instance.accepts && !scanner.instance.accepts(file.path)) continue;
    let findings: Finding[];
    try {
      findings = scanner.instance.scanFile(file);
    } catch (error) {
      warn({
        code: 'SCANNER_FAILED',
        message: `${scanner.id} scanner failed: ${error instanceof Error ? error.message : String(error)}`,
        path: file.path,
      });
      continue;
    }
    if (findings.length > 0) out.push(...placeInFile(findings, file));
  }
  return out;
}

function placeInFile(findings: readonly Finding[], file: SourceFile): CandidateFinding[] {
  let lines: string[] | undefined;
  return findings.map((finding) => {
    const { location } = finding;
    if (location.kind !== 'file') return { finding };
    lines ??= file.text.split('\n');
    const inline = findInlineIgnore(lines, location.startLine, finding.ruleId);
    const map = file.lineMap;
    const placed: Finding =
      map || file.commit
        ? {
            ...finding,
            location: {
              ...location,
              startLine: map?.[location.startLine - 1] ?? location.startLine,
              endLine: map?.[location.endLine - 1] ?? location.endLine,
              ...(file.commit ? { commit: file.commit } : {}),
            },
          }
        : finding;
    return inline ? { finding: placed, inline } : { finding: placed };
  });
}
