import type { Finding } from '@vigil/core';
import { parseNginxConfig, type NginxDirective } from './parseNginxConfig.js';
import {
  tlsFinding,
  type TlsCheckOptions,
  type TlsDetection,
  type TlsSpot,
  type TlsWarning,
  syntaxWarnings,
  uncheckedWarning,
} from './tlsFinding.js';
import { bundledTlsGuidelines, type TlsGuidelines } from './tlsGuidelines.js';
import {
  cipherDirectiveProblems,
  hstsProblem,
  minimumDhBits,
  protocolsBelowProfile,
  usesPreTls13,
  weakCurves,
} from './tlsProfileChecks.js';

function spot(directive: NginxDirective): TlsSpot {
  return {
    line: directive.line,
    column: directive.column,
    endLine: directive.endLine,
    endColumn: directive.endColumn,
  };
}

/** Header spot of a block directive (its first line), for absences. */
function headerSpot(directive: NginxDirective): TlsSpot {
  return {
    line: directive.line,
    column: directive.column,
    endLine: directive.line,
    endColumn: directive.column + directive.name.length,
  };
}

function isTlsServer(server: readonly NginxDirective[]): boolean {
  return server.some(
    (directive) =>
      (directive.name === 'listen' &&
        (directive.args.includes('ssl') || /(^|:|\])443$/.test(directive.args[0] ?? ''))) ||
      (directive.name === 'ssl' && directive.args[0] === 'on'),
  );
}

/** `server` blocks with the directive lists they inherit from (innermost first). */
function serversOf(
  directives: readonly NginxDirective[],
  parents: (readonly NginxDirective[])[],
): { server: NginxDirective; scopes: (readonly NginxDirective[])[] }[] {
  const result: { server: NginxDirective; scopes: (readonly NginxDirective[])[] }[] = [];
  for (const directive of directives) {
    if (!directive.block) continue;
    if (directive.name === 'server')
      result.push({ server: directive, scopes: [directive.block, ...parents] });
    else if (directive.name === 'http')
      result.push(...serversOf(directive.block, [directive.block, ...parents]));
  }
  return result;
}

/** Directives of one level by name, built once per level: servers share their http level. */
const levelIndex = new WeakMap<readonly NginxDirective[], Map<string, NginxDirective[]>>();

function byName(list: readonly NginxDirective[], name: string): readonly NginxDirective[] {
  let index = levelIndex.get(list);
  if (!index) {
    index = new Map();
    for (const directive of list)
      index.set(directive.name, [...(index.get(directive.name) ?? []), directive]);
    levelIndex.set(list, index);
  }
  return index.get(name) ?? [];
}

function last(list: readonly NginxDirective[], name: string): NginxDirective | undefined {
  const found = byName(list, name);
  return found[found.length - 1];
}

function effective(
  scopes: readonly (readonly NginxDirective[])[],
  name: string,
): NginxDirective | undefined {
  for (const scope of scopes) {
    const found = last(scope, name);
    if (found) return found;
  }
  return undefined;
}

function isHsts(directive: NginxDirective): boolean {
  return (
    directive.name === 'add_header' &&
    directive.args[0]?.toLowerCase() === 'strict-transport-security'
  );
}

/**
 * Checks the TLS servers of an nginx configuration file (a full `nginx.conf` or a `conf.d`
 * snippet of `server` blocks) against a Mozilla profile: protocols, ciphers, HSTS, DH/ECDH sizes.
 * Settings nginx would inherit from files it includes are unknown; such servers are not reported
 * as missing HSTS, and a warning says so.
 */
