import {
  findInlineIgnore,
  parseSize,
  type ContentScanner,
  type Finding,
  type RuleDescriptor,
  type ScannerContext,
  type ScannerPlugin,
  type SourceFile,
  type VigilConfig,
} from '@vigil/core';
import { ruleId } from './codeFinding.js';
import {
  DEFAULT_PARSE_LIMITS,
  isCodePath,
  parseSource,
  type ParseLimits,
} from './parse/parseSource.js';
import { isNodeScript, mayBeNodeScript } from './parse/nodeScript.js';
import { resolveImport } from './resolveImport.js';
import type { CodeRule } from './rules/codeRule.js';
import { codeRules } from './rules/index.js';
import {
  analyzeCode,
  flowFindings,
  flowRuleId,
  patternFindings,
  type CodeScanOptions,
} from './scanCode.js';
import type { TaintFlow } from './taint/analyzeModule.js';
import type { FunctionSummary } from './taint/value.js';

/** Where a taint finding's sink is, per rule: one finding per sink across the scan. */
function sinkKey(finding: Finding): string {
  const { location } = finding;
  return location.kind === 'file'
    ? `${finding.ruleId}\0${location.path}\0${String(location.startLine)}:${String(location.startColumn)}`
    : finding.ruleId;
}

export function describeCodeRule(rule: CodeRule): RuleDescriptor {
  return {
    id: ruleId(rule),
    scanner: 'code',
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    tags: ['security', rule.owasp, ...(rule.sinkClass ? ['taint'] : [])],
  };
}

/** The `code` scanner: taint tracking and insecure patterns in JavaScript and TypeScript. */
export const codeScanner: ScannerPlugin = {
  id: 'code',
  title: 'Code (SAST for JavaScript/TypeScript)',
  scansHistory: false,
  rules: () => codeRules.map(describeCodeRule),
  create: (context) => new CodeScan(context),
};

interface StoredModule {
  text: string;
  exports: Map<string, FunctionSummary>;
  relativeImports: string[];
}

class CodeScan implements ContentScanner {
  private readonly modules = new Map<string, StoredModule>();
  /** Sinks already reported from `scanFile` (rule, file, line, column). */
  private readonly reported = new Set<string>();
  private readonly skipped: { path: string; detail: string }[] = [];
  private readonly options: CodeScanOptions;
  private readonly limits: ParseLimits;

  constructor(private readonly context: ScannerContext) {
    const config: VigilConfig['code'] = context.config.code;
    this.options = { sources: config.sources, sanitizers: new Set(config.sanitizers) };
    this.limits = {
      ...DEFAULT_PARSE_LIMITS,
      maxBytes: parseSize(config.maxFileSize) ?? DEFAULT_PARSE_LIMITS.maxBytes,
      maxLineLength: config.maxLineLength,
    };
  }

  accepts(path: string): boolean {
    return isCodePath(path) || mayBeNodeScript(path);
  }

  scanFile(file: SourceFile): Finding[] {
    if (!isCodePath(file.path) && !isNodeScript(file.bytes)) return [];
    const parsed = parseSource(file.path, file.text, this.limits);
    if (parsed.kind === 'skipped') {
      this.skipped.push({ path: file.path, detail: parsed.detail });
      return [];
    }
    if (parsed.kind === 'error') {
      this.context.warn({
        code: 'CODE_PARSE_ERROR',
        message: `not analysed: ${parsed.message} at ${file.path}:${String(parsed.line)}:${String(parsed.column)}`,
        path: file.path,
        line: parsed.line,
        column: parsed.column,
      });
      return [];
    }
    const analysis = analyzeCode(parsed.program, file.path, file.text, parsed.lines, this.options);
    const patterns = patternFindings(parsed.program, file.path, file.text, parsed.lines);
    this.modules.set(file.path, {
      // only modules that import others are analysed again once every summary is known
      text: analysis.relativeImports.length > 0 ? file.text : '',
      exports: analysis.exports,
      relativeImports: analysis.relativeImports,
    });
    if (analysis.relativeImports.length > 0) return patterns;
    const flows = flowFindings(analysis.flows);
    for (const finding of flows) this.reported.add(sinkKey(finding));
    return [...patterns, ...flows];
  }

