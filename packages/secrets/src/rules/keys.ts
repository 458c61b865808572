import type { SecretRule } from '../rule.js';

/**
 * Private keys and signed tokens: PEM blocks of every kind (also JSON-escaped or base64-encoded),
 * PuTTY, age, WireGuard, minisign/signify and OpenVPN keys, and JWTs. Public keys and
 * certificates never match.
 */

const PEM_DOCS = 'https://www.rfc-editor.org/rfc/rfc7468';
const KEY_REMEDIATION =
  'Treat the key as compromised: revoke it (or its certificate), generate a new key pair, remove ' +
  'the key from the code and from git history, and load it at run time from a secret store.';

/**
 * A PEM body: base64 lines, armor headers (`Proc-Type: 4,ENCRYPTED`, `Version: …`), `\n`
 * escapes and string concatenation (`"…\n" +`). It never contains `--`, so a block cannot run
 * past the next `-----` line: the match is linear in the text however many headers it holds.
 */
const PEM_BODY = String.raw`(?:[A-Za-z0-9+/=\s:,.()<>@_"'\\]|-(?!-)){32,16384}`;

interface PemKind {
  id: string;
  /** The label between `-----BEGIN ` and `-----`. */
  label: string;
  title: string;
  description: string;
  severity: SecretRule['severity'];
  verify?: (block: string) => boolean;
  references?: readonly string[];
  match: readonly string[];
  noMatch: readonly string[];
}

/** The whole block, BEGIN to END line, is the secret. */
function pemPrivateKey(kind: PemKind): SecretRule {
  return {
    id: kind.id,
    title: kind.title,
    description: kind.description,
    severity: kind.severity,
    confidence: 'high',
    keywords: [`begin ${kind.label.toLowerCase()}`],
    pattern: new RegExp(`-----BEGIN ${kind.label}-----${PEM_BODY}-----END ${kind.label}-----`),
    scope: 'file',
    verify: kind.verify,
    remediation: KEY_REMEDIATION,
    references: kind.references ?? [PEM_DOCS],
    examples: { match: kind.match, noMatch: kind.noMatch },
  };
}

