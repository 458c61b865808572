import { isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { isAllowedValue } from '../allowlist.js';
import { shannonEntropy } from '../entropy.js';
import type { RawSecretMatch, SecretRule } from '../rule.js';

/*
 * Rules for credentials that carry no provider prefix: passwords in connection strings and
 * assignments, config-file formats that hold a credential by position (.netrc, .pgpass,
 * shadow, .htpasswd), framework signing keys, Kubernetes Secrets. They come last in the rule
 * list; the assignment rules are `generic` and yield to any provider rule on the same text.
 *
 * False positives matter as much as recall here, so values pass a plausibility check: no code
 * (calls, member chains, identifiers), no names of the credential, no single words.
 */

const OWASP_SECRETS =
  'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';
const CWE_798 = 'https://cwe.mitre.org/data/definitions/798.html';
const rotatePassword =
  'Change the password on the system it opens, remove it from the file and from git history, ' +
  'and load it at run time from a secret store or the environment.';
const rotateSigningKey =
  'Generate a new key, deploy it (old sessions and signed values become invalid), remove the ' +
  'old one from the file and from git history, and load the key from the environment.';
const protectHashes =
  'Treat the hashes as credentials: they can be cracked offline. Change the passwords they ' +
  'belong to and remove the file and its history from the repository.';

// ---------------------------------------------------------------------------------------------
// Value checks

const codeCharacters = /[(){}[\]<>|\\]|=>|[?!]\.[A-Za-z_$]/;
/** A bundler-renamed identifier (`OpeningParenToken$1`) or a number literal (`0x0B96`). */
const identifierOrNumber = /^[A-Za-z_][\w]*\$\d{0,3}$|^(?:0[xob][\da-f_]{1,16}|\d[\d_.,]*)$/i;
const memberAccess =
  /^(?:this|self|req|request|res|process|config|cfg|conf|settings|params|options|opts|props|state|args|env|ctx|context|data|form|input|app|window|document|os|sys)\./;
const identifierChain =
  /^[A-Za-z_$][A-Za-z_$]{0,40}\d{0,3}(?:\.[A-Za-z_$][A-Za-z_$]{0,40}\d{0,3}){1,8}$/;
const snakeName = /^_{0,2}[a-z][a-z0-9]*(?:_[a-z][a-z0-9]*)+_{0,2}$|^[A-Za-z]+(?:_[A-Za-z]+)+$/;
const screamingName = /^_{0,2}[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+_{0,2}$/;
const kebabName = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+$/;
const camelName = /^[a-z]+(?:[A-Z][a-z]+)+$|^(?:[A-Z][a-z]+){2,}$/;
const pathOrUrl = /^(?:~|\.{1,2})?\/|^[A-Za-z]:\\|^[a-z][a-z0-9+.-]{1,30}:\/\//i;
const fileName =
  /^[\w.-]{1,80}\.(?:txt|pem|key|crt|cer|p12|pfx|jks|keystore|json|ya?ml|env|cfg|conf|ini|properties|xml|js|ts|py|rb)$/i;
const notPrintableAscii = /[^\x21-\x7e]/;
/** One word, maybe capitalised or followed by a mark: a label, enum value or translation. */
const singleWord = /^(?:[A-Z]?[a-z]+|[A-Z]+)[:.!?*]?$/;

/** Code (`getPassword()`, `config.db.password`) or a name (`user_password_field`, `DB_PASS`). */
function looksLikeCodeOrName(value: string): boolean {
  return [
    notPrintableAscii,
    codeCharacters,
    identifierOrNumber,
    memberAccess,
    identifierChain,
    snakeName,
    screamingName,
    kebabName,
    camelName,
    pathOrUrl,
    fileName,
  ].some((pattern) => pattern.test(value));
}

/**
 * Human-chosen passwords are short, so a fixed entropy floor would reject most of them: an
 * 8-character value has at most 3 bits per character. Ask for a bit under that ceiling (which
 * still drops `aaaabbbb` and `abababab`), and at most 3 bits.
 */
function isPlausiblePassword(value: string): boolean {
  if (looksLikeCodeOrName(value) || /^\d+$/.test(value) || singleWord.test(value)) return false;
  return shannonEntropy(value) >= Math.min(3, Math.log2(value.length) - 1);
}

/** Machine-made keys and tokens mix letters and digits; the rule's `minEntropy` does the rest. */
function isPlausibleToken(value: string): boolean {
  return !looksLikeCodeOrName(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

/** The text of standard base64 (padding optional), or undefined if it is not UTF-8 text. */
function decodeBase64Text(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'base64'));
  } catch {
    return undefined;
  }
}

/** `user:password` in base64 (Basic auth, docker `auth`), with a real password. */
function isBase64UserPassword(value: string): boolean {
  const decoded = decodeBase64Text(value);
  if (decoded === undefined || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  const colon = decoded.indexOf(':');
  const password = decoded.slice(colon + 1);
  return colon >= 0 && password.length > 0 && !isAllowedValue(password);
}

// ---------------------------------------------------------------------------------------------
// Assignment patterns: `key = "value"`, `key: value`, `"key": "value"`, `KEY=value`,
// `<key>value</key>`, `key="value"` attributes, `<add key="…Key" value="…">`, PHP `define`.

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Regex source for a key that ends in one of `names` (each a list of words), written in snake,
 * kebab, dotted, camel, Pascal or SCREAMING case, after any prefix (`db_password`,
 * `sshUserPassword`, `MAIL_PASSWORD`), and not after one of `notAfter` (`csrf_token`). The key
 * must end there: `password_hash` does not match. Case is spelled out rather than ignored so
 * that `userPassword` matches and `bypass` does not.
 *
 * The word boundaries are look-behinds placed after the key, not before it: a look-behind that
 * leads a pattern runs at every offset of the text, one after the key only where a key is.
 */
function keyName(names: readonly (readonly string[])[], notAfter: readonly string[] = []): string {
  const tail = (words: readonly string[]) =>
    words.map((word) => `[_.-]?(?:${word}|${capitalise(word)})`).join('');
  const lower = names.map(([first = '', ...rest]) => first + tail(rest)).join('|');
  const pascal = names.map(([first = '', ...rest]) => capitalise(first) + tail(rest)).join('|');
  const upper = names
    .map((words) => words.map((word) => word.toUpperCase()).join('[_.-]?'))
    .join('|');
  const prefixes = notAfter.flatMap((word) => [word, capitalise(word), word.toUpperCase()]);
  const guard =
    prefixes.length > 0
      ? `(?<!(?:${prefixes.join('|')})[_.-]?(?:${lower}|${pascal}|${upper}))`
      : '';
  return (
    `(?:(?:${lower})(?<![A-Za-z0-9](?:${lower}))|(?:${pascal})` +
    `|(?:${upper})(?<![A-Z0-9](?:${upper})))${guard}`
  );
}

/**
 * Between key and value: `=`, `:`, `:=`, `=>`; `>` after `<key` (XML element); `" value=` and
 * `">` after `key="…` or `name="…` (config XML); `",` after a quoted key (`define('KEY', …)`,
 * `setProperty("key", …)`).
 */
const assignment = [
  String.raw`["'${'`'}]?\]?[ \t]{0,4}(?::=|=>|=(?![=~>])|:(?![:=/]))`,
  String.raw`(?<=<[\w.:-]{1,60})>`,
  String.raw`(?<=\b(?:key|name)=["'][\w.:-]{0,60})["'](?:[ \t]{1,4}value=|>)`,
  String.raw`(?<=["'][\w.:-]{0,60})["'][ \t]{0,4},`,
]
  .map((separator) => `(?:${separator})`)
  .join('|');

/**
 * A quoted value, or an unquoted one that holds a digit or symbol and ends its line or field
 * (`KEY=value # note`, `Password=value;`, `<pass>value</pass>`): an unquoted word in code is a
 * variable, not a secret.
 */
function assignedValue(minLength: number): string {
  const q = '["\'`]';
  const quoted = `(?<=${q})[^\\s"'\`<>]{${minLength},200}`;
  const bare = '[^\\s"\'`<>;,&]';
  const unquoted = `(?<!${q})(?=${bare}{0,200}?[0-9!@#$%^*+=?~/])${bare}{${minLength},200}`;
  return (
    `(?<q>${q}?)(?<secret>${quoted}|${unquoted})\\k<q>` +
    `(?:(?<=${q})|(?=[ \\t]*(?:\\r?$|[#;,&<"'])))`
  );
}

function assignmentPattern(key: string, minLength: number): RegExp {
  return new RegExp(`${key}(?:${assignment})[ \\t]{0,4}${assignedValue(minLength)}`, 'm');
}

// ---------------------------------------------------------------------------------------------
// Crypt(3)-style password hashes: bcrypt, md5/sha256/sha512-crypt, Apache apr1, yescrypt, argon2.

const cryptChars = '[./A-Za-z0-9]';
const cryptHash = [
  String.raw`\$2[abxy]?\$\d{2}\$${cryptChars}{53}`,
  String.raw`\$(?:1|5|6|md5)\$(?:rounds=\d{1,9}\$)?${cryptChars}{1,16}\$${cryptChars}{22,86}`,
  String.raw`\$apr1\$${cryptChars}{1,8}\$${cryptChars}{22}`,
  String.raw`\$y\$${cryptChars}{1,16}\$${cryptChars}{1,86}\$${cryptChars}{43}`,
  String.raw`\$argon2(?:id|i|d)\$v=\d{1,3}\$m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]{8,100}\$[A-Za-z0-9+/]{16,200}`,
].join('|');
const cryptKeywords = [
  '$1$',
  '$5$',
  '$6$',
  '$y$',
  '$2a$',
  '$2b$',
  '$2y$',
  '$md5$',
  '$apr1$',
  '$argon2',
];

// ---------------------------------------------------------------------------------------------
// Kubernetes Secrets

const secretKind = /\bkind["']?[ \t]{0,4}:[ \t]{0,4}["']?Secret\b/;
const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Secrets sit at the top of a document or in the `items` of a `List` (bounds the walk). */
const maxListDepth = 3;

/**
 * Every value in `data` (decoded from base64) and `stringData` of each `kind: Secret` document.
 * Walks the YAML syntax tree without resolving aliases, so alias bombs cost nothing.
 */
function detectKubernetesSecretData(text: string): RawSecretMatch[] {
  if (!secretKind.test(text)) return [];
  const found: RawSecretMatch[] = [];
  try {
    for (const document of parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false })) {
      collectSecretData(document.contents, found, 0);
    }
  } catch {
    return [];
  }
  return found;
}

function collectSecretData(node: unknown, found: RawSecretMatch[], depth: number): void {
  if (!isMap(node) || depth > maxListDepth) return;
  const kind = node.get('kind', true);
  if (isScalar(kind) && kind.value === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      const entries = node.get(field, true);
      if (!isMap(entries)) continue;
      for (const { value } of entries.items) {
        if (isAlias(value) || !isScalar(value) || typeof value.value !== 'string' || !value.range) {
          continue;
        }
        const secret = field === 'data' ? decodeSecretData(value.value) : value.value;
        if (secret === undefined || secret.trim().length < 4 || isAllowedValue(secret.trim())) {
          continue;
        }
        found.push({ secret, start: value.range[0], end: value.range[1] });
      }
    }
  }
  const items = node.get('items', true);
  if (isSeq(items)) for (const item of items.items) collectSecretData(item, found, depth + 1);
}

