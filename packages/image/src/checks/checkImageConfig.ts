import { fingerprint, sourceFile, type Finding } from '@vigil/core';
import { detectSecrets, type RuleSet } from '@vigil/secrets';
import type { ImageConfig } from '../archive/imageConfig.js';
import { IMAGE_RULES, type ImageRuleId } from './imageRules.js';

/** The config file findings point at; its fields are named in the message. */
export const CONFIG_PATH = 'config.json';

const ROOT_USERS = new Set(['', 'root', '0']);
const ADMIN_PORTS = new Map([
  [22, 'SSH'],
  [23, 'Telnet'],
  [2375, 'the unencrypted Docker API'],
  [3389, 'RDP'],
  [5900, 'VNC'],
]);
const SECRET_NAME =
  /(?:^|_)(?:PASS(?:WORD|WD)?|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH)(?:_|$)/i;
/** Values that point at a secret rather than holding one. */
const REFERENCE = /^(?:\/|\$\{?|file:|vault:|arn:aws:secretsmanager|projects\/[^/]+\/secrets\/)/;
const MIN_SECRET_LENGTH = 6;

/**
 * Checks an image config: the user it runs as, credentials in `Env` (by variable name, and by
 * the secrets rules on the values) and in the build history, and remote administration ports.
 * Pure; findings carry the variable name and the value's length, never the value.
 */
export function checkImageConfig(config: ImageConfig, secrets: RuleSet): Finding[] {
  const findings: Finding[] = [];
  const user = (config.user ?? '').trim();
  const userName = user.split(':')[0] ?? '';
  if (ROOT_USERS.has(userName)) {
    findings.push(
      finding(
        'image/runs-as-root',
        'Config.User',
        user === ''
          ? 'The image config sets no User, so containers run as root.'
          : `The image config sets User "${user}", which is root.`,
      ),
    );
  }
  config.env.forEach((variable, index) => {
    const equals = variable.indexOf('=');
    const name = equals < 0 ? variable : variable.slice(0, equals);
    const value = equals < 0 ? '' : variable.slice(equals + 1);
    const byName =
      SECRET_NAME.test(name) && value.length >= MIN_SECRET_LENGTH && !REFERENCE.test(value);
    const byValue = detectSecrets(sourceFile(`${CONFIG_PATH}#Env`, Buffer.from(variable)), secrets);
    if (!byName && byValue.length === 0) return;
    const kind = byValue[0]?.title;
    findings.push(
      finding(
        'image/secret-in-env',
        `Config.Env[${index}]`,
        `Environment variable ${name} holds ${kind ? `what looks like a ${kind}` : 'a credential'} (${value.length} characters) in the image config.`,
        `env:${name}`,
      ),
    );
  });
  config.history.forEach((step, index) => {
    const matches = detectSecrets(sourceFile(`${CONFIG_PATH}#history`, Buffer.from(step)), secrets);
    const buildArgs = [...step.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=(\S+)/g)].filter(
      ([, name, value]) =>
        SECRET_NAME.test(name ?? '') &&
        (value?.length ?? 0) >= MIN_SECRET_LENGTH &&
        !REFERENCE.test(value ?? ''),
    );
    if (matches.length === 0 && buildArgs.length === 0) return;
    const what = matches[0]?.title ?? `build argument ${buildArgs[0]?.[1] ?? ''}`;
    findings.push(
      finding(
        'image/secret-in-history',
        `history[${index}].created_by`,
        `Build step ${index + 1} of the image history holds a credential (${what}).`,
        `history:${matches[0]?.fingerprint ?? buildArgs[0]?.[1] ?? ''}`,
      ),
    );
  });
  for (const port of config.exposedPorts) {
    const number = Number(port.split('/')[0]);
    const service = ADMIN_PORTS.get(number);
    if (service)
      findings.push(
        finding(
          'image/exposed-admin-port',
          'Config.ExposedPorts',
          `The image exposes port ${port} (${service}).`,
          `port:${number}`,
        ),
      );
  }
  return findings;
}

function finding(id: ImageRuleId, field: string, message: string, content = field): Finding {
  const rule = IMAGE_RULES.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return {
    ruleId: id,
    scanner: 'image',
    severity: rule.severity,
    confidence:
      id === 'image/runs-as-root' || id === 'image/exposed-admin-port' ? 'high' : 'medium',
    title: rule.title,
    message: `${message} (${field})`,
    location: {
      kind: 'file',
      path: CONFIG_PATH,
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1,
    },
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    fingerprint: fingerprint(id, CONFIG_PATH, content),
    tags: ['container', 'image-config'],
  };
}