  finish(): Promise<Finding[]> {
    this.warnSkipped();
    return Promise.resolve(this.crossFile());
  }

  private warnSkipped(): void {
    if (this.skipped.length === 0) return;
    const listed = this.skipped
      .slice(0, 5)
      .map((entry) => `${entry.path} (${entry.detail})`)
      .join(', ');
    this.context.warn({
      code: 'CODE_FILES_SKIPPED',
      message: `${String(this.skipped.length)} JavaScript/TypeScript files not analysed (minified, generated or too large): ${listed}${this.skipped.length > 5 ? ', …' : ''}; see code.maxFileSize and code.maxLineLength`,
    });
  }

  /**
   * Modules with relative imports, analysed again with the summaries of what they import:
   * dependencies first (depth-first post-order), then once more for modules on an import cycle.
   */
  private crossFile(): Finding[] {
    const importers = [...this.modules].filter(([, module]) => module.relativeImports.length > 0);
    if (importers.length === 0) return [];
    const exists = (path: string): boolean => this.modules.has(path);
    const edges = new Map<string, string[]>();
    for (const [path, module] of importers) {
      edges.set(
        path,
        module.relativeImports.flatMap((specifier) => resolveImport(path, specifier, exists) ?? []),
      );
    }
    const order: string[] = [];
    const cyclic = new Set<string>();
    const state = new Map<string, 'visiting' | 'done'>();
    for (const [start] of importers) {
      // iterative depth-first search: import chains can be long
      const stack: { path: string; next: number }[] = [{ path: start, next: 0 }];
      if (state.has(start)) continue;
      state.set(start, 'visiting');
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (!top) break;
        const targets = edges.get(top.path) ?? [];
        if (top.next < targets.length) {
          const target = targets[top.next++] ?? '';
          const seen = state.get(target);
          if (seen === 'visiting') {
            cyclic.add(target);
            cyclic.add(top.path);
          } else if (seen === undefined && edges.has(target)) {
            state.set(target, 'visiting');
            stack.push({ path: target, next: 0 });
          }
          continue;
        }
        state.set(top.path, 'done');
        order.push(top.path);
        stack.pop();
      }
    }
    const flows = new Map<string, TaintFlow[]>();
    for (const path of [...order, ...order.filter((path) => cyclic.has(path))]) {
      flows.set(path, this.analyzeWithImports(path));
    }
    // one finding per sink, with the paths from every module that reaches it
    return flowFindings([...flows.values()].flat()).filter(
      (finding) => !this.reported.has(sinkKey(finding)),
    );
  }

  private analyzeWithImports(path: string): TaintFlow[] {
    const module = this.modules.get(path);
    if (!module) return [];
    const parsed = parseSource(path, module.text, this.limits);
    if (parsed.kind !== 'parsed') return [];
    const exists = (candidate: string): boolean => this.modules.has(candidate);
    const importedSummary = (specifier: string, exportPath: readonly string[]) => {
      const target = resolveImport(path, specifier, exists);
      const exports = target ? this.modules.get(target)?.exports : undefined;
      if (!exports) return undefined;
      const key = exportPath.join('.');
      return (
        exports.get(key) ??
        (exportPath[0] === 'default' ? exports.get(exportPath.slice(1).join('.')) : undefined) ??
        (exportPath.length === 0 ? exports.get('default') : undefined)
      );
    };
    const analysis = analyzeCode(parsed.program, path, module.text, parsed.lines, {
      ...this.options,
      importedSummary,
    });
    module.exports = analysis.exports;
    const lines = module.text.split('\n');
    return analysis.flows.filter((flow) => {
      const ruleId = flowRuleId(flow);
      return ruleId === undefined || !findInlineIgnore(lines, flow.sink.location.startLine, ruleId);
    });
  }
}