/** The decoded text; binary data (keystores) stays in base64; undefined if not base64. */
function decodeSecretData(encoded: string): string | undefined {
  const compact = encoded.replace(/\s+/g, '');
  if (compact.length === 0 || !strictBase64.test(compact)) return undefined;
  return decodeBase64Text(compact) ?? compact;
}

// ---------------------------------------------------------------------------------------------
// The rules

const tokenNotAfter = [
  'csrf',
  'xsrf',
  'page',
  'next',
  'continuation',
  'cursor',
  'sync',
  'cancel',
  'cancellation',
  'pagination',
  'verification',
  'antiforgery',
];

const connectionSchemes =
  'postgres(?:ql)?|mysqlx?|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|' +
  'jdbc:[a-z0-9]{2,20}(?::[a-z0-9]{1,20})?|ldaps?|s?ftp|smtps?|https?|cockroachdb|clickhouse|' +
  'couchdb|neo4j(?:\\+s)?|nats|kafka';

export const genericRules: SecretRule[] = [
  {
    id: 'connection-string-password',
    title: 'Password in a connection string or URL',
    description:
      'A database, message broker, directory, mail, FTP or HTTP URL with the password inline ' +
      '(`scheme://user:password@host`); it opens that service as that user.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['://'],
    // The user must differ from the password: `guest:guest`, `postgres:postgres` are defaults.
    // The scheme is a look-behind so that the regex engine can skip ahead to each `://`.
    pattern: new RegExp(
      `://(?<=\\b(?:${connectionSchemes})://)(?<user>[^\\s:/?#@"'<>\\[\\]{}]{0,128}):(?!\\k<user>@)` +
        `(?<secret>[^\\s/?#@"'<>]{4,128})@(?=[\\w\\[])`,
      'i',
    ),
    generic: true,
    remediation: rotatePassword,
    references: [
      'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
      'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
      OWASP_SECRETS,
    ],
    examples: {
      match: [
        'DATABASE_URL=postgres://app_user:Vq7mR2pLx9wT@db.internal.acme.io:5432/orders',
        'uri: "mongodb+srv://svc:Pz8wK3nR5tYq@cluster0.ab1cd.mongodb.net/app"',
        'REDIS_URL=rediss://default:Tz4kW9pQm2Lr@cache.acme.io:6380/0',
        'url = "jdbc:mysql://report:Hj6tN2vB9xQw@10.0.3.12:3306/sales"',
        'git clone https://deploy:Gm5rT8yU2kLp@git.acme.io/platform/infra.git',
      ],
      noMatch: [
        'DATABASE_URL=postgres://user:password@localhost/db',
        'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
        'mysql://root:@localhost/test',
        'BROKER_URL=amqp://guest:guest@localhost:5672//',
        'https://user:<password>@host/path',
        'redis://:*****@cache:6379',
        'https://x-access-token:${{ secrets.GITHUB_TOKEN }}@github.com/acme/repo',
        'see http://localhost:8080/path@v2 and https://github.com/acme/repo.git',
        "const url = new URL('https://abc:xyz@host.test');",
      ],
    },
  },
  {
    id: 'git-credentials',
    title: 'Git credential store entry',
    description:
      'A line of `.git-credentials` (git credential-store): a user and password or token for a ' +
      'git host, stored in clear text.',
    severity: 'high',
    confidence: 'high',
    keywords: ['://'],
    // Git writes these URL-encoded, but hand-made files carry raw `@` and `#`: the host is what
    // follows the last `@`.
    pattern:
      /^[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/]{1,256}:(?<secret>\S{1,256})@[^\s@/:]{1,253}(?::\d{1,5})?\/?\r?$/m,
    paths: /(?:^|\/)\.git-credentials$/,
    remediation: rotatePassword,
    references: ['https://git-scm.com/docs/git-credential-store#_storage_format'],
    examples: {
      match: ['https://octo-ci:Wq8zR4mTn2Vb7Lp@git.acme.io'],
      noMatch: ['https://octo-ci:${GIT_TOKEN}@git.acme.io', 'https://git.acme.io'],
    },
  },
  {
    id: 'docker-config-auth',
    title: 'Docker registry credentials',
    description:
      'An `auth` entry of a Docker `config.json` or `.dockercfg`: base64 of `user:password` for ' +
      'a container registry, enough to pull and often push images.',
    severity: 'high',
    confidence: 'high',
    keywords: ['"auth"'],
    pattern: /"auth"[ \t]{0,4}:[ \t]{0,4}"(?<secret>[A-Za-z0-9+/]{8,4096}={0,2})"/,
    verify: isBase64UserPassword,
    remediation:
      'Log out (`docker logout`) and revoke or change the registry password or token, remove ' +
      'the file from git history, and use a credential helper instead of stored `auth` values.',
    references: ['https://docs.docker.com/reference/cli/docker/login/#credential-stores'],
    examples: {
      match: [
        '{"auths": {"registry.acme.io": {"auth": "Y2ktYm90OlFtN3ZYMnBMazl3Ug=="}}}',
        '"auth": "ZGVwbG95OkhzNG5UOHFXejJMYw=="',
      ],
      noMatch: [
        // `user:password` and `admin:` (no password).
        '"auth": "dXNlcjpwYXNzd29yZA=="',
        '"auth": "YWRtaW46"',
        // Not `user:password` once decoded.
        '"auth": "VGs5cFIzbVc3eEx2"',
        '"auth": "bearer"',
      ],
    },
  },
  {
    id: 'docker-registry-token',
    title: 'Docker registry identity token',
    description:
      'An `identitytoken` or `registrytoken` of a Docker `config.json`: an OAuth refresh or ' +
      'bearer token for a container registry.',
    severity: 'high',
    confidence: 'high',
    keywords: ['identitytoken', 'registrytoken'],
    pattern: /"(?:identitytoken|registrytoken)"[ \t]{0,4}:[ \t]{0,4}"(?<secret>[^"\s]{16,4096})"/i,
    minEntropy: 3.5,
    remediation:
      'Log out of the registry to revoke the token, remove the file from git history, and use a ' +
      'credential helper.',
    references: ['https://docs.docker.com/reference/cli/docker/login/#credential-stores'],
    examples: {
      match: ['"identitytoken": "9f2Kq7ZtW4mB8xN3vR6pL1sD5gH0jC2e"'],
      noMatch: ['"identitytoken": ""', '"identitytoken": "<token>"'],
    },
  },
  {
    id: 'kubernetes-secret-data',
    title: 'Kubernetes Secret with data',
    description:
      'A value in the `data` (base64) or `stringData` of a Kubernetes `Secret` manifest. Base64 ' +
      'is an encoding, not encryption: anyone with the file has the value.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['secret'],
    detect: detectKubernetesSecretData,
    paths: /\.(?:ya?ml|json)$/i,
    remediation:
      'Rotate the values, remove the manifest from git history, and commit an encrypted form ' +
      'instead (Sealed Secrets, SOPS) or reference an external secret store (External Secrets).',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    examples: {
      match: [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: UzNjdXJlIVBhNTV3MHJk\n',
        '---\nkind: ConfigMap\n---\nkind: Secret\nstringData:\n  token: "Rk8mT2xQ9vLw4ZpN"\n',
        '{"apiVersion": "v1", "kind": "Secret", "data": {"api-key": "VmIzblE4clQybUt6"}}',
      ],
      noMatch: [
        // `changeme`, a placeholder; `db_password`, a name; not base64; too short.
        'kind: Secret\ndata:\n  password: Y2hhbmdlbWU=\n  user: ZGJfcGFzc3dvcmQ=\n  x: "not base64!"\n  y: YWI=\n',
        'kind: Secret\nstringData:\n  password: "${DB_PASSWORD}"\n',
        'kind: SealedSecret\nspec:\n  encryptedData:\n    password: AgBy8hCi7n2KxQ==\n',
        'kind: Secret\ndata: [unclosed\n  password: {{ .Values.pw | b64enc }}\n',
        'kind: Secret\nmetadata:\n  name: &n db-credentials\ndata:\n  a: *n\n  b: *n\n',
      ],
    },
  },
  {
    id: 'generic-password',
    title: 'Hard-coded password',
    description:
      'A literal value assigned to a password, passwd, pwd, pass or passphrase key in code or ' +
      'configuration.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['pass', 'pwd'],
    pattern: assignmentPattern(
      keyName([['pass', 'word'], ['passwd'], ['pwd'], ['pass', 'phrase'], ['pass']]),
      6,
    ),
    verify: isPlausiblePassword,
    generic: true,
    remediation: rotatePassword,
    references: [CWE_798, OWASP_SECRETS],
    examples: {
      match: [
        'DB_PASSWORD=admin123',
        'spring.datasource.password=Wq8!zRt4',
        '  "password": "swordfish!23",',
        'password: hunter22',
        "$cfg['Servers'][$i]['password'] = 'Tr0ub4dor&3';",
        'String dbPassword = "Vx9#kLm2Qp";',
        'AdminPassword=AdminPassword123',
        '<password>Kp4#vN8qRz</password>',
        '<connection user="app" password="Mz7$pLq2Wn"/>',
        '<add key="SmtpPassword" value="Rt5%wQz8Lm" />',
        "define('DB_PASSWORD', 'Hq3!nVb8Yx');",
        'props.setProperty("mail.smtp.password", "Nq5#tXw8Kz");',
        '<entry key="db.password">Wq8!zRt4Lm</entry>',
        'ansible_ssh_pass=Ssh!Pass99',
        '"sshPassphrase" : "SSHPass123",',
        'Server=db;Database=app;User Id=sa;Password=Str0ng#Pa55;',
      ],
      noMatch: [
        "password: ''",
        'password = getPassword()',
        'const password = config.db.password;',
        '"password": "string"',
        '<input type="password" name="password">',
        'password_hash = hash(password)',
        'passwordField: "user_password_field"',
        '"password": "Enter your password"',
        '"password": "Passwort"',
        'password: ${DB_PASSWORD}',
        'PASSWORD=$DB_PASSWORD',
        'password = "********"',
        "'password' => 'required|string|min:8|confirmed',",
        'password: process.env.DB_PASSWORD',
        'if (password === "hunter22x") {',
        'bypass = "Zq8!mTn2Lk"',
        'password: Joi.string().min(8).required(),',
        'const password = result.groups?.password;',
        'readonly STENCIL_PASS_DEPTH_PASS: 0x0B96;',
        'password = user_input',
        'password = "abababab"',
        'fields = ("username", "password", "email")',
        'props.put("password", secret2);',
        "WHERE name NOT IN ('Archive','Archive_Pass','cw_CreditTrans')",
        'password: "P@ssw0rd!"',
        'pwd = /home/deploy/app',
        '<input autocomplete="new-password" value="">',
      ],
    },
  },
  {
    id: 'generic-secret',
    title: 'Hard-coded secret',
    description:
      'A literal high-entropy value assigned to a secret, client secret, secret key, signing ' +
      'key, encryption key or master key in code or configuration.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['secret', 'signing', 'encryption', 'private', 'master'],
    pattern: assignmentPattern(
      keyName([
        ['secret', 'access', 'key'],
        ['secret', 'key', 'base'],
        ['secret', 'key'],
        ['secret', 'token'],
        ['secret'],
        ['signing', 'key'],
        ['encryption', 'key'],
        ['private', 'key'],
        ['master', 'key'],
      ]),
      8,
    ),
    minEntropy: 3.5,
    verify: isPlausibleToken,
    generic: true,
    references: [CWE_798, OWASP_SECRETS],
    examples: {
      match: [
        'client_secret = "q8Zt3Lw9Rk2Vn7Xp4Mb6Jc1H"',
        'APP_SECRET=f3a9c2e71b8d4056a9e2c7b1d3f08a64',
        'secret_key = yLryKGwcGc3ez9G8YAnjeYMQOc # Sensitive',
        '  clientSecret: "Nw4pT7zQ2mK9vR5xL8bJ3cH6"',
        'private_key: "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"',
      ],
      noMatch: [
        'secret: true',
        'secretName: app-tls',
        'secret: my-app-secret-name',
        'client_secret: ${CLIENT_SECRET}',
        'clientSecret: this.clientSecret',
        '"secret": "string"',
        'SECRET_KEY = os.environ["SECRET_KEY"]',
        'secret = "abcabcabcabc"',
        'secret: "SOME_SECRET_NAME"',
      ],
    },
  },
  {
    id: 'generic-api-key',
    title: 'Hard-coded API key or token',
    description:
      'A literal high-entropy value assigned to an API key, access key, auth key or token in ' +
      'code or configuration.',
    severity: 'high',
    confidence: 'medium',
    keywords: [
      'apikey',
      'api_key',
      'api-key',
      'api.key',
      'accesskey',
      'access_key',
      'access-key',
      'access.key',
      'authkey',
      'auth_key',
      'auth-key',
      'auth.key',
      'token',
    ],
    pattern: assignmentPattern(
      keyName([['api', 'key'], ['access', 'key'], ['auth', 'key'], ['token']], tokenNotAfter),
      8,
    ),
    minEntropy: 3.5,
    verify: isPlausibleToken,
    generic: true,
    references: [CWE_798, OWASP_SECRETS],
    examples: {
      match: [
        'api_key: 3b6311afca5bd8aac647b316704e9c6d # Risk.',
        '"HEROKU_API_KEY": "7a2f9a4289e530bef6dbf31f4cbf63d5"',
        'const apiKey = "kT9mX2pQ7vL4wR8zN3bH6jC1";',
        'oauth_token: "7f9cc25de23d1a255720b0ae4551f4044d600f46"',
        '"auth_token": "26dfe8d8-889b-4380-92ff-9c3c6ea5d930",',
        'X-Api-Key: Zp3Qw8Rt5Yk2Lm9Nv4Bx',
      ],
      noMatch: [
        'apiKey: process.env.API_KEY',
        'api_key: "YOUR_API_KEY"',
        'access_token: "ACCESS_TOKEN"',
        'csrf_token = "a8f3b2c9d4e7f1a6b5c8d2e9f3a7b4c1"',
        'nextToken: "AAAAAQ7p3kZ9vR2mL8xW4nT6"',
        'token: "{{ .Token }}"',
        'max_tokens: 4096',
        '"token": "string"',
        'apiKey: "x-api-key"',
        'token = "abcdefabcdef"',
        'type OpeningParenToken = OpeningParenToken$1;',
      ],
    },
  },
  {
    id: 'authorization-header',
    title: 'Bearer token in an Authorization header',
    description:
      'A literal bearer token in an `Authorization` header of code, configuration or a curl ' +
      'command; it acts as whoever the token was issued to.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['authorization'],
    pattern:
      /\bauthorization["']?[ \t]{0,4}[:=,][ \t]{0,4}["'`]?[ \t]{0,2}(?:bearer|token)[ \t]{1,4}(?<secret>[A-Za-z0-9._~+/-]{12,4096}={0,2})/i,
    minEntropy: 3.5,
    verify: isPlausibleToken,
    generic: true,
    references: ['https://www.rfc-editor.org/rfc/rfc6750#section-2.1', OWASP_SECRETS],
    examples: {
      match: [
        "curl -H 'Authorization: Bearer 4f8Kq2ZtW9mB3xN7vR1pL6sDkT5mX0pQ' https://api.acme.io",
        'headers: { Authorization: "Bearer kT9mX2pQ7vL4wR8zN3bH6jC1" }',
      ],
      noMatch: [
        "headers: { Authorization: 'Bearer ' + token }",
        'Authorization: Bearer <token>',
        'Authorization: Bearer $ACCESS_TOKEN',
        'Authorization: Bearer YOUR_ACCESS_TOKEN',
        'authorization: `Bearer ${token}`',
      ],
    },
  },
  {
    id: 'authorization-basic-header',
    title: 'Basic credentials in an Authorization header',
    description:
      'A literal `Authorization: Basic` header: base64 of `user:password`, readable by anyone.',
    severity: 'high',
    confidence: 'high',
    keywords: ['authorization'],
    pattern:
      /\bauthorization["']?[ \t]{0,4}[:=,][ \t]{0,4}["'`]?[ \t]{0,2}basic[ \t]{1,4}(?<secret>[A-Za-z0-9+/]{8,1024}={0,2})/i,
    verify: isBase64UserPassword,
    generic: true,
    remediation: rotatePassword,
    references: ['https://www.rfc-editor.org/rfc/rfc7617#section-2'],
    examples: {
      match: [
        '-H "Authorization: Basic c3ZjLXJlcG9ydHM6N2ZLMnBMcTlYd1oz"',
        "conn.setRequestProperty('Authorization', 'Basic ZGVwbG95OkhzNG5UOHFXejJMYw==')",
      ],
      noMatch: [
        'Authorization: Basic dXNlcjpwYXNzd29yZA==',
        'Authorization: Basic VGs5cFIzbVc3eEx2',
        'Authorization: Basic ${CREDENTIALS}',
      ],
    },
  },
  {
    id: 'curl-user-password',
    title: 'Password in a curl command',
    description: 'A `curl -u user:password` command with the password written out.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['curl'],
    pattern:
      /\bcurl\b[^\n]{0,300}?[ \t](?:-u|--user)(?:[ \t]{1,4}|=)["'`]?[^\s:"'`]{1,128}:(?<secret>[^\s"'`]{3,128})/,
    generic: true,
    remediation: rotatePassword,
    references: ['https://curl.se/docs/manpage.html#-u'],
    examples: {
      match: [
        'curl -fsS -u admin:Zq8!mTn2Lk https://nexus.acme.io/service/rest/v1/status',
        'curl --user "ci:Hs4nT8qWz2Lc" -X POST https://jenkins.acme.io/job/deploy/build',
      ],
      noMatch: [
        'curl -u "$USER:$PASS" https://api.acme.io',
        'curl -u ${API_KEY}: https://api.acme.io',
        'curl -u admin: https://api.acme.io',
      ],
    },
  },
  {
    id: 'netrc-password',
    title: 'Password in a .netrc file',
    description:
      'A `machine … login … password …` entry (.netrc, used by curl, git, ftp and pip): a clear ' +
      'text password for that host.',
    severity: 'high',
    confidence: 'high',
    keywords: ['machine'],
    pattern:
      /\bmachine[ \t]{1,10}\S{1,253}(?:\s{1,20}(?:login|account|port|protocol)\s{1,20}\S{1,256}){0,4}\s{1,20}password\s{1,20}(?<secret>\S{3,256})/,
    remediation: rotatePassword,
    references: [
      'https://www.gnu.org/software/inetutils/manual/html_node/The-_002enetrc-file.html',
    ],
    examples: {
      match: [
        'machine imap.acme.io login ops@acme.io password pass123',
        'machine api.acme.io\n  login ci-bot\n  password Wq8zR4mTn2\n',
      ],
      noMatch: [
        'machine api.acme.io login ci-bot password $NETRC_PASSWORD',
        'the machine learning model has no password',
      ],
    },
  },
  {
    id: 'htpasswd-hash',
    title: 'Password hash in an .htpasswd file',
    description:
      'A `user:hash` line of an Apache/nginx .htpasswd file; the hash can be cracked offline ' +
      'and then opens the protected site.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['$apr1$', '$2y$', '$2a$', '$2b$', '{sha}', '$1$', '$5$', '$6$'],
    pattern: new RegExp(
      `^[^:\\s#]{1,255}:(?<secret>${cryptHash}|\\{SHA\\}[A-Za-z0-9+/]{27}=)[ \\t]*\\r?$`,
      'm',
    ),
    paths: /(?:^|\/)\.?htpasswd[^/]*$/,
    remediation: protectHashes,
    references: ['https://httpd.apache.org/docs/2.4/misc/password_encryptions.html'],
    examples: {
      match: [
        'admin:$apr1$tp8glkbm$fjg65tI1eipoBh62aEjIy0',
        'ops:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=',
      ],
      noMatch: ['# admin:$apr1$...', 'admin:'],
    },
  },
  {
    id: 'shadow-password-hash',
    title: 'Password hash in a shadow or passwd file',
    description:
      'A `user:$id$salt$hash:` record of /etc/shadow, a passwd-style file or an FTP server user ' +
      'file; the hash can be cracked offline.',
    severity: 'medium',
    confidence: 'high',
    keywords: cryptKeywords,
    // From the hash's `:` on, with the user checked behind: far faster than a pattern that
    // starts at every line.
    pattern: new RegExp(
      `:(?<secret>${cryptHash}):(?<=^[a-z_][a-z0-9_.-]{0,31}\\$?:[^\\n:]{1,400}:)`,
      'm',
    ),
    remediation: protectHashes,
    references: ['https://man7.org/linux/man-pages/man5/shadow.5.html'],
    examples: {
      match: [
        'ubuntu:$6$LnUhhUi45srUKt9i$4Hp6VRTOB2mxvsYH8mwsCfBryg6hCbm4JJjV26KplN8ewZ7EUVqQDkLKDW.O8XRHx.B76JkwXtyD3wnAXEuZN1:0:99999:7:::',
        'deploy:$y$j9T$Hd3kP9qLw2Zx$1mN4vB7cX0zK5tR8yU2iO6pA9sD3fG1hJ4kL7qW0eR2:19700:0:99999:7:::',
      ],
      noMatch: [
        'daemon:*:17431:0:99999:7:::',
        'root::17431:0:99999:7:::',
        'www-data:!:19000::::::',
      ],
    },
  },
  {
    id: 'sql-dump-password-hash',
    title: 'Password hashes in an SQL dump',
    description:
      'Crypt-style password hashes (bcrypt, sha512-crypt, argon2) in the rows of an SQL dump: ' +
      "a user table's credentials, crackable offline.",
    severity: 'medium',
    confidence: 'medium',
    keywords: ['insert into', 'from stdin'],
    // Rows of a dump run far past the statement that names the table.
    scope: 'file',
    pattern: new RegExp(`(?:^|['\\t])(?<secret>${cryptHash})(?=['\\t]|\\r?$)`, 'm'),
    remediation:
      'Remove the dump and its history from the repository; seed test databases with generated ' +
      'users. If the dump came from production, make its users change their passwords.',
    references: ['https://cwe.mitre.org/data/definitions/312.html'],
    cwe: ['CWE-312'],
    examples: {
      match: [
        "INSERT INTO `users` VALUES\n(1, 'rogers63', '$2y$12$s.YfVZdfvAuO/Iz6fte5iO..ZbbEgreZnDcYOGvX4NGJskYQIstcG', 1);",
      ],
      noMatch: [
        // Laravel's factory hash of "password".
        "INSERT INTO users VALUES (1, 'a', '$2y$10$92IXUNpkjO0rOQ5byMi.Ye4oKoEa3Ro9llC/.og/at2.uheWG/igi');",
        "INSERT INTO users VALUES (1, 'a', '$2y$12$short');",
      ],
    },
  },
  {
    id: 'sql-user-password',
    title: 'Password in an SQL user statement',
    description:
      'A `CREATE/ALTER USER … PASSWORD` or `IDENTIFIED BY` statement with the password written ' +
      'out: a database login.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['identified', 'password'],
    pattern:
      /\b(?:IDENTIFIED(?:[ \t]{1,4}WITH[ \t]{1,4}\w{1,40})?[ \t]{1,4}BY(?:[ \t]{1,4}PASSWORD)?|(?:CREATE|ALTER)[ \t]{1,4}(?:USER|ROLE|LOGIN)\b[^;\n]{0,200}?\bPASSWORD)[ \t]{0,4}=?[ \t]{0,4}'(?<secret>[^'\s]{3,128})'/i,
    remediation: rotatePassword,
    references: ['https://dev.mysql.com/doc/refman/8.4/en/create-user.html'],
    examples: {
      match: [
        "CREATE USER 'reporting'@'%' IDENTIFIED BY 'Rq7!vLm2Xz';",
        "ALTER ROLE app WITH LOGIN PASSWORD 'Nb4$kTz9Wq';",
        "CREATE LOGIN etl WITH PASSWORD = 'Hx8#pQ3mLv';",
      ],
      noMatch: [
        "CREATE USER 'app'@'%' IDENTIFIED BY '${DB_PASSWORD}';",
        "ALTER USER postgres PASSWORD 'password';",
        'CREATE USER app WITH PASSWORD :pw;',
      ],
    },
  },
  {
    id: 'pgpass-password',
    title: 'PostgreSQL password file entry',
    description:
      'A `host:port:database:user:password` line of a .pgpass file: a clear text database ' +
      'password.',
    severity: 'high',
    confidence: 'medium',
    keywords: [':543', ':6432:', ':*:'],
    pattern:
      /^[A-Za-z0-9.*_-]{1,253}:(?:\d{1,5}|\*):[^:\s]{1,63}:[^:\s]{1,63}:(?<secret>(?:[^\s:\\]|\\[:\\]){3,256})\r?$/m,
    remediation: rotatePassword,
    references: ['https://www.postgresql.org/docs/current/libpq-pgpass.html'],
    examples: {
      match: ['db.acme.io:5432:orders:app:Vq7mR2pLx9wT', '*:*:*:replicator:Kw3!zTq8Nm'],
      noMatch: [
        '#hostname:port:database:username:password',
        'localhost:5432:database:root:password',
        'daemon:*:17431:0:99999:7:::',
      ],
    },
  },
  {
    id: 'rails-master-key',
    title: 'Rails master key',
    description:
      'The key of `config/master.key` (or a per-environment credentials key): it decrypts ' +
      '`credentials.yml.enc` and with it every secret of the application.',
    severity: 'critical',
    confidence: 'high',
    // The file is nothing but the key, so any digit it holds admits it; `paths` narrows it.
    keywords: [],
    pattern: /^(?<secret>[0-9a-f]{32})\s*$/,
    paths: /(?:^|\/)config\/(?:master|credentials\/[\w-]{1,40})\.key$/,
    remediation: rotateSigningKey,
    references: ['https://guides.rubyonrails.org/security.html#custom-credentials'],
    examples: {
      match: ['3ebf21f8e5d1ab86b27a720842c3bb56\n'],
      noMatch: ['3ebf21f8e5d1ab86b27a720842c3bb5', 'not a key 3ebf21f8e5d1ab86b27a720842c3bb56'],
    },
  },
  {
    id: 'rails-secret-key-base',
    title: 'Rails secret_key_base',
    description:
      "Rails' `secret_key_base`: it signs and encrypts cookies and sessions, so it lets anyone " +
      'forge a session as any user.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['secret_key_base'],
    pattern:
      /\bsecret_key_base["']?[ \t]{0,4}(?::|=>?)[ \t]{0,4}["']?(?<secret>[0-9a-f]{64,256})\b/i,
    minEntropy: 3,
    remediation: rotateSigningKey,
    references: ['https://guides.rubyonrails.org/security.html#session-storage'],
    examples: {
      match: [
        '  secret_key_base: e0ec946fcefea5ce0d4d924f3c8db11dffeb7d10b320a69133c47a9641ab7d204d22c94f10c1ce1e187c643805fec5b2d2ba322c17bac533c110e6c6378ba84c',
        'SECRET_KEY_BASE=96dc2e349b1236b9e5915f1526b5e28e19a6557a88026007632c6c11da7cb5952ae55c520eb0d6fa78b972cbe8e855887f539edea5f969636792e54469e3c96e',
      ],
      noMatch: ['  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>', 'secret_key_base: abc123'],
    },
  },
  {
    id: 'django-secret-key',
    title: 'Django or Flask SECRET_KEY',
    description:
      'A `SECRET_KEY = "…"` setting of a Django or Flask application: it signs sessions, ' +
      'password-reset links and CSRF tokens.',
    severity: 'high',
    confidence: 'high',
    keywords: ['secret_key'],
    pattern:
      /^[ \t]*SECRET_KEY[ \t]{0,4}=[ \t]{0,4}[rbu]?(?<q>["'])(?<secret>[^"'\s\\]{20,200})\k<q>/m,
    minEntropy: 3.5,
    verify: (value) => !looksLikeCodeOrName(value) || value.startsWith('django-insecure-'),
    remediation: rotateSigningKey,
    references: ['https://docs.djangoproject.com/en/stable/ref/settings/#secret-key'],
    examples: {
      match: [
        "SECRET_KEY = 'django-insecure-8k$2v#q9z!m4x@w7r%t1p^y6n&b3c*h5j(l0d)f-s_g+e=a'",
        '    SECRET_KEY = "Zt8qL3wN7vR2mX9pK4bH6jC1yD5sF0gA"',
      ],
      noMatch: [
        "SECRET_KEY = os.environ['SECRET_KEY']",
        "SECRET_KEY = 'you-will-never-guess'",
        "SECRET_KEY = 'dev'",
      ],
    },
  },
  {
    id: 'flask-secret-key',
    title: 'Flask secret key',
    description:
      "A literal `app.secret_key` or `app.config['SECRET_KEY']`: it signs the Flask session " +
      'cookie, so it lets anyone forge a session.',
    severity: 'high',
    confidence: 'high',
    keywords: ['secret_key'],
    pattern:
      /\.(?:secret_key|config\[[ \t]{0,2}["']SECRET_KEY["'][ \t]{0,2}\])[ \t]{0,4}=[ \t]{0,4}[rb]?(?<q>["'])(?<secret>[^"'\s\\]{12,200})\k<q>/,
    minEntropy: 3.3,
    verify: (value) => !looksLikeCodeOrName(value),
    remediation: rotateSigningKey,
    references: ['https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY'],
    examples: {
      match: [
        "app.secret_key = 'a7Kq9Zt2Lw8Rn4Vx6Mb3'",
        'app.config["SECRET_KEY"] = "f3a9c2e71b8d4056a9e2c7b1d3f08a64"',
      ],
      noMatch: [
        "app.secret_key = os.environ['FLASK_SECRET']",
        "app.config['SECRET_KEY'] = 'super-secret-key'",
      ],
    },
  },
  {
    id: 'laravel-app-key',
    title: 'Laravel APP_KEY',
    description:
      "Laravel's `APP_KEY`: it encrypts cookies and sessions; with it, a forged session cookie " +
      'can lead to remote code execution through unserialisation.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['app_key'],
    pattern:
      /(?:\bAPP_KEY[ \t]{0,4}=[ \t]{0,4}["']?|\benv\([ \t]{0,2}["']APP_KEY["'][ \t]{0,2},[ \t]{0,2}["'])(?<secret>base64:[A-Za-z0-9+/]{40,88}={0,2}|[A-Za-z0-9]{32}(?![A-Za-z0-9]))/,
    minEntropy: 3.5,
    remediation: `${rotateSigningKey} Run \`php artisan key:generate\` for the new key.`,
    references: ['https://laravel.com/docs/encryption#configuration'],
    examples: {
      match: [
        'APP_KEY=base64:4StV8PVvCLC6gkJXgGdkYdlWW0suqjb2sj0QvDHx3Hsn',
        "'key' => env('APP_KEY', 'base64:Hq3nVb8YxKp4vN8qRzT2mW9sL5jD7fG1aC6eB0uI3oE='),",
      ],
      noMatch: ['APP_KEY=', "'key' => env('APP_KEY'),", 'APP_KEY=${LARAVEL_KEY}'],
    },
  },
  {
    id: 'wordpress-auth-salts',
    title: 'WordPress authentication key or salt',
    description:
      'An `AUTH_KEY`/`*_SALT` definition of wp-config.php: they sign login cookies, so they let ' +
      'anyone forge a logged-in session.',
    severity: 'high',
    confidence: 'high',
    keywords: ['auth_key', 'logged_in_key', 'nonce_key', '_salt'],
    pattern:
      /\bdefine\([ \t]{0,4}["'](?:SECURE_)?(?:AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)["'][ \t]{0,4},[ \t]{0,20}'(?<secret>[^'\\\n]{16,128})'/,
    minEntropy: 3.5,
    allow: [/put your unique phrase here/i],
    remediation: `${rotateSigningKey} New values come from https://api.wordpress.org/secret-key/1.1/salt/.`,
    references: ['https://developer.wordpress.org/advanced-administration/wordpress/wp-config/'],
    examples: {
      match: [
        "define( 'AUTH_KEY',         'q#8Zt(3Lw]9Rk2 Vn7Xp4|Mb6Jc1H!sD5gF0aY@uE' );",
        "define('NONCE_SALT', 'Kp4#vN8qRz:Lm2%Wt6^Bx9&Hc3*Jf7');",
      ],
      noMatch: ["define( 'AUTH_KEY', 'put your unique phrase here' );", "define('AUTH_KEY', '');"],
    },
  },
  {
    id: 'jwt-secret',
    title: 'JWT signing secret',
    description:
      'A literal HMAC secret for signing JSON Web Tokens: it lets anyone mint a valid token for ' +
      'any user or role.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['jwt'],
    pattern: assignmentPattern(
      keyName([
        ['jwt', 'secret', 'key'],
        ['jwt', 'secret'],
        ['jwt', 'signing', 'key'],
        ['jwt', 'key'],
        ['jwt', 'token', 'secret'],
      ]),
      8,
    ),
    verify: isPlausiblePassword,
    remediation: rotateSigningKey,
    references: ['https://www.rfc-editor.org/rfc/rfc8725#section-3.5', OWASP_SECRETS],
    examples: {
      match: [
        'JWT_SECRET=s3cr3t-Sign1ng!',
        "jwtSecret: 'Kq8#vT2mLz9Wn4Rx'",
        'jwt.secret=9f2Kq7ZtW4mB8xN3vR6pL1sD',
      ],
      noMatch: [
        'JWT_SECRET=${JWT_SECRET}',
        "jwtSecret: config.get('jwt.secret')",
        'jwt_key: jwt_key_name',
      ],
    },
  },
  {
    id: 'filezilla-password',
    title: 'FileZilla saved password',
    description:
      'A `<Pass>` of FileZilla sitemanager.xml or recentservers.xml: an FTP/SFTP password in ' +
      'clear text or plain base64.',
    severity: 'high',
    confidence: 'high',
    keywords: ['<pass'],
    pattern: /<Pass(?:[ \t]{1,4}encoding=["']base64["'])?>(?<secret>[^<\s]{1,512})<\/Pass>/,
    remediation: rotatePassword,
    references: ['https://wiki.filezilla-project.org/Site_Manager'],
    examples: {
      match: ['<Pass encoding="base64">VGs5cFIzbVc3eEx2</Pass>', '      <Pass>Hq3!nVb8Yx</Pass>'],
      noMatch: ['<Pass />', '<Pass></Pass>', '<Pass>*****</Pass>'],
    },
  },
  {
    id: 'jetbrains-webservers-password',
    title: 'JetBrains deployment server password',
    description:
      'The `password` of a `<fileTransfer>` in a JetBrains IDE `.idea/WebServers.xml`: an FTP ' +
      'password under a reversible obfuscation.',
    severity: 'high',
    confidence: 'high',
    keywords: ['<filetransfer'],
    pattern: /<fileTransfer\b[^>]{0,500}?\bpassword="(?<secret>[0-9a-f]{8,1024})"/,
    remediation: rotatePassword,
    references: ['https://www.jetbrains.com/help/idea/deployment-connection-tab.html'],
    examples: {
      match: [
        '<fileTransfer host="ftp.acme.io" port="21" password="dff9dfdfdfdadfcfdfd8dff9dfcfdfcf" username="root">',
      ],
      noMatch: ['<fileTransfer host="ftp.acme.io" port="21" username="root">'],
    },
  },
];
