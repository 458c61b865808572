import type { Finding } from '@vigil/core';
import { parseApacheConfig, type ApacheNode } from './parseApacheConfig.js';
import {
  tlsFinding,
  type TlsCheckOptions,
  type TlsDetection,
  type TlsWarning,
  syntaxWarnings,
  uncheckedWarning,
} from './tlsFinding.js';
import { bundledTlsGuidelines, TLS_VERSIONS, type TlsGuidelines } from './tlsGuidelines.js';
import {
  cipherDirectiveProblems,
  hstsProblem,
  minimumDhBits,
  protocolsBelowProfile,
  tls13SuitesOutsideProfile,
  usesPreTls13,
  weakCurves,
} from './tlsProfileChecks.js';

/** Sections whose directives apply to the whole server or virtual host (not per path). */
const TRANSPARENT = new Set(['ifmodule', 'ifdefine', 'ifversion', 'ifdirective', 'iffile']);

/** Directives of a level, looking through conditional sections. */
function flatten(nodes: readonly ApacheNode[]): ApacheNode[] {
  return nodes.flatMap((node) =>
    node.children && TRANSPARENT.has(node.name.toLowerCase()) ? flatten(node.children) : [node],
  );
}

function find(
  nodes: readonly ApacheNode[],
  name: string,
  filter: (node: ApacheNode) => boolean = () => true,
): ApacheNode | undefined {
  const lower = name.toLowerCase();
  return nodes
    .filter((node) => !node.children && node.name.toLowerCase() === lower && filter(node))
    .pop();
}

/** `SSLProtocol` as Apache reads it: `all`, `+X`, `-X`, bare names add. */
function enabledProtocols(args: readonly string[]): string[] {
  const enabled = new Set<string>();
  for (const arg of args) {
    const sign = arg.startsWith('-') ? '-' : '+';
    const name = arg.replace(/^[+-]/, '');
    const versions =
      name.toLowerCase() === 'all'
        ? ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']
        : TLS_VERSIONS.filter((v) => v.toLowerCase() === name.toLowerCase());
    for (const version of versions) {
      if (sign === '-') enabled.delete(version);
      else enabled.add(version);
    }
  }
  return [...enabled];
}

function confCmd(nodes: readonly ApacheNode[], command: string): ApacheNode | undefined {
  return find(
    nodes,
    'SSLOpenSSLConfCmd',
    (node) => node.args[0]?.toLowerCase() === command.toLowerCase(),
  );
}

/**
 * Checks the TLS virtual hosts (`SSLEngine on`) of an Apache httpd configuration against a
 * Mozilla profile. Server-wide directives apply to every virtual host that does not override them.
 */
