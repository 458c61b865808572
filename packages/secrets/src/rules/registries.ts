import { isAllowedValue } from '../allowlist.js';
import { hasBase62Crc32, withBase62Crc32 } from '../checks/base62Checksum.js';
import type { SecretRule } from '../rule.js';

/**
 * Package registries (publish tokens and client configuration files) and secret managers
 * (Vault, Doppler, 1Password, Infisical): leaks here reach the supply chain or other secrets.
 */

const NPM_TOKEN_DOCS = 'https://docs.npmjs.com/about-access-tokens';
const NPMRC_DOCS = 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc';
const VAULT_TOKEN_DOCS = 'https://developer.hashicorp.com/vault/docs/concepts/tokens';
const DOPPLER_DOCS = 'https://docs.doppler.com/reference/auth-token-formats';
const npmrcPath = /(?:^|\/)\.npmrc$/;

/** Standard base64 that decodes to printable ASCII (and round-trips, so it really was base64). */
function decodeBase64Text(value: string): string | undefined {
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const canonical = Buffer.from(decoded, 'latin1').toString('base64');
  if (canonical.replace(/=+$/, '') !== value.replace(/=+$/, '')) return undefined;
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/** `base64(user:password)`, as in `.npmrc` `_auth`, with a password that is no placeholder. */
function isBase64Credentials(value: string): boolean {
  const decoded = decodeBase64Text(value);
  const separator = decoded?.indexOf(':') ?? -1;
  if (decoded === undefined || separator < 1) return false;
  const password = decoded.slice(separator + 1);
  return password.length > 0 && !isAllowedValue(password);
}

/** A base64-encoded password (`.npmrc` `_password`) that is not a placeholder. */
function isBase64Password(value: string): boolean {
  const decoded = decodeBase64Text(value);
  return decoded !== undefined && !isAllowedValue(decoded);
}

/** `user:password` in clear or in base64 (Yarn's `npmAuthIdent`). */
function isAuthIdent(value: string): boolean {
  const clear = /^[^:]+:(.+)$/.exec(value);
  if (clear?.[1] !== undefined) return !isAllowedValue(clear[1]);
  return isBase64Credentials(value);
}

/** A base64 JSON object: 1Password service account tokens carry their sign-in details so. */
function isBase64JsonObject(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

function base64Url(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

const npmToken = withBase62Crc32('npm', 'aRcV6mb3ipknZ7A8brDmBNDMGktwZP');
const npmAuth = Buffer.from('deploy:CgNvMPlPuxrtHdRB4Bvg').toString('base64');
const onePasswordServiceAccountToken = `ops_${Buffer.from(
  JSON.stringify({
    signInAddress: 'acme.1password.com',
    userAuth: {
      method: 'SRPg-4096',
      alg: 'PBES2g-HS256',
      iterations: 650000,
      salt: 'mAbTd2oeKd3toseXd4-Ex9',
    },
    email: 'xfa7xrqnukved@1passwordserviceaccounts.com',
    srpX: 'acc34db89bcee387c367eba57907f704e95dc637d0ae6b96ef85fd9dd013a200',
    muk: {
      alg: 'A256GCM',
      ext: true,
      k: 'AssMIhPckLSiWg3ZDf11FgBba5j99qV4G13zmSVTPT_',
      key_ops: ['encrypt', 'decrypt'],
      kty: 'oct',
      kid: 'mp',
    },
    secretKey: 'A3-9X4WW9-32DLII-3MZYL-C0XWK-DCHV9-E9SND',
    throttleSecret: {
      seed: '8d405cf7e301e7b77cd95757527a7bb38419333a3850357a6fdae9c916ec8c89',
      uuid: 'DAN7Q0JE8L2W8FHVRQVHXFB0DT',
    },
    deviceUuid: 'kie22704cr2a8hziuvdxcdw5mb',
  }),
).toString('base64')}`;
const artifactoryAccessToken = [
  base64Url({
    ver: '2',
    typ: 'JWT',
    alg: 'RS256',
    kid: 'WRmb8RSX6Z5YBraeqJWUX6sUYEbkg0b9NAS4uytBlBC',
  }),
  base64Url({
    ext: '{"revocable":"true"}',
    sub: 'jfac@01hm9fp4uxqwi7tgzn636zk1gx/users/ci-publisher',
    scp: 'applied-permissions/user',
    aud: '*@*',
    iss: 'jfac@01hv2b3iss552ajkjls3ayptxu',
    exp: 1767225600,
    iat: 1735689600,
    jti: 'a149d147-ea52-4c88-a6ee-b855f1462199',
  }),
  '3MH-sgPDEEQ-qdvgONAB5fND2JXEg411qxVA4ccHQB7OMgmECVECWskaXHV3CDww_C9rwYvXyZPRO8MNAmjv7B2sy48pd40H2Q6sOF94gp9irMw0z3BS67rRH27OErlRuUru6L9zIFjbOorNqXCbrFp6CR7l43GZ22JgAgQk4u0VFak4AWhW4hmk4TGNPS3JygqZrEHdDdboqCaHKcDn7yqNlRfdgpNcRiFGKek4OLTEHZtEq1axbOh_MjwrBZG9hcsptaNtYBEpzbPSTnRMXAVeGG7Ooa1Wf-k5TcYvFOjuSq1NGBKuDowgT2KY0XGoKznfBPqMV_nzdit0lOKHbX',
].join('.');

export const registryRules: SecretRule[] = [
  // npm and Yarn
  {
    id: 'npm-access-token',
    title: 'npm access token',
    description:
      'Acts as the npm user: installs private packages and, if allowed, publishes new versions.',
    severity: 'high',
    confidence: 'high',
    keywords: ['npm_'],
    pattern: /\b(npm_[0-9A-Za-z]{36})\b/,
    verify: hasBase62Crc32,
    references: [NPM_TOKEN_DOCS],
    examples: {
      match: [`NPM_TOKEN=${npmToken}`, `//registry.npmjs.org/:_authToken=${npmToken}`],
      noMatch: [
        `NPM_TOKEN=${npmToken.slice(0, -1)}${npmToken.endsWith('A') ? 'B' : 'A'}`,
        'NPM_TOKEN=npm_CKEg8CfDOjzrtmZ23iUW',
      ],
    },
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry auth token in npm configuration',
    description: 'A bearer token npm sends to the registry: installs and publishes as its owner.',
    severity: 'high',
    confidence: 'high',
    keywords: ['_authtoken'],
    pattern: /(?:^|[\s:'"])_authToken[ \t]{0,3}=[ \t]{0,3}["']?([^\s'"]{8,2048})/m,
    minEntropy: 3,
    references: [NPMRC_DOCS],
    examples: {
      match: [
        '//registry.npmjs.org/:_authToken=a5f51352-5f93-41a0-8f84-64c04c425af4',
        'RUN echo "//npm.acme.internal/repository/npm/:_authToken=qKcE_oQj-KsP1h03YhB-Cv52kcyC-IP4PjGVRtPF-fF3GmuJ" > .npmrc',
      ],
      noMatch: [
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        '//registry.npmjs.org/:_authToken=$NPM_TOKEN',
      ],
    },
  },
  {
    id: 'npmrc-auth',
    title: 'Registry credentials in .npmrc (_auth)',
    description: 'A base64 `user:password` pair npm sends to the registry as basic authentication.',
    severity: 'high',
    confidence: 'high',
    keywords: ['_auth'],
    pattern:
      /(?:^|[\s:])_auth[ \t]{0,3}=[ \t]{0,3}["']?([A-Za-z0-9+/]{4,2048}={0,2})(?![A-Za-z0-9+/=])/m,
    paths: npmrcPath,
    verify: isBase64Credentials,
    references: [NPMRC_DOCS],
    examples: {
      match: [`//npm.acme.internal/:_auth=${npmAuth}`, `_auth = "${npmAuth}"`],
      noMatch: [`_auth=${Buffer.from('deploy:changeme').toString('base64')}`, '_auth=DYM8txOOurOa'],
    },
  },
  {
    id: 'npmrc-password',
    title: 'Registry password in .npmrc (_password)',
    description: 'A base64 registry password npm sends with the configured username.',
    severity: 'high',
    confidence: 'high',
    keywords: ['_password'],
    pattern:
      /(?:^|[\s:])_password[ \t]{0,3}=[ \t]{0,3}["']?([A-Za-z0-9+/]{4,2048}={0,2})(?![A-Za-z0-9+/=])/m,
    paths: npmrcPath,
    verify: isBase64Password,
    references: [NPMRC_DOCS],
    examples: {
      match: [
        `//npm.acme.internal/:_password=${Buffer.from('7vfzm4ncpG2KWjQyOW').toString('base64')}`,
      ],
      noMatch: [`//npm.acme.internal/:_password=${Buffer.from('password').toString('base64')}`],
    },
  },
  {
    id: 'yarnrc-npm-auth-token',
    title: 'Registry auth token in .yarnrc.yml',
    description:
      'A bearer token Yarn sends to the npm registry: installs and publishes as its owner.',
    severity: 'high',
    confidence: 'high',
    keywords: ['npmauthtoken'],
    pattern: /\bnpmAuthToken[ \t]{0,3}:[ \t]{0,3}["']?([^\s'"]{8,2048})/,
    minEntropy: 3,
    references: ['https://yarnpkg.com/configuration/yarnrc#npmAuthToken'],
    examples: {
      match: ['  npmAuthToken: "aEZfaTAH_gLk-0SvxpVVFty9oB9GQAjR_igiNOjB"'],
      noMatch: ['  npmAuthToken: "${NPM_TOKEN}"'],
    },
  },
  {
    id: 'yarnrc-npm-auth-ident',
    title: 'Registry credentials in .yarnrc.yml (npmAuthIdent)',
    description: 'A `user:password` pair (clear or base64) Yarn sends to the npm registry.',
    severity: 'high',
    confidence: 'high',
    keywords: ['npmauthident'],
    pattern: /\bnpmAuthIdent[ \t]{0,3}:[ \t]{0,3}["']?([^\s'"]{4,2048})/,
    verify: isAuthIdent,
    references: ['https://yarnpkg.com/configuration/yarnrc#npmAuthIdent'],
    examples: {
      match: ['npmAuthIdent: "deploy:5iuBuzdjHfm6dgv6lysI"', `npmAuthIdent: ${npmAuth}`],
      noMatch: ['npmAuthIdent: "deploy:changeme"', 'npmAuthIdent: "${NPM_IDENT}"'],
    },
  },

  // Python, Ruby, .NET, Rust, PHP, Elixir, Clojure, Gradle
  {
    id: 'pypi-upload-token',
    title: 'PyPI API token',
    description: 'Uploads new releases of the user’s (or one project’s) packages to PyPI.',
    severity: 'high',
    confidence: 'high',
    keywords: ['pypi-ageichlwas5vcmc'],
    // A macaroon whose location is "pypi.org".
    pattern: /\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://pypi.org/help/#apitoken'],
    examples: {
      match: [
        'TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcCJS-4Kl1A8HLcnofpxiDauP0p7xQrR3eK8DizOkH_yyHZEFL_ykzEnkAmwDmVVA6dBfuW1Td25GjKyulDV8qBCUZ6vaz2iIztqkPCKZPf231e7J6yMYXINx1zgQJoaKmKFFcoEgKYS0u_0vlGt--1WDv',
      ],
      noMatch: ['TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcer_ORXEbdkmQ-SAKdUFP'],
    },
  },
  {
    id: 'test-pypi-upload-token',
    title: 'TestPyPI API token',
    description: 'Uploads releases to TestPyPI, where installs from the test index pick them up.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['pypi-agendgvzdc5wexbplm9yzw'],
    pattern: /\b(pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://test.pypi.org/help/#apitoken'],
    examples: {
      match: [
        'password = pypi-AgENdGVzdC5weXBpLm9yZwIkwwjS4JmF6S6aee6jf4L03OZVksbj66KCe3ukImQvcmPwBJjNsiInUbLkE7Rlzc0vv4egWROuLExe7rwrxoGN1JgXusjjWzys0D9cDWyYg0bZBlf6HSeFBbNjX46FdNiTnKstC4mFxMEiW111pdctLk',
      ],
      noMatch: ['password = pypi-AgENdGVzdC5weXBpLm9yZwJhjYiShQG-'],
    },
  },
  {
    id: 'pypirc-password',
    title: 'Password in .pypirc',
    description: 'The password or token twine and setuptools use to upload to a package index.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['password'],
    pattern: /^[ \t]{0,20}password[ \t]{0,5}[:=][ \t]{0,5}(\S{6,1024})[ \t]*$/m,
    paths: /(?:^|\/)\.pypirc$/,
    minEntropy: 2.5,
    references: ['https://packaging.python.org/en/latest/specifications/pypirc/'],
    examples: {
      match: [
        '[internal]\nrepository = https://pypi.acme.internal/simple\nusername = ci\npassword = fCOmlloNC2q2HtQAnQ3SQWvP',
      ],
      noMatch: ['[pypi]\nusername = __token__\npassword = <your-token>'],
    },
  },
  {
    id: 'rubygems-api-key',
    title: 'RubyGems API key',
    description:
      'Pushes (or yanks) gem versions as the RubyGems.org user, within the key’s scopes.',
    severity: 'high',
    confidence: 'high',
    keywords: ['rubygems_'],
    pattern: /\b(rubygems_[a-f0-9]{48})\b/,
    minEntropy: 3,
    references: ['https://guides.rubygems.org/api-key-scopes/'],
    examples: {
      match: [
        ':rubygems_api_key: rubygems_8fdbc51228b9d1aec8b3c2f672955ed7a88f123ecf1009d8',
        'GEM_HOST_API_KEY=rubygems_6c4f0c6662a0841a4e3616514ab686a75f3bb1ba8c797a02',
      ],
      noMatch: ['GEM_HOST_API_KEY=rubygems_de0f74d35873f09709b1'],
    },
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet.org API key',
    description: 'Pushes or unlists packages on NuGet.org for the packages the key covers.',
    severity: 'high',
    confidence: 'high',
    keywords: ['oy2'],
    pattern: /\b(oy2[a-z0-9]{43})\b/,
    minEntropy: 3.5,
    references: [
      'https://learn.microsoft.com/en-us/nuget/nuget-org/publish-a-package#create-an-api-key',
    ],
    examples: {
      match: [
        'dotnet nuget push pkg.nupkg --api-key oy2mem0armxcuameqg3a5vroid9zdgqkggus6yekq2n87g --source https://api.nuget.org/v3/index.json',
      ],
      noMatch: ['--api-key oy2p6ufc13zqzx14fkep3g1'],
    },
  },
  {
    id: 'crates-io-api-token',
    title: 'crates.io API token',
    description: 'Publishes and yanks crate versions as the crates.io user, within its scopes.',
    severity: 'high',
    confidence: 'high',
    keywords: ['cio'],
    pattern: /\b(cio[A-Za-z0-9]{32})\b/,
    minEntropy: 3.5,
    references: ['https://doc.rust-lang.org/cargo/reference/publishing.html'],
    examples: {
      match: [
        'CARGO_REGISTRY_TOKEN=cioazYoGaK1ILcgHydAwRAiH1qdn3GqtXKQ',
        '[registry]\ntoken = "ciowTfmkUNZ0ReNK0zIqnsKjvk51Pzm83c1"',
      ],
      noMatch: ['CARGO_REGISTRY_TOKEN=cioM36NWji6xILTSlXQRTYA', 'cioccolato'],
    },
  },
  {
    id: 'private-packagist-token',
    title: 'Private Packagist authentication token',
    description: 'Installs (or updates) the organization’s private Composer packages.',
    severity: 'high',
    confidence: 'high',
    keywords: ['packagist_'],
    pattern: /\b(packagist_(?:ort|out|uut|cut)_[a-f0-9]{68})\b/,
    minEntropy: 3,
    references: ['https://packagist.com/docs/authentication-tokens'],
    examples: {
      match: [
        'composer config --global --auth http-basic.repo.packagist.com token packagist_ort_db9cae3973312f0fc8a9ec1459357653b0ad85025b7b0946f7a203be13fa36493cf8',
      ],
      noMatch: ["$token = 'packagist_ort_..........';"],
    },
  },
  {
    id: 'hex-api-key',
    title: 'Hex.pm API key',
    description: 'Publishes and retires Elixir and Erlang package versions as the Hex user.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['hex_api_key', 'hexpm'],
    pattern:
      /(?:hex_api_key|hexpm[\w.-]{0,20}?(?:key|token))[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-f0-9]{32})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://hex.pm/docs/publish'],
    examples: {
      match: ['HEX_API_KEY=f3e4aeb101b41cb6199effeb3b78c1e0'],
      noMatch: ['HEX_API_KEY=b7c6d8018cfac547'],
    },
  },
  {
    id: 'clojars-deploy-token',
    title: 'Clojars deploy token',
    description: 'Deploys artifacts to Clojars as the user, within the token’s scope.',
    severity: 'high',
    confidence: 'high',
    keywords: ['clojars_'],
    pattern: /\b(CLOJARS_[A-Za-z0-9]{60})\b/,
    minEntropy: 3.5,
    references: ['https://github.com/clojars/clojars-web/wiki/Deploy-Tokens'],
    examples: {
      match: [
        'CLOJARS_PASSWORD=CLOJARS_2be3223f2262d97f2d0bb9e1bab885c040e54d8c588ae4d1dd1ee89bf8e6',
      ],
      noMatch: ['CLOJARS_USERNAME=acme'],
    },
  },
  {
    id: 'gradle-plugin-portal-secret',
    title: 'Gradle Plugin Portal API secret',
    description: 'With its key, publishes plugin versions to the Gradle Plugin Portal.',
    severity: 'high',
    confidence: 'high',
    keywords: ['gradle.publish.secret', 'gradle_publish_secret'],
    pattern:
      /gradle[._]publish[._]secret[ \t]{0,5}[=:][ \t]{0,5}["']?([A-Za-z0-9]{32})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.gradle.org/current/userguide/publishing_gradle_plugins.html'],
    examples: {
      match: [
        'gradle.publish.secret=VgNrSoOcwiqFfeb3CQAPAyDLjWkA3EQp',
        'GRADLE_PUBLISH_SECRET: LuY1ySwlkaaWAklRQ2Ba2m8q6j5WkuL0',
      ],
      noMatch: ['gradle.publish.key=g31DxYchltcdFkuRkkQkPdx7jr7n65dh'],
    },
  },

  // Container registries
  {
    id: 'docker-hub-pat',
    title: 'Docker Hub personal access token',
    description: 'Pulls and pushes images as the Docker Hub user, within the token’s permissions.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dckr_pat_'],
    pattern: /(?<![\w-])(dckr_pat_[A-Za-z0-9_-]{27})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://docs.docker.com/security/for-developers/access-tokens/'],
    examples: {
      match: ['echo dckr_pat_5YBmBz7LxK2WRgl_5DBpWwusdRG | docker login -u acme --password-stdin'],
      noMatch: ['DOCKERHUB_TOKEN=dckr_pat_3ihctutzYeaL'],
    },
  },
  {
    id: 'docker-hub-oat',
    title: 'Docker Hub organization access token',
    description: 'Pulls and pushes the organization’s repositories the token was given access to.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dckr_oat_'],
    pattern: /(?<![\w-])(dckr_oat_[A-Za-z0-9_-]{27,64})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://docs.docker.com/enterprise/security/access-tokens/'],
    examples: {
      match: ['DOCKERHUB_TOKEN=dckr_oat_2n5jJmrwKTsvG8p4Nth36Ia-XdTPXAGZ'],
      noMatch: ['DOCKERHUB_TOKEN=dckr_oat_C9z0syAwgF_y'],
    },
  },
  {
    id: 'quay-robot-token',
    title: 'Quay robot account token',
    description: 'Pulls and pushes the repositories the Quay robot account was granted.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['quay'],
    pattern:
      /quay[\w.-]{0,20}?(?:token|password|passwd|pass)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Z0-9]{64})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.quay.io/glossary/robot-accounts.html'],
    examples: {
      match: ['QUAY_ROBOT_TOKEN=RJMOX1O9M4YPDICHVJA3DZJ37NIMWNQEQLGYDY0U5SCASAT3DHCMN3U22C7CA904'],
      noMatch: ['QUAY_ROBOT_USERNAME=acme+ci', 'QUAY_ROBOT_TOKEN=OJGB57N32DX3EPL75PJ3EV507F81EBBN'],
    },
  },
  {
    id: 'artifactory-access-token',
    title: 'JFrog Artifactory access token',
    description:
      'A JFrog Platform access token: acts as its subject on Artifactory and the other JFrog services.',
    severity: 'high',
    confidence: 'high',
    keywords: ['eyj2zxiioiiyiiwidhlwijoi'],
    // A JWT whose header starts {"ver":"2","typ":"JWT","alg":"RS256","kid": (the JWT rule's span).
    pattern:
      /(?<![\w-])(eyJ2ZXIiOiIyIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYiLCJraWQiOi[A-Za-z0-9_-]{10,200}\.eyJ[A-Za-z0-9_-]{20,16384}\.[A-Za-z0-9_-]{40,1024})/,
    references: [
      'https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens',
    ],
    examples: {
      match: [`ARTIFACTORY_ACCESS_TOKEN=${artifactoryAccessToken}`],
      noMatch: [
        `ARTIFACTORY_ACCESS_TOKEN=${artifactoryAccessToken.split('.').slice(0, 2).join('.')}`,
      ],
    },
  },

  // Infrastructure as code
  {
    id: 'pulumi-access-token',
    title: 'Pulumi access token',
    description: 'Acts as the Pulumi Cloud user or team: stacks, their state and their secrets.',
    severity: 'high',
    confidence: 'high',
    keywords: ['pul-'],
    pattern: /\b(pul-[a-f0-9]{40})\b/,
    minEntropy: 3,
    references: ['https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/'],
    examples: {
      match: ['PULUMI_ACCESS_TOKEN=pul-4fb4dc86c907822d9df993cadb1b96110f292568'],
      noMatch: ['PULUMI_ACCESS_TOKEN=pul-4d1714525491613df897'],
    },
  },
  {
    id: 'terraform-cloud-api-token',
    title: 'HCP Terraform / Terraform Enterprise API token',
    description: 'Acts as the user, team or organization: workspaces, runs, state and variables.',
    severity: 'high',
    confidence: 'high',
    keywords: ['atlasv1'],
    pattern: /(?<![A-Za-z0-9])([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![\w=-])/,
    minEntropy: 3.5,
    references: [
      'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
    ],
    examples: {
      match: [
        'TF_TOKEN_app_terraform_io=WePE7fGmVQiHmD.atlasv1.wzIijb5sClpliGEmycW8TREQa84QxQV6xw1Jg7E5LUkA5ThUnNQYeox7MErpFS_CYMh',
        'credentials "app.terraform.io" { token = "Q1reCqP6o50A5O.atlasv1.ijeLaUg1F0CnY3nDD-dynO6E9WljQw188TV--pRvhHeOQDRhRQDYD9xpuE2JUh3Q1HI" }',
      ],
      noMatch: ['token = "j8xT2aI2u1f3UB.atlasv1.jOPDrfhxmlAnUnd9XzLx"'],
    },
  },

  // Secret managers
  {
    id: 'vault-service-token',
    title: 'HashiCorp Vault service token',
    description:
      'Reads and writes the Vault secrets its policies allow, until it expires or is revoked.',
    severity: 'high',
    confidence: 'high',
    keywords: ['hvs.'],
    pattern: /\b(hvs\.[A-Za-z0-9_-]{24,256})(?![\w-])/,
    minEntropy: 3.5,
    references: [VAULT_TOKEN_DOCS],
    examples: {
      match: [
        'VAULT_TOKEN=hvs.CAESI3PxfXIocvxtSzEUw7IltEeWsbiso39VaL2VqzSlD-5mCuRUySwrOqsA6KNwVVL2Moq17doySLr_mvNZRjlweGjwRlq',
        'X-Vault-Token: hvs.mO85lKy2zP1wRohCdHOm36pq',
      ],
      noMatch: ['VAULT_TOKEN=hvs.VXIHrL4LTq'],
    },
  },
  {
    id: 'vault-batch-token',
    title: 'HashiCorp Vault batch token',
    description: 'Reads and writes the Vault secrets its policies allow, until it expires.',
    severity: 'high',
    confidence: 'high',
    keywords: ['hvb.'],
    pattern: /\b(hvb\.[A-Za-z0-9_-]{100,400})(?![\w-])/,
    minEntropy: 3.5,
    references: [VAULT_TOKEN_DOCS],
    examples: {
      match: [
        'VAULT_TOKEN=hvb.AAAAAQdPpwii4Fj0_fUhclV9gWPHvQ3dokcIzrFrI5Wl_72f6SfiIFXaPt8LgFv-3BbJZduyPd4DgxOOCaZ2-u66plXcERRIUwfZ0tH-rFowkMDc1CqRBBingWqnjWP56t8Gd2oVhlUw9-JG6U4deTxQWZH0',
      ],
      noMatch: ['VAULT_TOKEN=hvb.zgReDw01M9v8BHfD10pgJugALH2aA7fR5tWK-ZXn'],
    },
  },
  {
    id: 'vault-recovery-token',
    title: 'HashiCorp Vault recovery token',
    description: 'Operates on a Vault server in recovery mode, with access to raw storage.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['hvr.'],
    pattern: /\b(hvr\.[A-Za-z0-9_-]{24,256})(?![\w-])/,
    minEntropy: 3.5,
    references: [VAULT_TOKEN_DOCS],
    examples: {
      match: ['VAULT_TOKEN=hvr.jYYjBYt7Dp18i3C8AcX16JqD'],
      noMatch: ['VAULT_TOKEN=hvr.XN0oSVGBJs'],
    },
  },
  {
    id: 'vault-token-legacy',
    title: 'HashiCorp Vault token (pre-1.10 format)',
    description:
      'Reads and writes the Vault secrets its policies allow, until it expires or is revoked.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['vault'],
    pattern:
      /vault[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([sb]\.[A-Za-z0-9]{24})(?![\w+/=-])/i,
    minEntropy: 3.5,
    allow: [/^s\.[A-Za-z]{24}$/],
    references: [VAULT_TOKEN_DOCS],
    examples: {
      match: [
        'VAULT_TOKEN=s.sMUCypT82EdJMfySiAkUtj5m',
        'X-Vault-Token: s.1LfTEWNYz9Ihe7LjW1pKax3j',
      ],
      noMatch: ['VAULT_TOKEN=s.MyVaultDevelopmentTokenX', 'VAULT_TOKEN=root'],
    },
  },
  {
    id: 'doppler-personal-token',
    title: 'Doppler personal or CLI token',
    description:
      'Acts as the Doppler user: reads and changes the secrets of every project they can reach.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dp.pt.', 'dp.ct.'],
    pattern: /\b(dp\.(?:pt|ct)\.[A-Za-z0-9]{40,44})\b/,
    minEntropy: 3.5,
    references: [DOPPLER_DOCS],
    examples: {
      match: [
        'DOPPLER_TOKEN=dp.pt.PSg48GaRpgtSRigIBrgHUmzxUgERV8uwER2oAwHlwb6',
        'DOPPLER_TOKEN=dp.ct.e6hFYrW5cnu6sbtkzB2GYyRqzMJicH3N7vbEJhaXElP',
      ],
      noMatch: ['DOPPLER_TOKEN=dp.pt.oUgwfRuMXxyeCum9X4Pd'],
    },
  },
  {
    id: 'doppler-service-token',
    title: 'Doppler service token',
    description: 'Reads (or writes) the secrets of one Doppler project config.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dp.st.'],
    pattern: /\b(dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})\b/,
    minEntropy: 3.5,
    references: [DOPPLER_DOCS],
    examples: {
      match: [
        'DOPPLER_TOKEN=dp.st.prd.QrW1f2cRzibYlVY44nf4c6nKFdVClroUPOaRliNoWo5',
        'DOPPLER_TOKEN=dp.st.t1n0WgLwfTe0GuxVFKqNmPVQHktWb7lAYznpKKEP0RC',
      ],
      noMatch: ['DOPPLER_TOKEN=dp.st.prd.y8jv9jDQ54ssKwJwPtYJ'],
    },
  },
  {
    id: 'doppler-service-account-token',
    title: 'Doppler service account token',
    description: 'Acts as a Doppler service account on the projects and secrets it was granted.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dp.sa.'],
    pattern: /\b(dp\.sa\.[A-Za-z0-9]{40,44})\b/,
    minEntropy: 3.5,
    references: [DOPPLER_DOCS],
    examples: {
      match: ['DOPPLER_TOKEN=dp.sa.kF4HT3VyDsIYpy6DjsCmekWqvQBsKZJLBmxLci8XDPl'],
      noMatch: ['DOPPLER_TOKEN=dp.sa.KQQFrzIdGmttkS3ZsqEn'],
    },
  },
  {
    id: 'doppler-scim-audit-token',
    title: 'Doppler SCIM or audit token',
    description: 'Provisions workplace users (SCIM) or reads the workplace audit log.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['dp.scim.', 'dp.audit.'],
    pattern: /\b(dp\.(?:scim|audit)\.[A-Za-z0-9]{40,44})\b/,
    minEntropy: 3.5,
    references: [DOPPLER_DOCS],
    examples: {
      match: [
        'scim_token: dp.scim.qszuYP0QsI5MzRMHfhgeWfHvfobXLgDWBaGXeH4NRfQ',
        'audit_token: dp.audit.xGxpgear7czRxvKUoSycR2M8esBnbOjpjQNw7JX7oPK',
      ],
      noMatch: ['scim_token: dp.scim.DiUluvBZ8UfjiWKgTIco'],
    },
  },
  {
    id: '1password-service-account-token',
    title: '1Password service account token',
    description: 'Reads (or writes) the items of every vault the service account was granted.',
    severity: 'high',
    confidence: 'high',
    keywords: ['ops_eyj'],
    pattern: /\b(ops_eyJ[A-Za-z0-9+/]{250,8192}={0,3})(?![A-Za-z0-9+/=])/,
    verify: (token) => isBase64JsonObject(token.slice('ops_'.length)),
    references: ['https://developer.1password.com/docs/service-accounts/'],
    examples: {
      match: [`OP_SERVICE_ACCOUNT_TOKEN=${onePasswordServiceAccountToken}`],
      noMatch: [
        'OP_SERVICE_ACCOUNT_TOKEN=ops_eyJZLZ3vBfGSzJXrUFyD/qt3YMy44AoPLBFJGQc5jtjTk572cR3BlvvtSDdUKrsPrBS08M1F2dIWDJlyyCLa3/DHeuZhSzr/FalMje88lTy6LZL5tfY39nbjCU14ehjzNi8nvgHe47RgkfmclW+GSjShsB5idqC7q+aN7p3MrYUTYqv4EDnSLZ9uIh64L0qAFAAn3UpHTatBRP10YksZpihC1J7h+O8aew9fd4SU2JWlR3iM3RdWBFeejarR7+KnEPFcfRNdqyS02OcOM2XayexjzzYQRGAtDmZJhDRX00gJ3HY',
      ],
    },
  },
  {
    id: '1password-secret-key',
    title: '1Password account Secret Key',
    description:
      'With the account password, signs in to the 1Password account and decrypts its vaults.',
    severity: 'high',
    confidence: 'high',
    keywords: ['a3-'],
    pattern:
      /\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b/,
    minEntropy: 3.5,
    references: ['https://support.1password.com/secret-key-security/'],
    examples: {
      match: ['OP_SECRET_KEY=A3-P9V2QJ-58B38H-Q9HV8-OLN9I-0DBOJ-BUXUO'],
      noMatch: ['OP_SECRET_KEY=A3-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX'],
    },
  },
  {
    id: 'infisical-service-token',
    title: 'Infisical service token',
    description:
      'Reads (or writes) the secrets of the Infisical project environments it was scoped to.',
    severity: 'high',
    confidence: 'high',
    keywords: ['st.'],
    pattern: /\b(st\.[a-f0-9]{16,64}\.[a-f0-9]{16,64}\.[a-f0-9]{16,64})\b/,
    minEntropy: 3,
    references: ['https://infisical.com/docs/documentation/platform/token'],
    examples: {
      match: [
        'INFISICAL_TOKEN=st.87d7d1e93b1130ce1cab23cc.e9abfd19636909cfe7060b3f81424e3b.1f6cea48b474072359e5753a92a7a792',
      ],
      noMatch: ['INFISICAL_TOKEN=st.6ed3e2bc0917c8172d4081d9.3bcdfc5d7bab5818fa02d088923d6e8c'],
    },
  },
  {
    id: 'consul-acl-token',
    title: 'HashiCorp Consul ACL token',
    description:
      'Acts on the Consul cluster with the token’s policies: catalog, KV data and intentions.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['consul'],
    pattern:
      /consul[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://developer.hashicorp.com/consul/docs/security/acl/tokens'],
    examples: {
      match: ['CONSUL_HTTP_TOKEN=9874c601-1144-426e-9949-52d20e1c9057'],
      noMatch: ['CONSUL_HTTP_TOKEN=anonymous'],
    },
  },
  {
    id: 'nomad-acl-token',
    title: 'HashiCorp Nomad ACL token',
    description:
      'Acts on the Nomad cluster with the token’s policies: submits jobs and reads variables.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['nomad'],
    pattern:
      /nomad[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://developer.hashicorp.com/nomad/docs/secure/acl/tokens'],
    examples: {
      match: ['NOMAD_TOKEN=c8e221d4-7ecc-44aa-a5f0-25d0a24d5fe9'],
      noMatch: ['NOMAD_TOKEN='],
    },
  },
];
