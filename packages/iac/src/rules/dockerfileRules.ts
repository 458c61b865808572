import type { IacRule } from '../rule.js';

const dockerfileReference = 'https://docs.docker.com/reference/dockerfile/';
const bestPractices = 'https://docs.docker.com/build/building/best-practices/';
const cisDocker = 'https://www.cisecurity.org/benchmark/docker';

/** A small compliant Dockerfile the examples vary. */
const pinned =
  'FROM node:22.11.0-bookworm-slim@sha256:0b53c4e6b5b6b1d5c2a8f5e4a2d2f3c9d4e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3';

/** Dockerfile and Containerfile rules. */
export const dockerfileRules = {
  baseImageNotApproved: {
    id: 'dockerfile-base-image-not-approved',
    target: 'dockerfile',
    title: 'Base image not on the approved list',
    description:
      'The stage builds on an image that `approvedBaseImages` or `approvedRegistries` in vigil.yaml does not allow. Purpose-built images approved by the security team are patched, minimal and scanned; anything else brings unknown packages and owners into production. Runs only when one of those lists is set.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-1357'],
    remediation:
      'Build on an approved image (or add the image to `iac.approvedBaseImages` once the security team has reviewed it).',
    references: [bestPractices],
    examples: {
      vulnerable: {
        files: { Dockerfile: `FROM ubuntu:24.04\nUSER app\n` },
        config: { approvedBaseImages: ['gcr.io/distroless/*', 'node:22-*'] },
      },
      compliant: {
        files: { Dockerfile: `FROM node:22-bookworm-slim\nUSER node\n` },
        config: { approvedBaseImages: ['gcr.io/distroless/*', 'node:22-*'] },
      },
    },
  },
  latestTag: {
    id: 'dockerfile-image-latest-tag',
    target: 'dockerfile',
    title: 'Image with the `latest` tag or no tag',
    description:
      'An image referenced by `latest` (or without a tag, which means `latest`) changes under the build: the next build may pull a different, untested or compromised image, and builds are not reproducible.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-1357'],
    remediation:
      'Name a specific version tag, and pin the digest too (`image:1.2.3@sha256:…`) so the build always gets the same bytes.',
    references: [`${dockerfileReference}#from`, bestPractices],
    examples: {
      vulnerable: { files: { Dockerfile: 'FROM python\nUSER app\n' } },
      compliant: { files: { Dockerfile: 'FROM python:3.13-slim\nUSER app\n' } },
    },
  },
  noDigest: {
    id: 'dockerfile-image-not-pinned-by-digest',
    target: 'dockerfile',
    title: 'Image not pinned by digest',
    description:
      'Tags are mutable: whoever controls the registry or the repository can move `1.2.3` to other content. Only a digest (`@sha256:…`) names exactly the image that was reviewed and scanned. Severity is high when `iac.requireDigest` is set.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-494'],
    remediation:
      'Append the digest of the reviewed image (`docker buildx imagetools inspect IMAGE`) and let a bot such as Renovate or Dependabot update tag and digest together.',
    references: [`${dockerfileReference}#from`, bestPractices],
    examples: {
      vulnerable: { files: { Dockerfile: 'FROM node:22.11.0-bookworm-slim\nUSER node\n' } },
      compliant: { files: { Dockerfile: `${pinned}\nUSER node\n` } },
    },
  },
  rootUser: {
    id: 'dockerfile-root-user',
    target: 'dockerfile',
    title: 'Container runs as root',
    description:
      'The final stage (including the stages it builds on) sets no USER, or sets `root`/`0` last, so the container process runs as root: a compromise of the application, or a container escape, starts with full privileges.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-250'],
    remediation:
      'Create an unprivileged user and end the final stage with `USER <name or uid>` (for example `USER 10001`), keeping root only in build stages that need it.',
    references: [`${dockerfileReference}#user`, cisDocker],
    examples: {
      vulnerable: {
        files: {
          Dockerfile:
            'FROM golang:1.23 AS build\nUSER builder\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\n',
        },
      },
      compliant: {
        files: {
          Dockerfile:
            'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\nUSER 10001:10001\n',
        },
      },
    },
  },
  addRemoteUrl: {
    id: 'dockerfile-add-remote-url',
    target: 'dockerfile',
    title: '`ADD` of a remote URL without a checksum',
    description:
      'ADD downloads the URL at build time without checking what arrives: a compromised or changed server puts arbitrary content into the image.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-494'],
    remediation:
      'Give the expected digest with `ADD --checksum=sha256:…`, or download with `curl` and verify the checksum or signature in the same RUN.',
    references: [`${dockerfileReference}#add`, bestPractices],
    examples: {
      vulnerable: {
        files: {
          Dockerfile: `${pinned}\nADD https://example.org/tool.tar.gz /opt/\nUSER node\n`,
        },
      },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/tool.tar.gz /opt/\nUSER node\n`,
        },
      },
    },
  },
  curlPipeShell: {
    id: 'dockerfile-curl-pipe-shell',
    target: 'dockerfile',
    title: 'Downloaded script piped into a shell',
    description:
      '`curl … | sh` (or `wget -O- … | bash`, `bash -c "$(curl …)"`) runs whatever the server returns at build time, unverified: a compromised server or a man in the middle runs code in the build with root rights.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-494'],
    remediation:
      'Download to a file, verify its checksum or signature, then run it; better, install a packaged, pinned version.',
    references: [bestPractices],
    examples: {
      vulnerable: {
        files: {
          Dockerfile: `${pinned}\nRUN curl -fsSL https://example.org/install.sh | sh\nUSER node\n`,
        },
      },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nRUN curl -fsSLo /tmp/install.sh https://example.org/install.sh \\\n && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\nUSER node\n`,
        },
      },
    },
  },
  secretInEnv: {
    id: 'dockerfile-secret-in-env',
    target: 'dockerfile',
    title: 'Secret in `ENV` or `ARG`',
    description:
      'A password, token or key given as a literal ENV or ARG value is stored in the image configuration and layer history, readable by anyone who can pull the image (`docker history`, `docker inspect`).',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-798', 'CWE-538'],
    remediation:
      'Pass secrets at build time with `RUN --mount=type=secret,id=…` and at run time through the orchestrator (Kubernetes Secrets, a vault); rotate the exposed value.',
    references: [`${dockerfileReference}#env`, 'https://docs.docker.com/build/building/secrets/'],
    examples: {
      vulnerable: {
        files: { Dockerfile: `${pinned}\nENV DB_PASSWORD=s3cr3t-Pa55w0rd\nUSER node\n` },
      },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nENV DB_PASSWORD_FILE=/run/secrets/db_password\nARG NPM_TOKEN\nUSER node\n`,
        },
      },
    },
  },
  sudo: {
    id: 'dockerfile-sudo',
    target: 'dockerfile',
    title: '`sudo` in a RUN instruction',
    description:
      'Build steps already run as the current USER; `sudo` in an image means a sudo binary and sudoers rules ship with it, and its TTY and signal handling behave unpredictably in containers.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-250'],
    remediation:
      'Switch with `USER root` for the steps that need it and back to the unprivileged user afterwards; use `gosu`/`su-exec` in entrypoints if a privilege drop is needed at run time.',
    references: [`${bestPractices}#user`],
    examples: {
      vulnerable: {
        files: { Dockerfile: `${pinned}\nUSER node\nRUN sudo mkdir -p /srv/data\n` },
      },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nUSER root\nRUN mkdir -p /srv/data && chown node /srv/data\nUSER node\n`,
        },
      },
    },
  },
  packageUnpinned: {
    id: 'dockerfile-package-version-unpinned',
    target: 'dockerfile',
    title: 'Package installed without a version pin',
    description:
      'apt, apk, yum/dnf or pip installs without versions give whatever the mirror has that day: builds are not reproducible and a bad or compromised release arrives silently.',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-1357'],
    remediation:
      'Pin versions (`apt-get install curl=7.88.1-10+deb12u8`, `apk add curl=8.11.1-r0`, `pip install requests==2.32.3`, or a hashed requirements file) and update them deliberately.',
    references: [`${bestPractices}#apt-get`],
    examples: {
      vulnerable: {
        files: {
          Dockerfile: `${pinned}\nRUN pip install --no-cache-dir requests flask\nUSER node\n`,
        },
      },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nRUN pip install --no-cache-dir requests==2.32.3 flask==3.1.0\nUSER node\n`,
        },
      },
    },
  },
  packageCache: {
    id: 'dockerfile-package-cache-kept',
    target: 'dockerfile',
    title: 'Package manager cache left in the image',
    description:
      'apt lists, apk, yum/dnf and pip caches left in a layer make the image bigger and ship package metadata that scanners and attackers read; removing them in a later RUN does not shrink the earlier layer.',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-1164'],
    remediation:
      'Clean in the same RUN (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`, `pip install --no-cache-dir`) or use a `RUN --mount=type=cache` for the cache directory.',
    references: [`${bestPractices}#apt-get`],
    examples: {
      vulnerable: {
        files: {
          Dockerfile: `${pinned}\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nUSER node\n`,
        },
      },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\nUSER node\n`,
        },
      },
    },
  },
  worldWritable: {
    id: 'dockerfile-world-writable',
    target: 'dockerfile',
    title: 'World-writable permissions (`chmod 777`)',
    description:
      'Files or directories writable by every user let any process in the container (or a later exploited one) replace programs, configuration or data.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-732'],
    remediation:
      'Give ownership to the user that needs to write (`chown`, `COPY --chown`) and use modes like 755/644 or 700/600.',
    references: ['https://cwe.mitre.org/data/definitions/732.html'],
    examples: {
      vulnerable: { files: { Dockerfile: `${pinned}\nRUN chmod -R 777 /app\nUSER node\n` } },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nRUN chown -R node:node /app && chmod -R 755 /app\nUSER node\n`,
        },
      },
    },
  },
  sshPort: {
    id: 'dockerfile-ssh-port-exposed',
    target: 'dockerfile',
    title: 'SSH port exposed',
    description:
      'EXPOSE 22 means an SSH daemon runs in the container: another way in, with its own credentials to manage, while `docker exec`/`kubectl exec` already give audited shell access.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-284'],
    remediation: 'Remove the SSH server and the EXPOSE; debug through the orchestrator instead.',
    references: [`${dockerfileReference}#expose`, cisDocker],
    examples: {
      vulnerable: { files: { Dockerfile: `${pinned}\nEXPOSE 22/tcp 8080\nUSER node\n` } },
      compliant: { files: { Dockerfile: `${pinned}\nEXPOSE 8080\nUSER node\n` } },
    },
  },
  missingHealthcheck: {
    id: 'dockerfile-missing-healthcheck',
    target: 'dockerfile',
    title: 'No HEALTHCHECK',
    description:
      'Without a HEALTHCHECK (in the final stage or the stages it builds on), Docker and Swarm cannot tell a hung service from a healthy one. Kubernetes ignores it and uses probes instead.',
    severity: 'info',
    confidence: 'low',
    cwe: [],
    remediation:
      'Add `HEALTHCHECK CMD …` that checks the service, or `HEALTHCHECK NONE` to say deliberately there is none.',
    references: [`${dockerfileReference}#healthcheck`, cisDocker],
    examples: {
      vulnerable: { files: { Dockerfile: `${pinned}\nUSER node\n` } },
      compliant: {
        files: {
          Dockerfile: `${pinned}\nUSER node\nHEALTHCHECK --interval=30s CMD ["node", "healthcheck.js"]\n`,
        },
      },
    },
  },
} satisfies Record<string, IacRule>;