export function detectApacheTls(
  text: string,
  path: string,
  profileName: 'modern' | 'intermediate' = 'intermediate',
  guidelines: TlsGuidelines = bundledTlsGuidelines,
  options: TlsCheckOptions = {},
): TlsDetection {
  const profile = guidelines.profiles[profileName];
  const config = parseApacheConfig(text);
  const warnings: TlsWarning[] = syntaxWarnings('Apache', config.errors);
  const findings: Finding[] = [];
  const global = flatten(config.nodes);
  const hosts = global.filter((node) => node.children && node.name.toLowerCase() === 'virtualhost');
  const reported = new Set<ApacheNode>();
  for (const host of hosts) {
    const own = flatten(host.children ?? []);
    if (
      find(own, 'SSLEngine')?.args[0]?.toLowerCase() !== 'on' &&
      find(global, 'SSLEngine')?.args[0]?.toLowerCase() !== 'on'
    )
      continue;
    const context = `${host.args.join(' ')} ${find(own, 'ServerName')?.args[0] ?? ''}`;
    const get = (name: string) => find(own, name) ?? find(global, name);
    const report = (node: ApacheNode, id: Parameters<typeof tlsFinding>[0], message: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      findings.push(
        tlsFinding(
          id,
          path,
          {
            line: node.line,
            column: node.column,
            endLine: node.endLine,
            endColumn: node.endColumn,
          },
          message,
          `${node.name} ${node.args.join(' ')}`,
          context,
        ),
      );
    };
    const protocolNode = get('SSLProtocol');
    const protocols = protocolNode ? enabledProtocols(protocolNode.args) : undefined;
    if (protocolNode && protocols) {
      const below = protocolsBelowProfile(protocols, profile);
      if (below.length > 0)
        report(
          protocolNode,
          'tls-protocol-below-profile',
          `SSLProtocol enables ${below.join(', ')}, below the ${profileName} profile`,
        );
    }
    const suites = own
      .concat(global)
      .filter((node) => !node.children && node.name.toLowerCase() === 'sslciphersuite');
    const tls12 =
      find(own, 'SSLCipherSuite', (node) => node.args.length === 1 || node.args[0] === 'SSL') ??
      find(global, 'SSLCipherSuite', (node) => node.args.length === 1 || node.args[0] === 'SSL');
    if (tls12 && profile.opensslCiphers.length > 0 && usesPreTls13(protocols)) {
      const problems = cipherDirectiveProblems(
        'SSLCipherSuite',
        tls12.args[tls12.args.length - 1] ?? '',
        profile,
        profileName,
      );
      if (problems.outside) report(tls12, 'tls-cipher-outside-profile', problems.outside);
      if (problems.unchecked) warnings.push(uncheckedWarning(problems.unchecked, tls12));
    }
    const tls13 = suites.find((node) => node.args[0] === 'TLSv1.3');
    if (tls13) {
      const outside = tls13SuitesOutsideProfile(tls13.args[1] ?? '', profile);
      if (outside.length > 0)
        report(
          tls13,
          'tls-cipher-outside-profile',
          `TLS 1.3 suites outside the profile: ${outside.join(', ')}`,
        );
    }
    const curves =
      confCmd(own, 'Curves') ??
      confCmd(own, 'Groups') ??
      confCmd(global, 'Curves') ??
      confCmd(global, 'Groups');
    if (curves) {
      const weak = weakCurves(curves.args[1] ?? '', profile);
      if (weak.length > 0)
        report(
          curves,
          'tls-weak-dh',
          `curves below ${String(profile.ecdhParamSize ?? 256)} bits: ${weak.join(', ')}`,
        );
    }
    const dh = confCmd(own, 'DHParameters') ?? confCmd(global, 'DHParameters');
    const file = dh?.args[1];
    if (dh && file !== undefined) {
      const bits = options.dhParamBits?.(file);
      if (bits !== undefined && bits < minimumDhBits(profile))
        report(dh, 'tls-weak-dh', `DHParameters ${file} holds ${String(bits)}-bit DH parameters`);
    }
    const isHsts = (node: ApacheNode) =>
      node.args.some((arg) => arg.toLowerCase() === 'strict-transport-security');
    const hsts = find(own, 'Header', isHsts) ?? find(global, 'Header', isHsts);
    if (hsts) {
      const index = hsts.args.findIndex((arg) => arg.toLowerCase() === 'strict-transport-security');
      const problem = hstsProblem(hsts.args[index + 1] ?? '', profile);
      if (problem) report(hsts, 'tls-hsts-missing', problem);
    } else {
      const include = own.concat(global).find((node) => /^include(optional)?$/i.test(node.name));
      if (include)
        warnings.push(
          uncheckedWarning(
            `HSTS not found in this virtual host; "${include.args[0] ?? ''}" is included and was not read`,
            host,
          ),
        );
      else
        findings.push(
          tlsFinding(
            'tls-hsts-missing',
            path,
            {
              line: host.line,
              column: host.column,
              endLine: host.line,
              endColumn: host.column + host.name.length + 1,
            },
            'TLS virtual host sends no Strict-Transport-Security header',
            'VirtualHost',
            context,
          ),
        );
    }
  }
  return { findings, warnings };
}
