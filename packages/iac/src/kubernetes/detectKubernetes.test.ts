import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '@vigil/core';
import { examplePod } from '../rules/kubernetesRules.js';
import { scanFiles } from '../scanFiles.test.support.js';

function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => {
    const location = finding.location;
    const at =
      location.kind === 'file'
        ? `${location.path}:${String(location.startLine)}:${String(location.startColumn)}`
        : '';
    return `${finding.ruleId.replace('iac/', '')} ${at}`;
  });
}

const denyAll = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: deny, namespace: shop}',
  'spec: {podSelector: {}, policyTypes: [Ingress, Egress]}',
].join('\n');

test('the compliant pod is compliant in every workload kind', async () => {
  const pod = examplePod();
  const deployment = examplePod({ kind: 'Deployment' });
  const { findings, warnings } = await scanFiles({
    'a.yaml': pod,
    'b.yaml': deployment,
    'c.yaml': denyAll,
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(summary(findings), []);
});

test('every workload kind, List items and CronJob job templates are checked', async () => {
  const container = '{name: app, image: "nginx", securityContext: {privileged: true}}';
  const template = `{metadata: {labels: {app: x}}, spec: {containers: [${container}]}}`;
  const kinds = [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'ReplicationController',
  ];
  const documents = [
    ...kinds.map(
      (kind) =>
        `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: ${kind.toLowerCase()}}\nspec: {template: ${template}}`,
    ),
    `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cron}\nspec: {schedule: "* * * * *", jobTemplate: {spec: {template: ${template}}}}`,
    `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: listed}\n    spec: {containers: [${container}]}`,
    `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: tpl}\ntemplate: ${template}`,
  ];
  const { findings, warnings } = await scanFiles({ 'all.yaml': documents.join('\n---\n') });
  assert.deepEqual(warnings, []);
  const privileged = findings.filter(
    (finding) => finding.ruleId === 'iac/k8s-privileged-container',
  );
  assert.deepEqual(
    privileged.map((finding) => finding.message.split(':')[0]),
    [
      ...kinds.map((kind) => `${kind} ${kind.toLowerCase()}`),
      'CronJob cron',
      'Pod listed',
      'PodTemplate tpl',
    ],
  );
  const listed = privileged.find((finding) => finding.message.startsWith('Pod listed'));
  assert.deepEqual(
    listed?.location.kind === 'file' && [listed.location.startLine, listed.location.startColumn],
    [42, 71],
  );
  const latest = findings.filter((finding) => finding.ruleId === 'iac/k8s-image-latest-tag');
  assert.equal(latest.length, 9);
  const namespaces = findings.filter(
    (finding) => finding.ruleId === 'iac/k8s-namespace-without-default-deny',
  );
  assert.equal(namespaces.length, 1, 'PodTemplate runs nothing; the rest share namespace default');
  assert.match(namespaces[0]?.message ?? '', /namespace default runs 8 workloads/);
});

test('findings point at the offending key or value', async () => {
  const text = examplePod({
    pod: ['hostNetwork: true', 'volumes:', '  - name: root', '    hostPath: {path: /}'],
    securityContext: [
      'allowPrivilegeEscalation: true',
      'readOnlyRootFilesystem: true',
      'capabilities:',
      '  drop: [ALL]',
      '  add: [CAP_SYS_ADMIN, NET_BIND_SERVICE]',
    ],
    container: [
      'env:',
      '  - name: API_TOKEN',
      '    value: "tok-1234567890"',
      '  - name: LOG_LEVEL',
      '    value: debug',
    ],
    image: 'ghcr.io/acme/web:latest',
  });
  const { findings } = await scanFiles(
    { 'k8s/pod.yaml': `${text}---\n${denyAll}\n` },
    { approvedRegistries: ['registry.example.com'] },
  );
  assert.deepEqual(summary(findings), [
    'k8s-host-namespace k8s/pod.yaml:12:3',
    'k8s-host-path-volume k8s/pod.yaml:15:7',
    'k8s-privilege-escalation-allowed k8s/pod.yaml:20:9',
    'k8s-dangerous-capability k8s/pod.yaml:24:17',
    'k8s-image-latest-tag k8s/pod.yaml:18:14',
    'k8s-image-not-pinned-by-digest k8s/pod.yaml:18:14',
    'k8s-image-registry-not-approved k8s/pod.yaml:18:14',
    'k8s-secret-in-env k8s/pod.yaml:29:11',
  ]);
  assert.doesNotMatch(JSON.stringify(findings), /tok-1234567890/);
});

test('run as root: pod-level settings count, user 0 does not', async () => {
  const rules = async (options: Parameters<typeof examplePod>[0]): Promise<string[]> =>
    (await scanFiles({ 'p.yaml': `${examplePod(options)}---\n${denyAll}\n` })).findings.map(
      (f) => f.ruleId,
    );
  const defaults = [
    'allowPrivilegeEscalation: false',
    'readOnlyRootFilesystem: true',
    'capabilities: {drop: [ALL]}',
  ];
  assert.deepEqual(await rules({ securityContext: [...defaults, 'runAsUser: 1000'] }), []);
  assert.deepEqual(await rules({ securityContext: [...defaults, 'runAsNonRoot: false'] }), [
    'iac/k8s-run-as-root',
  ]);
  assert.deepEqual(
    await rules({ pod: ['hostIPC: false'], securityContext: [...defaults, 'runAsUser: 0'] }),
    ['iac/k8s-run-as-root'],
  );
});

test('default deny: split ingress/egress policies count, an egress rule list or a selector does not', async () => {
  const policy = (name: string, spec: string): string =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec: ${spec}\n`;
  const scan = async (...policies: string[]): Promise<string[]> =>
    (await scanFiles({ 'pod.yaml': examplePod(), 'np.yaml': policies.join('---\n') })).findings.map(
      (f) => `${f.ruleId} ${f.message}`,
    );
  assert.deepEqual(
    await scan(
      policy('in', '{podSelector: {}}'),
      policy('out', '{podSelector: {}, policyTypes: [Egress]}'),
    ),
    [],
  );
  assert.match((await scan(policy('in', '{podSelector: {}}')))[0] ?? '', /denies egress traffic/);
  assert.match(
    (
      await scan(
        policy('x', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}'),
      )
    )[0] ?? '',
    /ingress and egress/,
  );
  const dns = policy(
    'dns',
    '{podSelector: {}, policyTypes: [Ingress, Egress], egress: [{ports: [{port: 53, protocol: UDP}]}]}',
  );
  assert.match((await scan(dns))[0] ?? '', /denies egress/);
  const openRule = await scan(
    policy(
      'all',
      '{podSelector: {}, policyTypes: [Ingress, Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}',
    ),
  );
  assert.ok(openRule.some((line) => line.startsWith('iac/k8s-network-policy-allows-all')));
});

test('Istio: mesh-wide, namespace and port-level mTLS, authorization rules and selectors', async () => {
  const peer = (namespace: string, spec: string): string =>
    `apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: ${namespace}}\nspec: ${spec}\n`;
  const authz = (namespace: string, spec: string): string =>
    `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: ${namespace}}\nspec: ${spec}\n`;
  const { findings } = await scanFiles({
    'pod.yaml': `${examplePod()}---\n${denyAll}\n`,
    'istio.yaml': [
      peer('istio-system', '{mtls: {mode: PERMISSIVE}}'),
      peer(
        'shop',
        '{mtls: {mode: STRICT}, portLevelMtls: {9090: {mode: DISABLE}, 8080: {mode: STRICT}}}',
      ),
      peer('shop', '{selector: {matchLabels: {app: web}}, mtls: {mode: UNSET}}'),
      authz('istio-system', '{selector: {matchLabels: {app: web}}, rules: [{}]}'),
      authz(
        'other',
        '{selector: {matchLabels: {app: web}}, rules: [{from: [{source: {namespaces: [shop]}}]}]}',
      ),
      authz('shop', '{action: DENY, selector: {matchLabels: {app: nothing}}, rules: [{}]}'),
      authz('shop', '{}'),
    ].join('---\n'),
  });
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'PeerAuthentication default: mutual TLS is PERMISSIVE mesh-wide',
      'PeerAuthentication default: mutual TLS is DISABLE on port 9090 for namespace shop',
      'AuthorizationPolicy p: rule 1 is empty, so every request is allowed',
      'AuthorizationPolicy p: selector app=web matches no workload in namespace other of the scanned manifests',
    ],
  );
});

test('service account tokens: the pod or its ServiceAccount must turn automounting off', async () => {
  const account = (automount: string): string =>
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n${automount}\n`;
  const pod = examplePod({ automount: 'serviceAccountName: web' });
  const scan = async (files: Record<string, string>): Promise<number> =>
    (await scanFiles(files)).findings.filter(
      (f) => f.ruleId === 'iac/k8s-service-account-token-automount',
    ).length;
  assert.equal(await scan({ 'pod.yaml': pod }), 1);
  assert.equal(
    await scan({ 'pod.yaml': pod, 'sa.yaml': account('automountServiceAccountToken: false') }),
    0,
  );
  assert.equal(
    await scan({ 'pod.yaml': pod, 'sa.yaml': account('automountServiceAccountToken: true') }),
    1,
  );
  assert.equal(
    await scan({ 'pod.yaml': examplePod({ automount: 'automountServiceAccountToken: true' }) }),
    1,
  );
});

