import type { RuleDescriptor, Severity } from '@vigil/core';
import type { ImageConfig } from '../archive/imageConfig.js';

/** A check of the image configuration, as data: metadata plus a failing and a passing config. */
export interface ImageRule {
  id: `image/${string}`;
  title: string;
  description: string;
  severity: Severity;
  cwe: string[];
  remediation: string;
  references: string[];
  examples: { vulnerable: Partial<ImageConfig>; compliant: Partial<ImageConfig> };
}

export const IMAGE_RULES = [
  {
    id: 'image/runs-as-root',
    title: 'Image runs as root',
    description:
      'The image config sets no `User` (or sets `root`/`0`), so the container process runs as root: a compromise of the application is a compromise of everything root can reach in the container, and of the host through any kernel or runtime escape.',
    severity: 'medium',
    cwe: ['CWE-250'],
    remediation:
      'Create an unprivileged user in the Dockerfile and switch to it with `USER <name>` (or a numeric UID) in the final stage.',
    references: [
      'https://docs.docker.com/build/building/best-practices/#user',
      'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html',
    ],
    examples: { vulnerable: { user: '' }, compliant: { user: '10001:10001' } },
  },
  {
    id: 'image/secret-in-env',
    title: 'Secret in the image environment',
    description:
      'An `ENV` variable with a credential-like name or value is baked into the image config: anyone who can pull the image can read it (`docker inspect`), and every container inherits it.',
    severity: 'high',
    cwe: ['CWE-798', 'CWE-538'],
    remediation:
      'Remove the value from the image, rotate the credential, and pass it at run time (orchestrator secrets, a mounted file, or a secret manager).',
    references: ['https://docs.docker.com/build/building/secrets/'],
    examples: {
      vulnerable: { env: ['DB_PASSWORD=hunter2-but-longer'] },
      compliant: { env: ['DB_PASSWORD_FILE=/run/secrets/db_password', 'PATH=/usr/bin'] },
    },
  },
  {
    id: 'image/secret-in-history',
    title: 'Secret in the image build history',
    description:
      'A build step recorded in the image history (`docker history`) holds a credential, typically a build argument used by a `RUN` step: the history ships with the image.',
    severity: 'high',
    cwe: ['CWE-798', 'CWE-538'],
    remediation:
      'Rotate the credential and rebuild using build secrets (`RUN --mount=type=secret`) instead of `ARG`/`ENV` values.',
    references: ['https://docs.docker.com/build/building/secrets/'],
    examples: {
      vulnerable: {
        history: ['RUN |1 NPM_TOKEN=npm_4f3a9c2e8b7d6a5f4e3d2c1b0a9f8e7d6c5b /bin/sh -c npm ci'],
      },
      compliant: { history: ['RUN /bin/sh -c npm ci'] },
    },
  },
  {
    id: 'image/exposed-admin-port',
    title: 'Image exposes a remote administration port',
    description:
      'The image declares a port of a remote administration service (SSH 22, Telnet 23, unencrypted Docker API 2375, RDP 3389, VNC 5900): containers should not run such daemons, and publishing them widens the attack surface.',
    severity: 'medium',
    cwe: ['CWE-1327'],
    remediation:
      'Remove the daemon and its `EXPOSE` line; use `docker exec`/`kubectl exec` (or an orchestrator debug container) to get into a container.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html'],
    examples: {
      vulnerable: { exposedPorts: ['22/tcp', '8080/tcp'] },
      compliant: { exposedPorts: ['8080/tcp'] },
    },
  },
] as const satisfies readonly ImageRule[];

export type ImageRuleId = (typeof IMAGE_RULES)[number]['id'];

export function imageRuleDescriptors(): RuleDescriptor[] {
  return IMAGE_RULES.map((rule) => ({
    id: rule.id,
    scanner: 'image',
    title: rule.title,
    description: rule.description,
    severity: rule.severity,
    cwe: [...rule.cwe],
    remediation: rule.remediation,
    references: [...rule.references],
    tags: ['security', 'container'],
  }));
}
