import type { Finding } from '@vigil/core';
import { parseHaproxyConfig, type HaproxyLine, type HaproxySection } from './parseHaproxyConfig.js';
import {
  tlsFinding,
  type TlsCheckOptions,
  type TlsDetection,
  type TlsWarning,
  syntaxWarnings,
  uncheckedWarning,
} from './tlsFinding.js';
import {
  bundledTlsGuidelines,
  compareTlsVersions,
  TLS_VERSIONS,
  type TlsGuidelines,
} from './tlsGuidelines.js';
import {
  cipherDirectiveProblems,
  hstsProblem,
  minimumDhBits,
  protocolsBelowProfile,
  tls13SuitesOutsideProfile,
  weakCurves,
} from './tlsProfileChecks.js';

const HAPROXY_VERSIONS: Readonly<Record<string, string>> = {
  SSLv3: 'SSLv3',
  TLSv1: 'TLSv1',
  'TLSv1.0': 'TLSv1',
  'TLSv1.1': 'TLSv1.1',
  'TLSv1.2': 'TLSv1.2',
  'TLSv1.3': 'TLSv1.3',
};
const FORCE: Readonly<Record<string, string>> = {
  'force-sslv3': 'SSLv3',
  'force-tlsv10': 'TLSv1',
  'force-tlsv11': 'TLSv1.1',
  'force-tlsv12': 'TLSv1.2',
  'force-tlsv13': 'TLSv1.3',
};
const NO: Readonly<Record<string, string>> = {
  'no-sslv3': 'SSLv3',
  'no-tlsv10': 'TLSv1',
  'no-tlsv11': 'TLSv1.1',
  'no-tlsv12': 'TLSv1.2',
  'no-tlsv13': 'TLSv1.3',
};

function valueAfter(words: readonly string[], keyword: string): string | undefined {
  const index = words.indexOf(keyword);
  return index < 0 ? undefined : words[index + 1];
}

/**
 * The versions a bind line (with the global defaults) enables, or undefined when the config does
 * not say and the HAProxy version decides (2.2+ defaults to TLS 1.2 as the minimum).
 */
function enabledVersions(options: readonly string[]): string[] | undefined {
  const forced = options.map((word) => FORCE[word]).filter((version) => version !== undefined);
  if (forced.length > 0) return forced;
  const min = valueAfter(options, 'ssl-min-ver');
  const max = valueAfter(options, 'ssl-max-ver');
  const disabled = new Set(
    options.map((word) => NO[word]).filter((version) => version !== undefined),
  );
  const minimum = min === undefined ? undefined : HAPROXY_VERSIONS[min];
  const maximum = max === undefined ? 'TLSv1.3' : (HAPROXY_VERSIONS[max] ?? 'TLSv1.3');
  const candidates = TLS_VERSIONS.filter(
    (version) => version !== 'SSLv2' && !disabled.has(version),
  );
  if (minimum === undefined) {
    // Without ssl-min-ver, only explicit no-* options tell anything: everything old must be off.
    if (!disabled.has('TLSv1') && !disabled.has('TLSv1.1')) return undefined;
    return candidates.filter(
      (version) =>
        compareTlsVersions(version, 'TLSv1') >= 0 && compareTlsVersions(version, maximum) <= 0,
    );
  }
  return candidates.filter(
    (version) =>
      compareTlsVersions(version, minimum) >= 0 && compareTlsVersions(version, maximum) <= 0,
  );
}

function keyword(section: HaproxySection | undefined, name: string): HaproxyLine | undefined {
  return section?.lines.filter((line) => line.words[0] === name).pop();
}

/**
 * Checks the TLS `bind` lines of an HAProxy configuration (and the `global` defaults they use)
 * against a Mozilla profile; HSTS in the HTTP-mode frontends/listens that terminate TLS.
 */