/** Base64 payload of a PEM block, without armor lines, headers or escapes. */
function pemPayload(block: string): string {
  return block
    .replace(/-----[A-Z0-9 ]+-----/g, '')
    .replace(/\\[nr]/g, '')
    .replace(/["'`]\s*\+\s*["'`]/g, '')
    .replace(/^[A-Za-z-]+: .*$/gm, '')
    .replace(/[^A-Za-z0-9+/=]/g, '');
}

/** OpenSSH keys are base64 of a structure that starts with "openssh-key-v1\0". */
function hasOpenSshMagic(block: string): boolean {
  return pemPayload(block).startsWith('b3BlbnNzaC1rZXktdjE');
}

/** Base64 of a PEM private key block (kubeconfig `client-key-data`, Kubernetes TLS secrets). */
function isBase64PemPrivateKey(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return (
    /^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/.test(decoded) &&
    decoded.includes('-----END ')
  );
}

// Bech32 (BIP 173), the encoding of age keys.
const BECH32_ALPHABET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function bech32Polymod(values: readonly number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    BECH32_GENERATORS.forEach((generator, bit) => {
      if ((top >>> bit) & 1) checksum ^= generator;
    });
  }
  return checksum;
}

/** The 5-bit values of bech32 data characters; -1 for a character outside the alphabet. */
function bech32Values(data: string): number[] {
  return Array.from({ length: data.length }, (_, i) => BECH32_ALPHABET.indexOf(data.charAt(i)));
}

function bech32HrpExpand(hrp: string): number[] {
  const codes = Array.from({ length: hrp.length }, (_, i) => hrp.charCodeAt(i));
  return [...codes.map((code) => code >> 5), 0, ...codes.map((code) => code & 31)];
}

function hasBech32Checksum(value: string): boolean {
  const lower = value.toLowerCase();
  const separator = lower.lastIndexOf('1');
  const data = bech32Values(lower.slice(separator + 1));
  if (separator < 1 || data.length < 6 || data.includes(-1)) return false;
  return bech32Polymod([...bech32HrpExpand(lower.slice(0, separator)), ...data]) === 1;
}

/** Appends the 6-character bech32 checksum (for examples and tests). */
function withBech32Checksum(hrp: string, data: string): string {
  const values = bech32Values(data.toLowerCase());
  const polymod = bech32Polymod([...bech32HrpExpand(hrp), ...values, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5]
    .map((index) => BECH32_ALPHABET.charAt((polymod >>> (5 * (5 - index))) & 31))
    .join('');
  return `${hrp}1${data}${checksum}`.toUpperCase();
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * A JWS: a JSON header with an `alg`, a JSON payload, and a signature unless `alg` is `none`
 * (unsigned tokens are still bearer credentials wherever a server accepts them).
 */
function isJwt(token: string): boolean {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const alg = decodeJsonObject(header)?.alg;
  if (typeof alg !== 'string' || decodeJsonObject(payload) === undefined) return false;
  return alg.toLowerCase() === 'none' || signature.length >= 16;
}

function base64Url(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

const ageSecretKey = withBech32Checksum(
  'age-secret-key-',
  'pt8yxt60ptheumfjfse5wtttr9awq72ej9lcpxzhf5valj4wss94',
);
const jwtClaims = base64Url({
  sub: 'user_tay4qxtovx5o',
  email: 'dana@acme-corp.io',
  role: 'admin',
  iat: 1735689600,
  exp: 1767225600,
});
const hs256Jwt = `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${jwtClaims}.hzPsxcS4INcSftViRkyW4hZKBApNLcsEYc2Vca2Q5QX`;
const unsignedJwt = `${base64Url({ alg: 'none', typ: 'JWT' })}.${jwtClaims}.`;
const base64RsaKey = Buffer.from(
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAaOAWgcQUx5N2hQVdmdf4s0OK1LRt4X3q4JGBY+gBPe7ZCa27\n8V86HbrsLJfLCJ3VZjaAY38PnY2neHvSYZ48Mb5VSPLBnztRpjv5Jxm6piCBiXw7\nIwvtii7oonGlNIR+0hlitRzS2izhJpaeZYcTQ6PMyWmdYKGLkd+ONKn5JtjtBL8a\n-----END RSA PRIVATE KEY-----\n',
).toString('base64');
const base64Certificate = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIUuqwYCTkHjBM/TUVYaKdFVUofGM3K23pL01Hy2uyyv2c8\n3swqcpf4w7/QYwdul/sjrYOlr8jK8mREG01PiNK2UpCz5A5tTWhnrJAfzwLxhNAF\n-----END CERTIFICATE-----\n',
).toString('base64');

export const keyRules: SecretRule[] = [
  pemPrivateKey({
    id: 'private-key-rsa',
    label: 'RSA PRIVATE KEY',
    title: 'RSA private key (PKCS#1)',
    description:
      'Signs and decrypts as the key’s owner: TLS servers, SSH logins, code or JWT signing.',
    severity: 'critical',
    match: [
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAD6PCVa9rLrpOqUV88M7TvMV16wDvYG3S07zGqpwJRwKpozk8\nFtzT6aoty3jXhDUxWSV8VicRUq3isoHu361FYOazi5enhWasUzIN4dhmgMC4871X\nDRO+wcyy6X7Ds5UoMXXWK/KXG/ivbYbxWieSwuiy8onGgeWwTJIA+rFA+Y0dFgX0\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,B788444642ADD5EB4A3C71213A39F0D5\n\nfWvKUbllLLnZiPOGm9ZNexMLriQLx2s+CFAW2T3Ay6rZtnXzgZ5FWdRYWY/Xx1YZ\n7kGyez2H3YXwjUqE/VYe9HYPu2dDfuuc1MIVioKVbxal9Un2kmaOxQCqhJoZIYa/\n-----END RSA PRIVATE KEY-----',
      'const key = "-----BEGIN RSA PRIVATE KEY-----\\n" +\n  "MIIEpAIBAAKCAQEAFIuMtGjZuldzub1nsCZ29QfyWLrw/nVUsI8yf53YJ41X9Lq2\\n" +\n  "Kj9wreBWV98r9jBa2XPr1QJawnhIkge3EAsGypxZB4BMAoYUO2LKIaYoAdrCgjik\\n" +\n  "-----END RSA PRIVATE KEY-----";',
    ],
    noMatch: [
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAI4trSHuX6LqetDu0FNaLKQhRW6x78+54+4jyxPaRJGzeUWqLIBq96MSS\nx1KmWDJXSML5qoBbVgVs1DZ1h0WD9SDrcQtvR3g7BfThK/JLcjqdmQUSwcswSeLE\n-----END RSA PUBLIC KEY-----',
    ],
  }),
  pemPrivateKey({
    id: 'private-key-dsa',
    label: 'DSA PRIVATE KEY',
    title: 'DSA private key',
    description: 'Signs as the key’s owner (legacy SSH and code-signing keys).',
    severity: 'critical',
    match: [
      '-----BEGIN DSA PRIVATE KEY-----\nMIIBuwIBAAKBgQDJLooyyMoIL/zQ4iEIwa5jLhSSR5xBd+cmxfbUuJiSiaKOMgcI\nGAgy3o8zQ5WtopnpKihPlIbQ6THLMf6NIGhRWikMKAdZY9bFHE/wstcvGVTf4D4R\n-----END DSA PRIVATE KEY-----',
    ],
    noMatch: [
      'ssh-dss AAAAB3NzaC1kc3MAAACBAHGr6gnb6/V6wUAkcRuWl/5XrqWyJ6CBxNmxeQVra35YOII9Lse1ms0IcFHwtLMx7d0fn1yT5x0/PCybCDGVIuUT8MYjcQKzCq+t2bjAh53qI7feBFyXFbJ6c deploy@build',
    ],
  }),
  pemPrivateKey({
    id: 'private-key-ec',
    label: 'EC PRIVATE KEY',
    title: 'Elliptic-curve private key (SEC 1)',
    description: 'Signs as the key’s owner: TLS servers, JWT (ES256) and code signing.',
    severity: 'critical',
    match: [
      'tls.key: |\n  -----BEGIN EC PRIVATE KEY-----\n  MHcCAQEEIjE07fmmeDSvdHG73qUthbyqG7c4k+kLIJAQ3+8W1FPaTUMkUIDROsX0\n  ZZvEU8W0MW0HPOR7sc2d9fAE7R158mE+3F3NZ0xQLk2Dqk3VMGCXxaufaSPblEaK\n  7zd/V6v4xYbKMxTIUGuhMDveqY2frpcx\n  -----END EC PRIVATE KEY-----',
    ],
    noMatch: ['-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----'],
  }),
  pemPrivateKey({
    id: 'private-key-pkcs8',
    label: 'PRIVATE KEY',
    title: 'Private key (PKCS#8)',
    description:
      'Signs and decrypts as the key’s owner: TLS servers, service accounts, JWT signing.',
    severity: 'critical',
    match: [
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASChmg/6rBp4ANRFOOLb72bbwxlZKqpHAEK\nBT2mvzgbCaQwtJAbVvnZH7d93lUP8HWRsW8nLHQTdN+nIhqGJsv2NJql1Oxbp8i7\n-----END PRIVATE KEY-----',
      '"-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEItk4FjDWg7EpyOHO46ALENW3EKlO\\n-----END PRIVATE KEY-----\\n"',
    ],
    noMatch: [
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCQYbfVOLkUr11yp9sFZ+gAGGf0nUf9sGfjYux\nreRUBFN/V11gxC74g8Rb4xkXBuWX+94TTgPmfx0b6Kt4f9WT009dW8cdnqNagiWu\n-----END PUBLIC KEY-----',
      '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIU50H6CNQHGrFU1FCYzWfl/bIya/1EMMYo8zVtKP0L58ml\n14kcw3OphyuGr2ZoE1BBnNKMCWty+qbXmAJnvVHw+2tKhMo+QH+ipD3qsnl1Fejy\n-----END CERTIFICATE-----',
    ],
  }),
  pemPrivateKey({
    id: 'private-key-pkcs8-encrypted',
    label: 'ENCRYPTED PRIVATE KEY',
    title: 'Encrypted private key (PKCS#8)',
    description:
      'A passphrase-protected private key: whoever has the passphrase, or guesses it offline, ' +
      'holds the key.',
    severity: 'high',
    match: [
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwvKoIIG7hIjvzRGW/WlVF\nI/9mVOXcL4k9j5DP6YGceadmGRmWgUPXspB+xNAmgVKpT4ZcWfY8+wJB5CiHXwBz\n-----END ENCRYPTED PRIVATE KEY-----',
    ],
    noMatch: ['-----BEGIN ENCRYPTED PRIVATE KEY-----\n-----END ENCRYPTED PRIVATE KEY-----'],
  }),
  pemPrivateKey({
    id: 'private-key-openssh',
    label: 'OPENSSH PRIVATE KEY',
    title: 'OpenSSH private key',
    description: 'Logs in over SSH (servers, git remotes) and signs as the key’s owner.',
    severity: 'critical',
    verify: hasOpenSshMagic,
    references: ['https://man.openbsd.org/ssh-keygen.1'],
    match: [
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACD+0oOFQQSVdB2K/z9XtBXDkY0MRLnWQe+SvmBjFTLZf72DRHY4exmlYL3r\nUOxC7WvADKAzt0PBZZNY8NxIYKS+0/kjw4WVact4PcN0hvqojsurT7zvDlJIjnnbvxKbCV\n-----END OPENSSH PRIVATE KEY-----',
    ],
    noMatch: [
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI+ZYZM5y21PRxCQBgawFCZtuRjo4lU+4If3P9u8IT8SO deploy@build-01',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nF1Yip+WSw5rsI6H1VRAcO/1De8D99484LDI2zkqMur55xu5/3MIhOin/VYTVftgsmYrvwN\n7Pps5BLSPIRMcgiAd58U6uUKoAEK2RqnqvIQzLvMnoqhsE0nysri3O/dhs3wSR34nwwnYj\n-----END OPENSSH PRIVATE KEY-----',
    ],
  }),
  pemPrivateKey({
    id: 'private-key-pgp',
    label: 'PGP PRIVATE KEY BLOCK',
    title: 'PGP private key block',
    description:
      'Signs and decrypts as the key’s owner: release signatures, encrypted mail and files.',
    severity: 'critical',
    references: ['https://www.rfc-editor.org/rfc/rfc4880#section-6.2'],
    match: [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: GPGTools - https://gpgtools.org\n\nlQdGBFqhg0HBT4WMGpHaw/Ad7htfoCXNfKzlpocdRG6lpvjHHTMe6I0Y0os3yIb4\nKGS2WaFWXF2RkNARutuzJ9oKPNRFG+QPgOpGC2KuNmCSLWBM78rP/ErttwErF6Vl\nRSiTAxZvJJ6MLs06gYde33gtbj5gFrSG8FHFxdtMEVeR3NUEioB1R9161PA0nUOc\n=Rmz/\n-----END PGP PRIVATE KEY BLOCK-----',
    ],
    noMatch: [
      '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFE06yqACvNL+SiaSROT9Tf2EfJBui44WuUcbl3ey/zrTpeOy4yHjkt2XFwa\nqWgXoFLqk2OFf4f5I3ZSGaSQbkIjjysC6J3VpVGl/j7ufl5wHvVx7Zk24p6RYSru\n-----END PGP PUBLIC KEY BLOCK-----',
    ],
  }),
  {
    id: 'private-key-ssh2-encrypted',
    title: 'SSH2 encrypted private key (SSH.com / Tectia)',
    description: 'A passphrase-protected SSH private key in the SSH Communications format.',
    severity: 'high',
    confidence: 'high',
    keywords: ['begin ssh2 encrypted private key'],
    pattern: new RegExp(
      `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----${PEM_BODY}---- END SSH2 ENCRYPTED PRIVATE KEY ----`,
    ),
    scope: 'file',
    remediation: KEY_REMEDIATION,
    references: ['https://www.ssh.com/academy/ssh/keygen'],
    examples: {
      match: [
        '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key-20240117"\nP2/56wAAAOSqTe4mDuY2obmh7qB3VVg3uFHdrwe842dA7bzh06pq8Jl2vyGJF4PjxAnpmz\nODEOErm/BXZXR0U8aGqSg0egHR+cKg+TpwmtuqyshQY4RWcw194aix3buph9cD7Jt79qvQ\n---- END SSH2 ENCRYPTED PRIVATE KEY ----',
      ],
      noMatch: [
        '---- BEGIN SSH2 PUBLIC KEY ----\nComment: "rsa-key-20240117"\nAAAAB3NzaC1yc2EAAAADAQABAAABAQkFrN5nWRWMEWX9E8hAtjmODEkWAPPOxKD/BKzlfS\n---- END SSH2 PUBLIC KEY ----',
      ],
    },
  },
  {
    id: 'private-key-pem-other',
    title: 'Private key (other PEM type)',
    description: 'A PEM-encoded private key of a kind the specific key rules do not name.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['private key-----'],
    // Listed after the specific kinds: a finding on the same span is reported once, by them.
    pattern: new RegExp(
      `(?<secret>-----BEGIN (?<label>(?:[A-Z0-9.]{1,20} ){0,3}PRIVATE KEY)-----${PEM_BODY}-----END \\k<label>-----)`,
    ),
    scope: 'file',
    remediation: KEY_REMEDIATION,
    references: [PEM_DOCS],
    examples: {
      match: [
        '-----BEGIN X9.42 DH PRIVATE KEY-----\nMIICJgIBADCCARcGCSqGSIb3DQEDATCCEY2RkKMeUgT/UnCKI2oIz3q/tqc02jq1\nPXQ+GXsQaYvKT51zOo5Up/zUN1ovooJYBtb/verhfpl5D9fqDvcKWutz1ElQd8sL\n-----END X9.42 DH PRIVATE KEY-----',
        '-----BEGIN ANY PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCgI95uZwN0HO87z8Er2EQgcuF6VEoIFYi\n-----END ANY PRIVATE KEY-----',
      ],
      noMatch: [
        '-----BEGIN DH PARAMETERS-----\nMIIBCAKCAQEAzmtYbwoUjiG4QaaS41xUSlQCHXNfdPgXxmuv7YkoOYEwZjYXsUMw\n-----END DH PARAMETERS-----',
        '-----BEGIN ANY PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCLcyQfWW8Qp/mBphYDiiYGOAhjZ39cMXo\n-----END RSA PRIVATE KEY-----',
      ],
    },
  },
  {
    id: 'private-key-pem-base64',
    title: 'Base64-encoded PEM private key',
    description:
      'A PEM private key encoded once more in base64, as in kubeconfig `client-key-data` and ' +
      'Kubernetes TLS secrets.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['ls0tls1crudjti'],
    pattern: /(?<![A-Za-z0-9+/])(LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,32768}={0,2})(?![A-Za-z0-9+/=])/,
    verify: isBase64PemPrivateKey,
    scope: 'file',
    remediation: KEY_REMEDIATION,
    references: [
      'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/',
    ],
    examples: {
      match: [`    client-key-data: ${base64RsaKey}`, `  tls.key: ${base64RsaKey}`],
      noMatch: [`    client-certificate-data: ${base64Certificate}`],
    },
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key',
    description:
      'The private part of a PuTTY (.ppk) SSH key: logs in to the servers that trust it.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['private-lines:'],
    pattern:
      /Private-Lines: \d{1,3}\r?\n((?:[A-Za-z0-9+/=]{1,128}\r?\n){1,64})Private-(?:MAC|Hash): /,
    scope: 'file',
    remediation: KEY_REMEDIATION,
    references: ['https://the.earth.li/~sgtatham/putty/0.81/htmldoc/AppendixC.html'],
    examples: {
      match: [
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build-01\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIdKDQSuwFp3/d/jArTrtg6UBCZgBQCA4itBh9Ss2\nrTeyhVC5\nPrivate-Lines: 1\nAAAAIY/wGcvBd+N0/j5CLHWJ14q2YR2ZaqCoEluF4BHO\nPrivate-MAC: 218838b6599bc3e80b3e51a183c214ad0d9d493f1d17fac6b0ec18922eaf99f1\n',
      ],
      noMatch: [
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIAAzTGXfXJfvNTM4pA/ltQhBOJA+AdW/XbiXYohU\ns8t7TeY/\nPrivate-Lines: 1\n\nPrivate-MAC: e87e03f423c20c455cc3a974162243664f0295b33db8d0c0013295b4a758e475\n',
      ],
    },
  },
  {
    id: 'age-secret-key',
    title: 'age secret key',
    description:
      'Decrypts every file encrypted to the matching age recipient (for example SOPS secrets).',
    severity: 'critical',
    confidence: 'high',
    keywords: ['age-secret-key-1'],
    pattern: /\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b/,
    verify: hasBech32Checksum,
    remediation: KEY_REMEDIATION,
    references: ['https://age-encryption.org/v1'],
    examples: {
      match: [
        `# public key: age1x6tf2et86znartergrpuf334rlnyga78hk44y0ura56m95wc073vexufpa\n${ageSecretKey}`,
        `SOPS_AGE_KEY=${ageSecretKey}`,
      ],
      noMatch: [
        `SOPS_AGE_KEY=${ageSecretKey.slice(0, -1)}${ageSecretKey.endsWith('Q') ? 'P' : 'Q'}`,
        'recipient: age102tnf3qd7neujf3r26cgdvdxcrd0lftg87vgcksanxw7s45a4x4t0jkgfy',
      ],
    },
  },
  {
    id: 'wireguard-private-key',
    title: 'WireGuard private key',
    description:
      'Joins the WireGuard network as the peer, reaching everything its allowed IPs route to.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['privatekey'],
    // 32 bytes in base64: the last character before the padding carries 4 bits only.
    pattern:
      /\bPrivateKey[ \t]{0,5}=[ \t]{0,5}([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])/,
    minEntropy: 3.5,
    remediation: KEY_REMEDIATION,
    references: ['https://www.wireguard.com/quickstart/'],
    examples: {
      match: [
        '[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = /3Y0fryyFelNlSLZfTnWhqKDVggI77j4T5dGnng5BtQ=\nListenPort = 51820',
      ],
      noMatch: [
        '[Peer]\nPublicKey = 3ob3nomr4SZDYG1rDjh81qMDGc20XeKRrpjI1SOb9nQ=',
        'PrivateKey = xvUUnjkTn3PDaUc/Q8cQdMAYPON4QafqcNWcsBO68tB=',
      ],
    },
  },
  {
    id: 'minisign-secret-key',
    title: 'minisign / signify secret key',
    description: 'Signs releases and files that users verify with the matching public key.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['untrusted comment:'],
    pattern:
      /untrusted comment: [^\r\n]{0,120}secret key\r?\n(RW[A-Za-z0-9+/]{100,400}={0,2})(?![A-Za-z0-9+/=])/,
    remediation: KEY_REMEDIATION,
    references: ['https://jedisct1.github.io/minisign/'],
    examples: {
      match: [
        'untrusted comment: minisign encrypted secret key\nRWRTY0IyQvseuF3UxToxyp3z8ypxHXUipxTWdQ5KY+8bWijUyZzyVrM2y7PH8u+Hic49m3zSlLV+VAduCiL+NQyLbzuFUib05ls51q/JyG250D6/HIUuzrHjIWO73Pbhz0M2n4VFuyttNhnP6btEPJPraakjnTUo0xeOrzmy6KfTZgwLtYq0tL8nSRwD2zcsmdNuWRYqsrtpo7Lb9sTj',
        'untrusted comment: signify secret key\nRWRCSwAAACobmh7Zj73owRSnKjvAXZtY2exWDmzSOuKJsI2cagMeIb9C7LD7pVx3CrUXaApwgGAKJAsERM9DBmbQRYUIMOB4tTo7HnPge0x3TsmoKR4hbjegnC5erBPdSoF8Qs1Ye4/D2YvsjwkWRnZk',
      ],
      noMatch: [
        'untrusted comment: minisign public key 951B1E5A914197C3\nRWQYOnRsc1avTtQ0ujHryMemFu2nI2uyfxWr5yBU7mksJDGwDnFDlFhM',
      ],
    },
  },
  {
    id: 'openvpn-static-key',
    title: 'OpenVPN static key',
    description:
      'The shared tls-auth / tls-crypt (or static) key of an OpenVPN server and its clients.',
    severity: 'high',
    confidence: 'high',
    keywords: ['openvpn static key'],
    pattern:
      /-----BEGIN OpenVPN Static key V1-----(?:[\s0-9a-fA-F]|\\[rn]){256,2048}-----END OpenVPN Static key V1-----/,
    scope: 'file',
    remediation: KEY_REMEDIATION,
    references: ['https://openvpn.net/community-resources/static-key-mini-howto/'],
    examples: {
      match: [
        '<tls-crypt>\n-----BEGIN OpenVPN Static key V1-----\nbfea1cbdae62568cc37df7667abe48a5\nc31717c60467ec8dcbb4972a54375291\n16374839e8c7dc5463a2c7f2e89994cd\n1bdca39bdbd27215c619ec2d4faae33a\nd718dc052b1d612795d3bebf089c014a\naab8a885f93f1ac364b984b1ada07405\nbff4c456cf2f42a9398ee2f79bc2919d\nc404cfbb45bbc246f8684a487600f522\nb7d2aa89b0c6843cf18a2b48a9570bae\ncb0153f5cad6e43bf810fa00b869b351\n9cfd342a526f05fd229668604634896b\nad5dffb5dd6661b2d9109c3ba878d7c0\naaa10ac40f14cb766c62cdb869a63e04\n29423e1710fc1fb5c9cb78a1bd3f98a1\n29bd9f9f91bd0dc33864d3e06d3d2f52\ncb86da6df18d3303d62fd98c3a14611c\n-----END OpenVPN Static key V1-----\n</tls-crypt>',
      ],
      noMatch: [
        '-----BEGIN OpenVPN Static key V1-----\n74d99d9ab891361cfd5249e28c5c306c\n-----END OpenVPN Static key V1-----',
      ],
    },
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    description:
      'A bearer token: whoever holds it is treated as its subject, with its claims, until it ' +
      'expires.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['eyj'],
    // Tokens can run to kilobytes; the pattern starts with a literal, so a whole-file scan is cheap.
    scope: 'file',
    pattern:
      /(?<![\w-])(eyJ[A-Za-z0-9_-]{8,16384}\.eyJ[A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{0,1024})/,
    verify: isJwt,
    // The example token from jwt.io and RFC-style documentation.
    allow: [
      /^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ\./,
    ],
    references: ['https://www.rfc-editor.org/rfc/rfc7519'],
    examples: {
      match: [`Authorization: Bearer ${hs256Jwt}`, `token = "${unsignedJwt}"`],
      noMatch: [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        // Header without "alg".
        `${base64Url({ typ: 'JWT', kid: 'k1' })}.${jwtClaims}.gLMhsWHmljBsWJUT9aVye_FKDi_f6j0zNE9JLluBCKu`,
        // Signed algorithm, signature missing.
        `${base64Url({ alg: 'RS256', typ: 'JWT' })}.${jwtClaims}.`,
      ],
    },
  },
];
