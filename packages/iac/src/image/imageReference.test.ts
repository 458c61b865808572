import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isApprovedImage, isApprovedRegistry } from './imagePolicy.js';
import { canonicalName, parseImageReference } from './imageReference.js';

const digest = `sha256:${'ab'.repeat(32)}`;

test('image references split into registry, repository, tag and digest', () => {
  const cases: [string, string, string | undefined, string | undefined][] = [
    ['nginx', 'docker.io/library/nginx', undefined, undefined],
    ['nginx:1.27', 'docker.io/library/nginx', '1.27', undefined],
    ['acme/web:2', 'docker.io/acme/web', '2', undefined],
    ['index.docker.io/library/node:22', 'docker.io/library/node', '22', undefined],
    ['localhost:5000/team/app:dev', 'localhost:5000/team/app', 'dev', undefined],
    ['ghcr.io/acme/app@' + digest, 'ghcr.io/acme/app', undefined, digest],
    [
      'registry.example.com:443/a/b/c:v1.2@' + digest,
      'registry.example.com:443/a/b/c',
      'v1.2',
      digest,
    ],
  ];
  for (const [text, name, tag, expectedDigest] of cases) {
    const image = parseImageReference(text);
    assert.ok(image, text);
    assert.equal(canonicalName(image), name, text);
    assert.equal(image.tag, tag, text);
    assert.equal(image.digest, expectedDigest, text);
  }
  for (const invalid of [
    '',
    '${IMAGE}',
    'UPPER/case',
    'a:b:c',
    'x@sha256:short',
    'a//b',
    'a'.repeat(2000),
  ]) {
    assert.equal(parseImageReference(invalid), undefined, invalid);
  }
});

test('approved images: globs on the written and the canonical name, with or without tags', () => {
  const image = (text: string) => {
    const parsed = parseImageReference(text);
    assert.ok(parsed, text);
    return parsed;
  };
  assert.ok(isApprovedImage(image('node:22-slim'), ['node']));
  assert.ok(isApprovedImage(image('node:22-slim'), ['docker.io/library/node:22-*']));
  assert.ok(!isApprovedImage(image('node:20-slim'), ['node:22-*']));
  assert.ok(isApprovedImage(image(`node:22-slim@${digest}`), ['node:22-slim']));
  assert.ok(isApprovedImage(image('gcr.io/distroless/static:nonroot'), ['gcr.io/distroless/*']));
  assert.ok(!isApprovedImage(image('gcr.io/distroless/cc/debian12'), ['gcr.io/distroless/*']));
  assert.ok(isApprovedImage(image('gcr.io/distroless/cc/debian12'), ['gcr.io/distroless/**']));
  assert.ok(isApprovedRegistry(image('ghcr.io/acme/app:1'), ['ghcr.io/acme']));
  assert.ok(!isApprovedRegistry(image('ghcr.io/acmecorp/app:1'), ['ghcr.io/acme']));
  assert.ok(isApprovedRegistry(image('alpine:3'), ['index.docker.io']));
  assert.ok(isApprovedRegistry(image('eu.gcr.io/p/app'), ['*.gcr.io']));
});
