import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '@vigil/core';
import type { ImagePolicy } from '../image/imagePolicy.js';
import { detectDockerfile } from './detectDockerfile.js';

const open: ImagePolicy = { approvedBaseImages: [], approvedRegistries: [], requireDigest: false };
const digest = 'sha256:0b53c4e6b5b6b1d5c2a8f5e4a2d2f3c9d4e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3';

function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => {
    const location = finding.location;
    const at =
      location.kind === 'file'
        ? `${String(location.startLine)}:${String(location.startColumn)}-${String(location.endLine)}:${String(location.endColumn)}`
        : '';
    return `${finding.ruleId.replace('iac/dockerfile-', '')} ${at}`;
  });
}

function detect(lines: readonly string[], policy: ImagePolicy = open): Finding[] {
  const result = detectDockerfile(`${lines.join('\n')}\n`, 'Dockerfile', policy);
  assert.deepEqual(result.warnings, []);
  return result.findings;
}

test('only the final stage and the stages it builds on decide the user', () => {
  const pinned = `debian:12-slim@${digest}`;
  const rootFinal = detect([
    `FROM ${pinned} AS build`,
    'USER builder',
    `FROM ${pinned}`,
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(rootFinal), ['root-user 3:1-3:5']);

  const inherited = detect([
    `FROM ${pinned} AS base`,
    'USER 10001',
    'FROM base AS final',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(inherited), [], 'FROM <stage> inherits the USER');

  const switchedBack = detect([
    `FROM ${pinned}`,
    'USER app',
    'RUN id',
    'USER root:root',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(switchedBack), ['root-user 4:1-4:15']);
  assert.match(switchedBack[0]?.message ?? '', /root:root/);
});

test('base images: build arguments before FROM, --platform, stages and scratch', () => {
  const findings = detect([
    'ARG BASE=python:3.13-slim',
    'ARG UNSET',
    'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
    'FROM ${UNSET}',
    'FROM build AS test',
    'FROM scratch',
    'COPY --from=build /app /app',
    'COPY --from=busybox /bin/sh /bin/sh',
    'USER 1000',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(findings), [
    'image-not-pinned-by-digest 3:32-3:39',
    'image-latest-tag 8:1-8:36',
    'image-not-pinned-by-digest 8:1-8:36',
  ]);
  assert.match(findings[0]?.message ?? '', /python:3\.13-slim/);
});

test('approved base images and registries, and requireDigest', () => {
  const policy: ImagePolicy = {
    approvedBaseImages: ['gcr.io/distroless/*', 'node:22-*', 'docker.io/library/debian:12*'],
    approvedRegistries: [],
    requireDigest: true,
  };
  const lines = (image: string): string[] => [`FROM ${image}`, 'USER 1', 'HEALTHCHECK NONE'];
  const ids = (image: string, with_ = policy): string[] =>
    detect(lines(image), with_).map((finding) => `${finding.ruleId} ${finding.severity}`);
  assert.deepEqual(ids(`gcr.io/distroless/static:nonroot@${digest}`), []);
  assert.deepEqual(ids(`node:22-alpine@${digest}`), []);
  assert.deepEqual(ids(`debian:12.8@${digest}`), []);
  assert.deepEqual(ids('node:22-alpine'), ['iac/dockerfile-image-not-pinned-by-digest high']);
  assert.deepEqual(ids(`node:20-alpine@${digest}`), [
    'iac/dockerfile-base-image-not-approved high',
  ]);
  assert.deepEqual(ids(`gcr.io/distroless/cc/debian12@${digest}`), [
    'iac/dockerfile-base-image-not-approved high',
  ]);
  const registries: ImagePolicy = { ...open, approvedRegistries: ['ghcr.io/acme', 'docker.io'] };
  assert.deepEqual(ids(`ghcr.io/acme/base:1@${digest}`, registries), []);
  assert.deepEqual(ids(`alpine:3.20@${digest}`, registries), []);
  assert.deepEqual(ids(`ghcr.io/evil/base:1@${digest}`, registries), [
    'iac/dockerfile-base-image-not-approved high',
  ]);
});

test('downloads piped into shells, in every common spelling', () => {
  const base = [`FROM debian:12@${digest}`, 'USER 1', 'HEALTHCHECK NONE'];
  const piped = (run: string): number =>
    detect([...base, `RUN ${run}`]).filter((f) => f.ruleId === 'iac/dockerfile-curl-pipe-shell')
      .length;
  assert.equal(piped('curl -fsSL https://get.example.org | sh'), 1);
  assert.equal(piped('wget -qO- https://x.example.org/i.sh | sudo -E bash -'), 1);
  assert.equal(piped('bash -c "$(curl -fsSL https://x.example.org/i.sh)"'), 1);
  assert.equal(piped('sh <(curl -s https://x.example.org/i.sh)'), 1);
  assert.equal(piped('curl -s https://x.example.org/i.py | python3 -'), 1);
  assert.equal(piped('set -e; curl -sSL https://x.example.org/a.tgz | tar -xz -C /opt'), 0);
  assert.equal(piped('curl -o /tmp/i.sh https://x.example.org/i.sh && sh /tmp/i.sh'), 0);
  assert.equal(piped('echo "curl x | sh" > /notes.txt'), 0);
  assert.equal(piped('# curl https://x.example.org | sh'), 0);
});

test('a finding in a continued RUN points at the physical line of the command', () => {
  const findings = detect([
    `FROM debian:12@${digest}`,
    'RUN set -eux; \\',
    '    apt-get update; \\',
    '    curl -fsSL https://deb.example.org/setup | bash -; \\',
    '    sudo chmod 0777 /srv',
    'USER 1',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(findings), [
    'curl-pipe-shell 4:5-4:52',
    'sudo 5:5-5:9',
    'world-writable 5:10-5:20',
  ]);
});

test('here-document scripts are checked with their own line numbers', () => {
  const findings = detect([
    `FROM alpine:3.20@${digest}`,
    'RUN <<EOF',
    'set -e',
    'apk add curl',
    'EOF',
    'USER 1',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(findings), [
    'package-version-unpinned 4:1-4:13',
    'package-cache-kept 4:1-4:13',
  ]);
});

test('package installs: pins, options with values, cache clean-up and cache mounts', () => {
  const base = [`FROM debian:12@${digest}`, 'USER 1', 'HEALTHCHECK NONE'];
  const rules = (run: string, env = ''): string[] =>
    detect([...base, ...(env ? [env] : []), run]).map((f) =>
      f.ruleId.replace('iac/dockerfile-', ''),
    );
  assert.deepEqual(
    rules(
      'RUN apt-get update && apt-get install -y -o Dpkg::Options::=--force-confnew curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*',
    ),
    [],
  );
  assert.deepEqual(
    rules(
      'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl=7.88.1-10',
    ),
    [],
  );
  assert.deepEqual(rules('RUN apk add --no-cache --virtual .build gcc=14.2.0-r4'), []);
  assert.deepEqual(rules('RUN apk add --no-cache gcc'), ['package-version-unpinned']);
  assert.deepEqual(rules('RUN dnf install -y httpd-2.4.62 && dnf clean all'), []);
  assert.deepEqual(rules('RUN yum install -y httpd'), [
    'package-version-unpinned',
    'package-cache-kept',
  ]);
  assert.deepEqual(rules('RUN pip install --no-cache-dir -r requirements.txt'), []);
  assert.deepEqual(rules('RUN python3 -m pip install flask==3.1.0'), ['package-cache-kept']);
  assert.deepEqual(rules('RUN pip install flask==3.1.0', 'ENV PIP_NO_CACHE_DIR=1'), []);
  assert.deepEqual(rules('RUN pip install "$PACKAGE"'), ['package-cache-kept']);
});

test('secrets in ENV and ARG are reported by name and length, never by value', () => {
  const findings = detect([
    `FROM debian:12@${digest}`,
    'ARG GITHUB_TOKEN=ghp_exampleexampleexample1234',
    'ARG NPM_TOKEN',
    'ENV API_KEY="a b c d" DEBUG=1 DB_PASSWORD_FILE=/run/secrets/db',
    'ENV AWS_SECRET_ACCESS_KEY wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'ENV SESSION_SECRET=${SESSION_SECRET} TOKEN_URL=https://auth.example.org PWD=/srv',
    'USER 1',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(findings), [
    'secret-in-env 2:5-2:17',
    'secret-in-env 4:5-4:12',
    'secret-in-env 5:5-5:26',
  ]);
  for (const finding of findings) {
    assert.doesNotMatch(JSON.stringify(finding), /ghp_example|a b c d|wJalrXUtnFEMI/);
  }
  assert.match(findings[0]?.message ?? '', /GITHUB_TOKEN .*29 characters/);
});

test('ADD of URLs, EXPOSE of the SSH port, COPY --chmod', () => {
  const findings = detect([
    `FROM debian:12@${digest}`,
    'ADD https://example.org/a.tgz git@github.com:org/repo.git /opt/',
    'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.org/b.tgz /opt/',
    'ADD ["https://example.org/c.tgz", "/opt/"]',
    'EXPOSE 8080 20-25/tcp 22/udp',
    'COPY --chmod=0757 app /app',
    'COPY --chmod=u+rwx,o-w app /app',
    'USER 1',
    'HEALTHCHECK NONE',
  ]);
  assert.deepEqual(summary(findings), [
    'add-remote-url 2:5-2:30',
    'add-remote-url 2:31-2:58',
    'add-remote-url 4:5-4:30',
    'ssh-port-exposed 5:13-5:22',
    'world-writable 6:1-6:27',
  ]);
});

test('files that are not Dockerfiles and hostile input give warnings, not crashes', () => {
  assert.deepEqual(detectDockerfile('', 'Dockerfile', open), { findings: [], warnings: [] });
  const notDocker = detectDockerfile('hello world\nthis is prose\n', 'Dockerfile.txt', open);
  assert.deepEqual(notDocker.findings, []);
  assert.ok(notDocker.warnings.some((w) => w.message.includes('no FROM')));
  const huge = `FROM debian:12\n${'RUN echo x && chmod 777 /tmp\n'.repeat(200_000)}`;
  const result = detectDockerfile(huge, 'Dockerfile', open);
  assert.equal(
    result.findings.filter((f) => f.ruleId === 'iac/dockerfile-world-writable').length,
    200_000,
  );
  const noise = detectDockerfile(`FROM a\nRUN ${'$('.repeat(50_000)}\n`, 'Dockerfile', open);
  assert.ok(Array.isArray(noise.findings));
});
