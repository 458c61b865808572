import { KeywordIndex } from './keywordIndex.js';
import type { SecretRule } from './rule.js';

export interface CompiledRule {
  rule: SecretRule;
  /** Global, with indices, for scanning a whole file; absent for `detect` rules. */
  pattern: RegExp | undefined;
}

/** Rules compiled once per scan: keyword index, per-keyword rule lists, global regexes. */
export interface RuleSet {
  rules: readonly CompiledRule[];
  keywords: KeywordIndex;
  /** For each keyword id, the indices of the rules it enables. */
  rulesByKeyword: readonly (readonly number[])[];
  /** For each rule index, its keyword ids. */
  keywordsByRule: readonly (readonly number[])[];
  /** Indices of rules without keywords, gated by their `paths` alone. */
  pathOnly: readonly number[];
  /** User-configured values that are never reported. */
  allow: readonly RegExp[];
}

export interface RuleSetOptions {
  /** Rule ids (with or without `secrets/`) to leave out. */
  disable?: readonly string[];
  /** Regular expression sources; a secret matching one is not reported. */
  allow?: readonly string[];
}

export function compileRules(rules: readonly SecretRule[], options: RuleSetOptions = {}): RuleSet {
  const disabled = new Set((options.disable ?? []).map((id) => id.replace(/^secrets\//, '')));
  const enabled = rules.filter((rule) => !disabled.has(rule.id));
  const keywordIds = new Map<string, number>();
  const rulesByKeyword: number[][] = [];
  const keywordsByRule: number[][] = [];
  enabled.forEach((rule, index) => {
    keywordsByRule.push([]);
    for (const keyword of rule.keywords) {
      const key = keyword.toLowerCase();
      let id = keywordIds.get(key);
      if (id === undefined) {
        id = keywordIds.size;
        keywordIds.set(key, id);
        rulesByKeyword.push([]);
      }
      rulesByKeyword[id]?.push(index);
      keywordsByRule[index]?.push(id);
    }
  });
  return {
    rules: enabled.map((rule) => ({
      rule,
      pattern: rule.pattern && new RegExp(rule.pattern.source, globalFlags(rule.pattern.flags)),
    })),
    keywords: new KeywordIndex([...keywordIds.keys()]),
    rulesByKeyword,
    keywordsByRule,
    pathOnly: enabled.flatMap((rule, index) => (rule.keywords.length === 0 ? [index] : [])),
    allow: (options.allow ?? []).map((source) => new RegExp(source)),
  };
}

function globalFlags(flags: string): string {
  return [...new Set(`${flags.replace(/[gy]/g, '')}gd`)].join('');
}
