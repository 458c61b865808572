export type TlsConfigKind = 'nginx' | 'apache' | 'haproxy';

/** A line opening an nginx `server` or `http` block. */
const nginxBlock = /^[ \t]*(?:server|http)[ \t]*\{/m;
/** An nginx TLS directive: `ssl_…` or a `listen … ssl`, ended by `;`. */
const nginxTlsDirective =
  /^[ \t]*(?:ssl_[a-z_]+[ \t][^;{}\n]*|listen[ \t][^;{}\n]*\bssl\b[^;{}\n]*);/m;
const apacheVirtualHost = /^[ \t]*<VirtualHost\b/im;
const apacheTlsDirective = /^[ \t]*(?:SSLEngine|SSLProtocol|SSLCipherSuite)[ \t]/im;

/** Whether the path can hold a server configuration `tlsConfigKind` recognizes. */
export function isTlsConfigCandidate(path: string): boolean {
  return /\.(?:conf|cfg)$/i.test(path);
}

/**
 * Which TLS checker reads a file, from its name, its directories and its content; undefined for
 * anything else. `conf.d/`, `sites-available/` and `sites-enabled/` are shared by many programs
 * (supervisord, fontconfig, Apache), and `*.conf` anywhere is rarely nginx, so there the content
 * must show a `server`/`http` block (and elsewhere TLS directives too) before a file counts.
 */
export function tlsConfigKind(path: string, text: string): TlsConfigKind | undefined {
  const parts = path.toLowerCase().split('/');
  const name = parts.pop() ?? '';
  const directories = new Set(parts);
  if (name === 'haproxy.cfg' || (directories.has('haproxy') && name.endsWith('.cfg')))
    return 'haproxy';
  if (!name.endsWith('.conf')) return undefined;
  if (name === 'nginx.conf') return 'nginx';
  if (name === 'httpd.conf' || name === 'apache2.conf') return 'apache';
  if (directories.has('apache2') || directories.has('httpd'))
    return name === 'ssl.conf' || apacheVirtualHost.test(text) ? 'apache' : undefined;
  if (directories.has('nginx')) return 'nginx';
  if (apacheVirtualHost.test(text) || (name === 'ssl.conf' && apacheTlsDirective.test(text)))
    return apacheTlsDirective.test(text) ? 'apache' : undefined;
  if (!nginxBlock.test(text)) return undefined;
  if (['conf.d', 'sites-available', 'sites-enabled'].some((part) => directories.has(part)))
    return 'nginx';
  return nginxTlsDirective.test(text) ? 'nginx' : undefined;
}