export function detectNginxTls(
  text: string,
  path: string,
  profileName: 'modern' | 'intermediate' = 'intermediate',
  guidelines: TlsGuidelines = bundledTlsGuidelines,
  options: TlsCheckOptions = {},
): TlsDetection {
  const profile = guidelines.profiles[profileName];
  const config = parseNginxConfig(text);
  const warnings: TlsWarning[] = syntaxWarnings('nginx', config.errors);
  const findings: Finding[] = [];
  const reported = new Set<NginxDirective>();
  for (const { server, scopes } of serversOf(config.directives, [config.directives])) {
    const body = server.block ?? [];
    if (!isTlsServer(body)) continue;
    // Fingerprints name the server, never line numbers.
    const serverName = last(body, 'server_name')?.args.join(' ') ?? '';
    const report = (
      directive: NginxDirective,
      id: Parameters<typeof tlsFinding>[0],
      message: string,
    ) => {
      const evidence = `${directive.name} ${directive.args.join(' ')}`.trim();
      findings.push(tlsFinding(id, path, spot(directive), message, evidence, serverName));
    };
    const protocols = effective(scopes, 'ssl_protocols');
    if (protocols && !reported.has(protocols)) {
      const below = protocolsBelowProfile(protocols.args, profile);
      if (below.length > 0) {
        reported.add(protocols);
        report(
          protocols,
          'tls-protocol-below-profile',
          `ssl_protocols enables ${below.join(', ')}, below the ${profileName} profile (${profile.tlsVersions.join(', ')})`,
        );
      }
    }
    const ciphers = effective(scopes, 'ssl_ciphers');
    if (
      ciphers &&
      !reported.has(ciphers) &&
      profile.opensslCiphers.length > 0 &&
      usesPreTls13(protocols?.args)
    ) {
      reported.add(ciphers);
      const problems = cipherDirectiveProblems(
        'ssl_ciphers',
        ciphers.args.join(':'),
        profile,
        profileName,
      );
      if (problems.outside) report(ciphers, 'tls-cipher-outside-profile', problems.outside);
      if (problems.unchecked) warnings.push(uncheckedWarning(problems.unchecked, ciphers));
    }
    const curves = effective(scopes, 'ssl_ecdh_curve');
    if (curves && !reported.has(curves)) {
      const weak = weakCurves(curves.args.join(':'), profile);
      if (weak.length > 0) {
        reported.add(curves);
        report(
          curves,
          'tls-weak-dh',
          `ssl_ecdh_curve allows curves below ${String(profile.ecdhParamSize ?? 256)} bits: ${weak.join(', ')}`,
        );
      }
    }
    const dhparam = effective(scopes, 'ssl_dhparam');
    const file = dhparam?.args[0];
    if (dhparam && file !== undefined && !reported.has(dhparam)) {
      const bits = options.dhParamBits?.(file);
      if (bits !== undefined && bits < minimumDhBits(profile)) {
        reported.add(dhparam);
        report(
          dhparam,
          'tls-weak-dh',
          `ssl_dhparam ${file} holds ${String(bits)}-bit DH parameters (at least ${String(minimumDhBits(profile))} needed)`,
        );
      }
    }
    // add_header is inherited only by levels that define none of their own.
    const headerScope = scopes.find((scope) => byName(scope, 'add_header').length > 0);
    const hsts = headerScope && byName(headerScope, 'add_header').filter(isHsts).pop();
    const inLocations = body.some(
      (directive) => directive.name === 'location' && directive.block?.some(isHsts),
    );
    if (hsts) {
      const problem = hstsProblem(hsts.args[1] ?? '', profile);
      if (problem && !reported.has(hsts)) {
        reported.add(hsts);
        report(hsts, 'tls-hsts-missing', problem);
      }
    } else if (!inLocations) {
      const include = scopes.map((scope) => last(scope, 'include')).find(Boolean);
      if (include)
        warnings.push(
          uncheckedWarning(
            `HSTS not found in this TLS server; "${include.args[0] ?? ''}" is included and was not read`,
            server,
          ),
        );
      else
        findings.push(
          tlsFinding(
            'tls-hsts-missing',
            path,
            headerSpot(server),
            'TLS server sends no Strict-Transport-Security header',
            'server',
            serverName,
          ),
        );
    }
  }
  return { findings, warnings };
}
