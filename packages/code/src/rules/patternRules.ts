import {
  child,
  children,
  memberName,
  memberPath,
  staticString,
  stringField,
  unwrap,
  type Node,
} from '../ast.js';
import type { PatternCheck } from '../patterns/patternContext.js';
import type { CodeRule } from './codeRule.js';

/** A rule that reports an insecure construct on its own, without a flow from input. */
export interface PatternRule extends CodeRule {
  check: PatternCheck;
}

function calleePath(call: Node): string[] {
  return memberPath(child(call, 'callee') ?? call) ?? [];
}

function calleeName(call: Node): string | undefined {
  const path = calleePath(call);
  return path[path.length - 1];
}

function isCall(node: Node): boolean {
  return node.type === 'CallExpression' || node.type === 'NewExpression';
}

function properties(object: Node | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  if (object?.type !== 'ObjectExpression') return out;
  for (const property of children(object, 'properties')) {
    if (property.type !== 'Property') continue;
    const key = child(property, 'key');
    const value = child(property, 'value');
    const name = key ? (stringField(key, 'name') ?? staticString(key)) : undefined;
    if (name !== undefined && value) out.set(name, unwrap(value));
  }
  return out;
}

function isLiteral(node: Node | undefined, value: unknown): boolean {
  return node?.type === 'Literal' && node.value === value;
}

function isStringLiteral(node: Node | undefined): boolean {
  return node !== undefined && (staticString(node)?.length ?? 0) > 0;
}

const JWT_RECEIVER = /^(?:jwt|jsonwebtoken|JWT|jose|webtoken)$/;
const SECRET_HOLDERS = new Set([
  'session',
  'expressSession',
  'cookieSession',
  'expressjwt',
  'expressJwt',
  'jwt',
]);
const PASSWORD_WORDS = /pass(?:word|wd|phrase)?|pwd/i;
const TOKEN_WORDS =
  /token|secret|passw|nonce|salt|session|otp|api_?key|uuid|guid|csrf|\bid\b|[a-z]Id\b|_id\b/i;