export function detectHaproxyTls(
  text: string,
  path: string,
  profileName: 'modern' | 'intermediate' = 'intermediate',
  guidelines: TlsGuidelines = bundledTlsGuidelines,
  options: TlsCheckOptions = {},
): TlsDetection {
  const profile = guidelines.profiles[profileName];
  const config = parseHaproxyConfig(text);
  const warnings: TlsWarning[] = syntaxWarnings('HAProxy', config.errors);
  const findings: Finding[] = [];
  const global = config.sections.find((section) => section.kind === 'global');
  const reported = new Set<HaproxyLine>();
  const report = (
    line: HaproxyLine,
    id: Parameters<typeof tlsFinding>[0],
    message: string,
    context: string,
  ) => {
    if (reported.has(line)) return;
    reported.add(line);
    findings.push(
      tlsFinding(
        id,
        path,
        { line: line.line, column: line.column, endLine: line.line, endColumn: line.endColumn },
        message,
        line.words.join(' '),
        context,
      ),
    );
  };
  const dhParam = keyword(global, 'tune.ssl.default-dh-param');
  const dhBits = Number(dhParam?.words[1]);
  if (dhParam && Number.isFinite(dhBits) && dhBits < minimumDhBits(profile))
    report(
      dhParam,
      'tls-weak-dh',
      `tune.ssl.default-dh-param ${String(dhBits)} is below ${String(minimumDhBits(profile))} bits`,
      'global',
    );
  const dhFile = keyword(global, 'ssl-dh-param-file');
  const file = dhFile?.words[1];
  if (dhFile && file !== undefined) {
    const bits = options.dhParamBits?.(file);
    if (bits !== undefined && bits < minimumDhBits(profile))
      report(
        dhFile,
        'tls-weak-dh',
        `ssl-dh-param-file ${file} holds ${String(bits)}-bit DH parameters`,
        'global',
      );
  }
  let lastDefaults: HaproxySection | undefined;
  for (const section of config.sections) {
    if (section.kind === 'defaults') lastDefaults = section;
    if (section.kind !== 'frontend' && section.kind !== 'listen') continue;
    const context = `${section.kind} ${section.name}`;
    const binds = section.lines.filter(
      (line) => line.words[0] === 'bind' && line.words.includes('ssl'),
    );
    if (binds.length === 0) continue;
    for (const bind of binds) {
      const globalOptions = keyword(global, 'ssl-default-bind-options');
      const bindVersions = enabledVersions(bind.words);
      const versions = bindVersions ?? enabledVersions(globalOptions?.words.slice(1) ?? []);
      if (versions) {
        const below = protocolsBelowProfile(versions, profile);
        const where = bindVersions ? bind : globalOptions;
        if (below.length > 0 && where)
          report(
            where,
            'tls-protocol-below-profile',
            `TLS versions ${below.join(', ')} are enabled, below the ${profileName} profile`,
            context,
          );
      }
      const ciphers =
        valueAfter(bind.words, 'ciphers') !== undefined
          ? bind
          : keyword(global, 'ssl-default-bind-ciphers');
      const cipherString = ciphers === bind ? valueAfter(bind.words, 'ciphers') : ciphers?.words[1];
      if (ciphers && cipherString !== undefined && profile.opensslCiphers.length > 0) {
        const problems = cipherDirectiveProblems('ciphers', cipherString, profile, profileName);
        if (problems.outside)
          report(ciphers, 'tls-cipher-outside-profile', problems.outside, context);
        if (problems.unchecked) warnings.push(uncheckedWarning(problems.unchecked, ciphers));
      }
      const suites =
        valueAfter(bind.words, 'ciphersuites') !== undefined
          ? bind
          : keyword(global, 'ssl-default-bind-ciphersuites');
      const suiteString =
        suites === bind ? valueAfter(bind.words, 'ciphersuites') : suites?.words[1];
      if (suites && suiteString !== undefined) {
        const outside = tls13SuitesOutsideProfile(suiteString, profile);
        if (outside.length > 0)
          report(
            suites,
            'tls-cipher-outside-profile',
            `TLS 1.3 suites outside the profile: ${outside.join(', ')}`,
            context,
          );
      }
      const curves =
        valueAfter(bind.words, 'curves') !== undefined
          ? bind
          : keyword(global, 'ssl-default-bind-curves');
      const curveList = curves === bind ? valueAfter(bind.words, 'curves') : curves?.words[1];
      if (curves && curveList !== undefined) {
        const weak = weakCurves(curveList, profile);
        if (weak.length > 0)
          report(
            curves,
            'tls-weak-dh',
            `curves below ${String(profile.ecdhParamSize ?? 256)} bits: ${weak.join(', ')}`,
            context,
          );
      }
    }
    const mode = keyword(section, 'mode')?.words[1] ?? keyword(lastDefaults, 'mode')?.words[1];
    if (mode !== 'http') continue;
    const header = section.lines.find(
      (line) =>
        (line.words[0] === 'http-response' || line.words[0] === 'http-after-response') &&
        (line.words[1] === 'set-header' || line.words[1] === 'add-header') &&
        line.words[2]?.toLowerCase() === 'strict-transport-security',
    );
    if (header) {
      const problem = hstsProblem(header.words.slice(3).join(' '), profile);
      if (problem) report(header, 'tls-hsts-missing', problem, context);
    } else
      findings.push(
        tlsFinding(
          'tls-hsts-missing',
          path,
          {
            line: section.line,
            column: section.column,
            endLine: section.line,
            endColumn: section.column + section.kind.length,
          },
          `${context} terminates TLS but sends no Strict-Transport-Security header`,
          section.kind,
          context,
        ),
      );
  }
  return { findings, warnings };
}