test('files are recognized by content; templates, invalid YAML and bombs warn and the scan goes on', async () => {
  const helm = [
    '{{- if .Values.enabled }}',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "chart.fullname" . }}',
    '{{- end }}',
  ].join('\n');
  const bomb = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: lol}',
    'data:',
    '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...['b', 'c', 'd', 'e', 'f', 'g', 'h'].map(
      (name, index) =>
        `  ${name}: &${name} [${Array(9)
          .fill(`*${'abcdefg'[index] ?? 'a'}`)
          .join(',')}]`,
    ),
  ].join('\n');
  const { findings, warnings } = await scanFiles({
    'chart/templates/deployment.yaml': helm,
    'bomb.yaml': bomb,
    'broken.yaml': 'apiVersion: v1\nkind: Pod\nspec: [unclosed\n',
    'deep.yaml': `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    'docker-compose.yml': 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n',
    'config/app.json': '{"kind": "settings", "name": "x"}',
    'manifests/pod.json': JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'j' },
      spec: { hostPID: true, containers: [] },
    }),
  });
  assert.deepEqual(
    warnings.map((w) => `${w.code} ${w.path ?? ''}:${String(w.line)}:${String(w.column)}`),
    [
      'MANIFEST_TEMPLATED chart/templates/deployment.yaml:1:3',
      'MANIFEST_UNPARSED bomb.yaml:1:1',
      'MANIFEST_UNPARSED broken.yaml:4:1',
      // Where the parser ran out of stack, a few hundred levels in.
      'MANIFEST_UNPARSED deep.yaml:3:826',
    ],
  );
  assert.match(warnings[0]?.message ?? '', /templated manifest \(Helm\?\)/);
  assert.match(warnings[1]?.message ?? '', /YAML bomb/);
  assert.deepEqual(
    findings.map((f) => `${f.ruleId} ${f.location.kind === 'file' ? f.location.path : ''}`),
    [
      'iac/k8s-host-namespace manifests/pod.json',
      'iac/k8s-namespace-without-default-deny manifests/pod.json',
      'iac/k8s-service-account-token-automount manifests/pod.json',
    ],
  );
});

test('Istio in use: each namespace with workloads needs a mesh-wide or namespace PeerAuthentication', async () => {
  const peer = (namespace: string, spec: string): string =>
    `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: ${namespace}}\nspec: ${spec}\n`;
  const scan = async (...policies: string[]): Promise<string[]> => {
    const { findings } = await scanFiles({
      'shop.yaml': examplePod({ namespace: 'shop' }),
      'blog.yaml': examplePod({ namespace: 'blog' }),
      'peer.yaml': policies.join('---\n'),
    });
    return findings
      .filter((f) => f.ruleId === 'iac/istio-mtls-default-permissive')
      .map((f) => f.message.split(' ')[1] ?? '');
  };
  assert.deepEqual(await scan(peer('shop', '{mtls: {mode: STRICT}}')), ['blog']);
  assert.deepEqual(
    await scan(peer('shop', '{selector: {matchLabels: {app: web}}, mtls: {mode: STRICT}}')),
    ['shop', 'blog'],
  );
  assert.deepEqual(await scan(peer('istio-system', '{mtls: {mode: STRICT}}')), []);
  const { findings } = await scanFiles({ 'shop.yaml': examplePod() });
  assert.ok(
    !findings.some((f) => f.ruleId === 'iac/istio-mtls-default-permissive'),
    'no Istio, no finding',
  );
});