export const patternRules: readonly PatternRule[] = [
  {
    id: 'hardcoded-jwt-secret',
    title: 'Hard-coded JWT or session secret',
    description:
      'A JWT signing key or a session/cookie secret is a string literal in the code, so anyone with the code can forge tokens and sessions.',
    severity: 'high',
    cwe: ['CWE-798'],
    owasp: 'A07:2021-Identification and Authentication Failures',
    remediation:
      'Load the secret at run time from the environment or a secret store, and rotate the leaked one.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
    ],
    examples: {
      vulnerable: `const jwt = require('jsonwebtoken');
const token = jwt.sign({ sub: user.id }, 'changeme-super-secret');`,
      safe: `const jwt = require('jsonwebtoken');
const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256' });`,
    },
    check: (node) => {
      if (!isCall(node)) return undefined;
      const path = calleePath(node);
      const name = path[path.length - 1] ?? '';
      const args = children(node, 'arguments');
      if (
        (name === 'sign' || name === 'verify') &&
        JWT_RECEIVER.test(path[path.length - 2] ?? '')
      ) {
        return isStringLiteral(args[1]) ? node : undefined;
      }
      if (name === 'cookieParser' && isStringLiteral(args[0])) return node;
      if (SECRET_HOLDERS.has(name)) {
        const options = properties(args[0] ? unwrap(args[0]) : undefined);
        const secret = options.get('secret') ?? options.get('keys');
        if (isStringLiteral(secret)) return node;
        if (
          secret?.type === 'ArrayExpression' &&
          children(secret, 'elements').some(isStringLiteral)
        ) {
          return node;
        }
      }
      return undefined;
    },
  },
  {
    id: 'jwt-verify-algorithms',
    title: 'JWT verified without pinned algorithms',
    description:
      '`jwt.verify` without an `algorithms` list (or with `none` allowed) lets a token choose how it is checked, which enables algorithm-confusion and unsigned tokens.',
    severity: 'high',
    cwe: ['CWE-347'],
    owasp: 'A02:2021-Cryptographic Failures',
    remediation:
      "Pass `{ algorithms: ['HS256'] }` (or the one asymmetric algorithm you use) to `jwt.verify`, never `none`.",
    references: ['https://auth0.com/blog/critical-vulnerabilities-in-json-web-token-libraries/'],
    examples: {
      vulnerable: `const jwt = require('jsonwebtoken');
function readToken(token) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY);
}`,
      safe: `const jwt = require('jsonwebtoken');
function readToken(token) {
  return jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ['RS256'] });
}`,
    },
    check: (node) => {
      if (node.type !== 'CallExpression') return undefined;
      const path = calleePath(node);
      if (!JWT_RECEIVER.test(path[path.length - 2] ?? '')) return undefined;
      const name = path[path.length - 1];
      const args = children(node, 'arguments');
      if (name === 'sign') {
        const algorithm = properties(args[2] ? unwrap(args[2]) : undefined).get('algorithm');
        return algorithm && staticString(algorithm)?.toLowerCase() === 'none' ? node : undefined;
      }
      if (name !== 'verify') return undefined;
      const options = args[2] ? unwrap(args[2]) : undefined;
      if (options?.type !== 'ObjectExpression') {
        return options === undefined ||
          options.type === 'ArrowFunctionExpression' ||
          options.type === 'FunctionExpression'
          ? node
          : undefined;
      }
      const algorithms = properties(options).get('algorithms');
      if (!algorithms) return node;
      const allowsNone =
        algorithms.type === 'ArrayExpression' &&
        children(algorithms, 'elements').some(
          (element) => staticString(element)?.toLowerCase() === 'none',
        );
      return allowsNone ? node : undefined;
    },
  },
  {
    id: 'weak-password-hash',
    title: 'Password hashed with MD5 or SHA-1',
    description:
      'A password is hashed with a fast, broken digest (MD5/SHA-1); leaked hashes are cracked at billions of guesses per second.',
    severity: 'high',
    cwe: ['CWE-916', 'CWE-328'],
    owasp: 'A02:2021-Cryptographic Failures',
    remediation:
      'Hash passwords with a slow salted algorithm: argon2id, scrypt (`crypto.scrypt`) or bcrypt.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html',
    ],
    examples: {
      vulnerable: `const crypto = require('crypto');
function hashPassword(password) {
  return crypto.createHash('md5').update(password).digest('hex');
}`,
      safe: `const crypto = require('crypto');
function fileChecksum(contents) {
  return crypto.createHash('sha256').update(contents).digest('hex');
}`,
    },
    check: (node, context) => {
      if (node.type !== 'CallExpression' || calleeName(node) !== 'createHash') return undefined;
      const [algorithm] = children(node, 'arguments');
      const name = algorithm ? staticString(algorithm)?.toLowerCase() : undefined;
      if (name !== 'md5' && name !== 'sha1' && name !== 'sha-1') return undefined;
      return PASSWORD_WORDS.test(context.statementText()) ? node : undefined;
    },
  },
  {
    id: 'weak-cipher',
    title: 'Broken cipher use',
    description:
      '`crypto.createCipher` (key from a single MD5, no IV), ECB mode, DES/RC4, or a fixed initialisation vector make encrypted data readable or forgeable.',
    severity: 'high',
    cwe: ['CWE-327', 'CWE-329'],
    owasp: 'A02:2021-Cryptographic Failures',
    remediation:
      'Use `crypto.createCipheriv` with AES-256-GCM, a key from a KDF, and a fresh random IV (`crypto.randomBytes(12)`) per message.',
    references: ['https://nodejs.org/api/crypto.html#cryptocreatecipherivalgorithm-key-iv-options'],
    examples: {
      vulnerable: `const crypto = require('crypto');
const cipher = crypto.createCipheriv('aes-256-cbc', key, Buffer.from('0123456789abcdef'));`,
      safe: `const crypto = require('crypto');
const cipher = crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));`,
    },
    check: (node) => {
      if (node.type !== 'CallExpression') return undefined;
      const name = calleeName(node);
      if (name === 'createCipher' || name === 'createDecipher') return node;
      if (name !== 'createCipheriv' && name !== 'createDecipheriv') return undefined;
      const [algorithm, , iv] = children(node, 'arguments');
      const cipher = algorithm ? staticString(algorithm)?.toLowerCase() : undefined;
      if (
        cipher !== undefined &&
        (cipher.includes('ecb') || /^(?:des|rc4|rc2|bf|blowfish)/.test(cipher))
      ) {
        return node;
      }
      return iv && isStaticBytes(unwrap(iv)) ? node : undefined;
    },
  },
  {
    id: 'insecure-random',
    title: 'Math.random for secrets or identifiers',
    description:
      '`Math.random()` is predictable; tokens, ids, passwords, salts or nonces made from it can be guessed.',
    severity: 'medium',
    cwe: ['CWE-338'],
    owasp: 'A02:2021-Cryptographic Failures',
    remediation: 'Use `crypto.randomBytes`, `crypto.randomUUID()` or `crypto.getRandomValues`.',
    references: ['https://cwe.mitre.org/data/definitions/338.html'],
    examples: {
      vulnerable: `function newResetToken() {
  const token = Math.random().toString(36).slice(2);
  return token;
}`,
      safe: `function jitter(delayMs) {
  const spread = Math.random() * delayMs;
  return delayMs + spread;
}`,
    },
    check: (node, context) => {
      if (node.type !== 'CallExpression' || calleePath(node).join('.') !== 'Math.random')
        return undefined;
      return TOKEN_WORDS.test(context.statementText()) ? node : undefined;
    },
  },
  {
    id: 'tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    description:
      '`rejectUnauthorized: false` or `NODE_TLS_REJECT_UNAUTHORIZED=0` accepts any certificate, so anyone on the network path can read and change the traffic.',
    severity: 'high',
    cwe: ['CWE-295'],
    owasp: 'A07:2021-Identification and Authentication Failures',
    remediation:
      'Keep verification on; trust a private CA with the `ca` option or `NODE_EXTRA_CA_CERTS`.',
    references: ['https://nodejs.org/api/tls.html#tlsconnectoptions-callback'],
    examples: {
      vulnerable: `const https = require('https');
const agent = new https.Agent({ rejectUnauthorized: false });`,
      safe: `const https = require('https');
const agent = new https.Agent({ ca: process.env.INTERNAL_CA });`,
    },
    check: (node) => {
      if (node.type === 'Property') {
        const key = child(node, 'key');
        const name = key ? (stringField(key, 'name') ?? staticString(key)) : undefined;
        const value = child(node, 'value');
        return (name === 'rejectUnauthorized' || name === 'strictSSL') &&
          isLiteral(value && unwrap(value), false)
          ? node
          : undefined;
      }
      if (node.type === 'AssignmentExpression') {
        const left = child(node, 'left');
        const right = child(node, 'right');
        const path = left ? memberPath(left) : undefined;
        if (path?.join('.') !== 'process.env.NODE_TLS_REJECT_UNAUTHORIZED' || !right)
          return undefined;
        const inner = unwrap(right);
        return isLiteral(inner, 0) || staticString(inner) === '0' ? node : undefined;
      }
      return undefined;
    },
  },
  {
    id: 'insecure-cookie',
    title: 'Cookie without Secure or HttpOnly',
    description:
      'A session or cookie is configured with `secure: false` or `httpOnly: false`, so it travels over plain HTTP or is readable by injected scripts.',
    severity: 'medium',
    cwe: ['CWE-614', 'CWE-1004'],
    owasp: 'A05:2021-Security Misconfiguration',
    remediation:
      'Set `secure: true`, `httpOnly: true` and `sameSite` on session and authentication cookies.',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies',
    ],
    examples: {
      vulnerable: `app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: false, secure: false } }));`,
      safe: `app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));`,
    },
    check: (node, context) => {
      if (node.type !== 'Property') return undefined;
      const key = child(node, 'key');
      const name = key ? (stringField(key, 'name') ?? staticString(key)) : undefined;
      const value = child(node, 'value');
      if ((name !== 'secure' && name !== 'httpOnly') || !isLiteral(value && unwrap(value), false)) {
        return undefined;
      }
      return /cookie|session/i.test(context.statementText()) ? node : undefined;
    },
  },
  {
    id: 'cors-credentials-wildcard',
    title: 'CORS allows any origin with credentials',
    description:
      'CORS reflects any origin (`*` or `origin: true`) while allowing credentials, so any website can make authenticated requests and read the answers.',
    severity: 'high',
    cwe: ['CWE-942'],
    owasp: 'A05:2021-Security Misconfiguration',
    remediation: 'List the trusted origins explicitly when `credentials: true`.',
    references: ['https://portswigger.net/web-security/cors'],
    examples: {
      vulnerable: `const cors = require('cors');
app.use(cors({ origin: true, credentials: true }));`,
      safe: `const cors = require('cors');
app.use(cors({ origin: ['https://app.example.com'], credentials: true }));`,
    },
    check: (node, context) => {
      if (node.type === 'ObjectExpression') {
        const props = properties(node);
        const origin = props.get('origin');
        const anyOrigin =
          isLiteral(origin, true) || (origin !== undefined && staticString(origin) === '*');
        return anyOrigin && isLiteral(props.get('credentials'), true) ? node : undefined;
      }
      if (
        node.type !== 'CallExpression' ||
        !/^(?:setHeader|header|set)$/.test(calleeName(node) ?? '')
      ) {
        return undefined;
      }
      const [header, value] = children(node, 'arguments');
      if (!header || !value) return undefined;
      if (staticString(header)?.toLowerCase() !== 'access-control-allow-origin') return undefined;
      const inner = unwrap(value);
      const reflected =
        inner.type === 'MemberExpression' && /origin/i.test(memberName(inner) ?? '');
      if (staticString(inner) !== '*' && !reflected) return undefined;
      const credentials = context.fileHas(
        (other) =>
          other.type === 'CallExpression' &&
          children(other, 'arguments').some(
            (arg) => staticString(arg)?.toLowerCase() === 'access-control-allow-credentials',
          ),
      );
      return credentials ? node : undefined;
    },
  },
  {
    id: 'postmessage-wildcard',
    title: "postMessage to any origin ('*')",
    description:
      "`postMessage(data, '*')` hands the data to whatever page is in the target window, including one an attacker navigated there.",
    severity: 'medium',
    cwe: ['CWE-201'],
    owasp: 'A01:2021-Broken Access Control',
    remediation: 'Pass the exact origin of the intended receiver as the target origin.',
    references: [
      'https://developer.mozilla.org/en-US/docs/Web/API/Window/postMessage#security_concerns',
    ],
    examples: {
      vulnerable: `window.parent.postMessage({ token: session.token }, '*');`,
      safe: `window.parent.postMessage({ token: session.token }, 'https://app.example.com');`,
    },
    check: (node) => {
      if (node.type !== 'CallExpression' || calleeName(node) !== 'postMessage') return undefined;
      const [, target] = children(node, 'arguments');
      if (!target) return undefined;
      const inner = unwrap(target);
      if (staticString(inner) === '*') return node;
      const targetOrigin = properties(inner).get('targetOrigin');
      return targetOrigin && staticString(targetOrigin) === '*' ? node : undefined;
    },
  },
];

/** A literal IV: a string, `Buffer.from('…')`, `Buffer.alloc(n)` (zeros), `new Buffer('…')`. */
function isStaticBytes(node: Node): boolean {
  if (staticString(node) !== undefined) return true;
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return false;
  const path = calleePath(node).join('.');
  const [first] = children(node, 'arguments');
  if (path === 'Buffer.alloc') return true;
  if (path === 'Buffer.from' || path === 'Buffer') {
    if (!first) return false;
    const inner = unwrap(first);
    return (
      staticString(inner) !== undefined ||
      (inner.type === 'ArrayExpression' &&
        children(inner, 'elements').every((e) => e.type === 'Literal'))
    );
  }
  return false;
}
