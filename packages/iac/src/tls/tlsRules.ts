import type { IacExample, IacRule } from '../rule.js';

export type TlsRuleId =
  'tls-protocol-below-profile' | 'tls-cipher-outside-profile' | 'tls-hsts-missing' | 'tls-weak-dh';

/** A TLS server-configuration rule; the nginx, Apache and HAProxy checkers report its id. */
export interface TlsRule extends IacRule {
  id: TlsRuleId;
  target: 'tls';
}

const SERVER = (body: string) =>
  `server {\n    listen 443 ssl;\n    ssl_certificate /etc/ssl/site.pem;\n    ssl_certificate_key /etc/ssl/site.key;\n${body}}\n`;
const GOOD_PROTOCOLS = '    ssl_protocols TLSv1.2 TLSv1.3;\n';
const GOOD_CIPHERS =
  '    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;\n';
/** An nginx site in a project, scanned with the default (intermediate) profile. */
const site = (body: string): IacExample => ({
  files: { 'nginx/conf.d/site.conf': SERVER(body) },
});
const HSTS = '    add_header Strict-Transport-Security "max-age=63072000" always;\n';
const MOZILLA = 'https://wiki.mozilla.org/Security/Server_Side_TLS';

export const tlsRules: readonly TlsRule[] = [
  {
    id: 'tls-protocol-below-profile',
    target: 'tls',
    title: 'TLS server enables protocol versions below the profile',
    description:
      'SSLv3, TLS 1.0 and TLS 1.1 are deprecated (RFC 7568, RFC 8996): they rely on SHA-1/MD5 handshakes and CBC constructions with known attacks (POODLE, BEAST). The chosen Mozilla profile sets the lowest version to offer (intermediate: TLS 1.2; modern: TLS 1.3).',
    severity: 'medium',
    confidence: 'high',
    remediation:
      "Enable only the profile's versions, e.g. ssl_protocols TLSv1.2 TLSv1.3; (vigil tls config prints a complete configuration).",
    cwe: ['CWE-326', 'CWE-327'],
    references: [MOZILLA, 'https://www.rfc-editor.org/rfc/rfc8996'],
    examples: {
      vulnerable: site(`    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n${GOOD_CIPHERS}${HSTS}`),
      compliant: site(`${GOOD_PROTOCOLS}${GOOD_CIPHERS}${HSTS}`),
    },
  },
  {
    id: 'tls-cipher-outside-profile',
    target: 'tls',
    title: 'TLS server enables cipher suites outside the profile',
    description:
      'Cipher suites without forward secrecy (static RSA key exchange), with CBC-mode MACs, 3DES, RC4, NULL or anonymous authentication weaken every connection that negotiates them. The Mozilla profile lists the suites to offer; anything else is reported.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      "Set the cipher list to exactly the profile's suites (vigil tls config prints it).",
    cwe: ['CWE-327'],
    references: [MOZILLA],
    examples: {
      vulnerable: site(`${GOOD_PROTOCOLS}    ssl_ciphers HIGH:!aNULL:!MD5;\n${HSTS}`),
      compliant: site(`${GOOD_PROTOCOLS}${GOOD_CIPHERS}${HSTS}`),
    },
  },
  {
    id: 'tls-hsts-missing',
    target: 'tls',
    title: 'HTTPS server sends no HSTS header (or a short one)',
    description:
      'Without Strict-Transport-Security, a browser that follows an http:// link or bookmark can be downgraded and intercepted (SSL stripping). The Mozilla guidelines ask for a max-age of at least two years (63072000 seconds).',
    severity: 'low',
    confidence: 'high',
    remediation:
      'Add add_header Strict-Transport-Security "max-age=63072000" always; to the TLS server.',
    cwe: ['CWE-319'],
    references: [MOZILLA, 'https://www.rfc-editor.org/rfc/rfc6797'],
    examples: {
      vulnerable: site(`${GOOD_PROTOCOLS}${GOOD_CIPHERS}`),
      compliant: site(`${GOOD_PROTOCOLS}${GOOD_CIPHERS}${HSTS}`),
    },
  },
  {
    id: 'tls-weak-dh',
    target: 'tls',
    title: 'Weak Diffie-Hellman or elliptic-curve parameters',
    description:
      'Finite-field DH groups below 2048 bits (Logjam) and elliptic curves below 256 bits can be broken by well-resourced attackers, exposing the session keys of recorded traffic.',
    severity: 'medium',
    confidence: 'high',
    remediation:
      'Use 2048-bit or larger DH parameters (the RFC 7919 ffdhe2048 group), or drop DHE suites; use the curves X25519, prime256v1 and secp384r1.',
    cwe: ['CWE-326'],
    references: [MOZILLA, 'https://weakdh.org/'],
    examples: {
      vulnerable: site(
        `${GOOD_PROTOCOLS}${GOOD_CIPHERS}    ssl_ecdh_curve secp192r1:prime256v1;\n${HSTS}`,
      ),
      compliant: site(
        `${GOOD_PROTOCOLS}${GOOD_CIPHERS}    ssl_ecdh_curve X25519:prime256v1:secp384r1;\n${HSTS}`,
      ),
    },
  },
];
