import type { IacRule } from '../rule.js';

const podSecurityStandards = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const securityContext =
  'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';
const nsaHardening =
  'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF';

export const exampleDigest =
  'sha256:4c1d5fd5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3';

export interface ExamplePodOptions {
  kind?: 'Pod' | 'Deployment';
  /** Extra lines of the pod spec (2 spaces deep). */
  pod?: readonly string[];
  /** Replaces the container's securityContext lines (6 spaces deep, under `securityContext:`). */
  securityContext?: readonly string[];
  /** Extra lines of the container (6 spaces deep). */
  container?: readonly string[];
  image?: string;
  /** Replaces `automountServiceAccountToken: false`. */
  automount?: string;
  resources?: readonly string[];
  namespace?: string;
}

/**
 * A pod that passes every workload rule; each rule's examples change one thing. Also used by
 * the tests as the compliant baseline.
 */
export function examplePod(options: ExamplePodOptions = {}): string {
  const kind = options.kind ?? 'Pod';
  const indent = kind === 'Pod' ? '' : '    ';
  const pod = [
    options.automount ?? 'automountServiceAccountToken: false',
    'securityContext:',
    '  runAsNonRoot: true',
    '  seccompProfile: {type: RuntimeDefault}',
    ...(options.pod ?? []),
    'containers:',
    '  - name: web',
    `    image: ${options.image ?? `registry.example.com/shop/web:1.4.2@${exampleDigest}`}`,
    '    securityContext:',
    ...(
      options.securityContext ?? [
        'allowPrivilegeEscalation: false',
        'readOnlyRootFilesystem: true',
        'capabilities:',
        '  drop: [ALL]',
      ]
    ).map((line) => `      ${line}`),
    '    resources:',
    ...(options.resources ?? ['limits: {cpu: 500m, memory: 256Mi}']).map((line) => `      ${line}`),
    ...(options.container ?? []).map((line) => `    ${line}`),
  ].map((line) => `${indent}  ${line}`);
  const metadata = [
    'metadata:',
    '  name: web',
    `  namespace: ${options.namespace ?? 'shop'}`,
    '  labels: {app: web}',
  ];
  if (kind === 'Pod')
    return ['apiVersion: v1', 'kind: Pod', ...metadata, 'spec:', ...pod, ''].join('\n');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    ...metadata,
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    ...pod,
    '',
  ].join('\n');
}

const file = (content: string): Record<string, string> => ({ 'k8s/web.yaml': content });

/** Kubernetes workload, Service and Ingress rules. */
export const kubernetesRules = {
  privileged: {
    id: 'k8s-privileged-container',
    target: 'kubernetes',
    title: 'Privileged container',
    description:
      'A privileged container has every capability and access to all host devices: escaping to the node is trivial, so a compromise of the container is a compromise of the node.',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-250'],
    remediation:
      'Remove `privileged: true`; add only the specific capabilities the workload needs, or move node-level work to a dedicated, reviewed DaemonSet.',
    references: [podSecurityStandards, securityContext],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            securityContext: [
              'privileged: true',
              'allowPrivilegeEscalation: false',
              'readOnlyRootFilesystem: true',
              'capabilities: {drop: [ALL]}',
            ],
          }),
        ),
      },
      compliant: { files: file(examplePod()) },
    },
  },
  privilegeEscalation: {
    id: 'k8s-privilege-escalation-allowed',
    target: 'kubernetes',
    title: 'Privilege escalation allowed',
    description:
      'Unless `allowPrivilegeEscalation` is false, a process can gain more privileges than its parent (setuid binaries, file capabilities), undoing the other restrictions.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-269'],
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
    references: [podSecurityStandards, securityContext],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            securityContext: ['readOnlyRootFilesystem: true', 'capabilities: {drop: [ALL]}'],
          }),
        ),
      },
      compliant: { files: file(examplePod()) },
    },
  },
  runAsRoot: {
    id: 'k8s-run-as-root',
    target: 'kubernetes',
    title: 'Container may run as root',
    description:
      'Neither the container nor the pod sets `runAsNonRoot: true` (or a non-zero `runAsUser`), or one sets user 0: the process runs as root whenever the image says so, which widens every container escape.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-250'],
    remediation:
      'Set `securityContext.runAsNonRoot: true` on the pod (and a non-zero `runAsUser` if the image has no numeric USER).',
    references: [podSecurityStandards, securityContext],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            securityContext: [
              'runAsUser: 0',
              'allowPrivilegeEscalation: false',
              'readOnlyRootFilesystem: true',
              'capabilities: {drop: [ALL]}',
            ],
          }),
        ),
      },
      compliant: { files: file(examplePod()) },
    },
  },
  writableRootFilesystem: {
    id: 'k8s-writable-root-filesystem',
    target: 'kubernetes',
    title: 'Root filesystem is writable',
    description:
      'A writable root filesystem lets an attacker drop tools, change binaries or persist in the container; `readOnlyRootFilesystem: true` with explicit volumes for scratch space prevents it.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-732'],
    remediation:
      'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the application must write.',
    references: [securityContext, nsaHardening],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            securityContext: [
              'allowPrivilegeEscalation: false',
              'readOnlyRootFilesystem: false',
              'capabilities: {drop: [ALL]}',
            ],
          }),
        ),
      },
      compliant: { files: file(examplePod()) },
    },
  },
  dangerousCapability: {
    id: 'k8s-dangerous-capability',
    target: 'kubernetes',
    title: 'Dangerous capability added',
    description:
      'SYS_ADMIN, NET_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, BPF or ALL give the container near-root powers over the node or its network (mounts, kernel modules, tracing other processes, rewriting routes and firewalls).',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-250'],
    remediation:
      'Remove the capability; if a narrow one (such as NET_BIND_SERVICE) is enough, add only that one after dropping ALL.',
    references: [podSecurityStandards, 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            securityContext: [
              'allowPrivilegeEscalation: false',
              'readOnlyRootFilesystem: true',
              'capabilities:',
              '  drop: [ALL]',
              '  add: [NET_ADMIN]',
            ],
          }),
        ),
      },
      compliant: {
        files: file(
          examplePod({
            securityContext: [
              'allowPrivilegeEscalation: false',
              'readOnlyRootFilesystem: true',
              'capabilities:',
              '  drop: [ALL]',
              '  add: [NET_BIND_SERVICE]',
            ],
          }),
        ),
      },
    },
  },
  capabilitiesNotDropped: {
    id: 'k8s-capabilities-not-dropped',
    target: 'kubernetes',
    title: 'Capabilities not dropped',
    description:
      'Containers start with the runtime’s default capabilities (NET_RAW, CHOWN, SETUID…). Without `drop: [ALL]`, a compromised process keeps them, e.g. NET_RAW for spoofing on the pod network.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-250'],
    remediation: 'Add `securityContext.capabilities.drop: [ALL]` and add back only what is needed.',
    references: [podSecurityStandards],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            securityContext: ['allowPrivilegeEscalation: false', 'readOnlyRootFilesystem: true'],
          }),
        ),
      },
      compliant: { files: file(examplePod()) },
    },
  },
  hostNamespace: {
    id: 'k8s-host-namespace',
    target: 'kubernetes',
    title: 'Pod shares a host namespace',
    description:
      '`hostNetwork`, `hostPID` or `hostIPC` put the pod into the node’s network, process or IPC namespace: it can sniff node traffic and reach node-local services, see and signal every process, or read shared memory of other workloads.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-668'],
    remediation: 'Remove `hostNetwork`/`hostPID`/`hostIPC` (or set them to false).',
    references: [podSecurityStandards],
    examples: {
      vulnerable: { files: file(examplePod({ pod: ['hostPID: true'] })) },
      compliant: { files: file(examplePod({ pod: ['hostPID: false'] })) },
    },
  },
  hostPathVolume: {
    id: 'k8s-host-path-volume',
    target: 'kubernetes',
    title: 'hostPath volume',
    description:
      'A hostPath volume exposes part of the node’s filesystem to the pod; paths such as `/`, `/var/run/docker.sock` or `/etc` give control of the node.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-668'],
    remediation: 'Use `emptyDir`, a PersistentVolumeClaim, a ConfigMap or a CSI volume instead.',
    references: [
      podSecurityStandards,
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    ],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            pod: ['volumes:', '  - name: docker', '    hostPath: {path: /var/run/docker.sock}'],
          }),
        ),
      },
      compliant: {
        files: file(examplePod({ pod: ['volumes:', '  - name: scratch', '    emptyDir: {}'] })),
      },
    },
  },
  missingLimits: {
    id: 'k8s-missing-resource-limits',
    target: 'kubernetes',
    title: 'No CPU or memory limit',
    description:
      'A container without limits can take all the CPU or memory of its node, starving other workloads (a denial of service, deliberate or not).',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-770'],
    remediation:
      'Set `resources.limits.cpu` and `resources.limits.memory` (or enforce defaults with a LimitRange).',
    references: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
    examples: {
      vulnerable: {
        files: file(examplePod({ resources: ['requests: {cpu: 100m, memory: 128Mi}'] })),
      },
      compliant: { files: file(examplePod()) },
    },
  },
  latestTag: {
    id: 'k8s-image-latest-tag',
    target: 'kubernetes',
    title: 'Image with the `latest` tag or no tag',
    description:
      'With `latest` (or no tag) every node may run a different image, rollbacks do not roll back, and a pushed bad image is picked up on the next pull.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-1357'],
    remediation: 'Use a version tag pinned by digest (`image:1.2.3@sha256:…`).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    examples: {
      vulnerable: { files: file(examplePod({ image: 'registry.example.com/shop/web:latest' })) },
      compliant: { files: file(examplePod({ image: 'registry.example.com/shop/web:1.4.2' })) },
    },
  },
  noDigest: {
    id: 'k8s-image-not-pinned-by-digest',
    target: 'kubernetes',
    title: 'Image not pinned by digest',
    description:
      'A tag can be moved to other content; only a digest guarantees the cluster runs the image that was scanned and approved. Severity is high when `iac.requireDigest` is set.',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-494'],
    remediation:
      'Reference images as `image:tag@sha256:…` (kustomize `images:` or Helm values can inject digests).',
    references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    examples: {
      vulnerable: { files: file(examplePod({ image: 'registry.example.com/shop/web:1.4.2' })) },
      compliant: { files: file(examplePod()) },
    },
  },
  registryNotApproved: {
    id: 'k8s-image-registry-not-approved',
    target: 'kubernetes',
    title: 'Image from a registry that is not approved',
    description:
      'The image comes from outside `approvedRegistries` in vigil.yaml, so it bypassed the scanning and signing of the approved registries. Runs only when the list is set.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-829'],
    remediation:
      'Mirror the image into an approved registry (after review) and reference it there.',
    references: ['https://kubernetes.io/docs/concepts/containers/images/'],
    examples: {
      vulnerable: {
        files: file(examplePod({ image: `docker.io/someone/web:1.4.2@${exampleDigest}` })),
        config: { approvedRegistries: ['registry.example.com'] },
      },
      compliant: {
        files: file(examplePod()),
        config: { approvedRegistries: ['registry.example.com'] },
      },
    },
  },
  tokenAutomount: {
    id: 'k8s-service-account-token-automount',
    target: 'kubernetes',
    title: 'Service account token mounted automatically',
    description:
      'Unless the pod or its ServiceAccount sets `automountServiceAccountToken: false`, every container gets an API token; an attacker in the container uses it against the Kubernetes API with whatever the account may do.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-200'],
    remediation:
      'Set `automountServiceAccountToken: false` on the pod (or on its ServiceAccount) and mount a projected token only where the API is really used.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    ],
    examples: {
      vulnerable: { files: file(examplePod({ automount: 'serviceAccountName: web' })) },
      compliant: {
        files: file(
          `${examplePod({ automount: 'serviceAccountName: web' })}---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\nautomountServiceAccountToken: false\n`,
        ),
      },
    },
  },
  secretInEnv: {
    id: 'k8s-secret-in-env',
    target: 'kubernetes',
    title: 'Secret as a literal environment value',
    description:
      'A password, token or key written as `env[].value` is in the manifest, in git, in the API server and readable by anyone who can read the workload.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-798'],
    remediation:
      'Store it in a Secret (from a secret manager, e.g. External Secrets or Sealed Secrets) and use `valueFrom.secretKeyRef`; rotate the exposed value.',
    references: ['https://kubernetes.io/docs/concepts/configuration/secret/'],
    examples: {
      vulnerable: {
        files: file(
          examplePod({
            container: ['env:', '  - name: DB_PASSWORD', '    value: s3cr3t-Pa55w0rd'],
          }),
        ),
      },
      compliant: {
        files: file(
          examplePod({
            container: [
              'env:',
              '  - name: DB_PASSWORD',
              '    valueFrom: {secretKeyRef: {name: db, key: password}}',
            ],
          }),
        ),
      },
    },
  },
  serviceExposed: {
    id: 'k8s-service-exposed',
    target: 'kubernetes',
    title: 'Service exposed outside the cluster',
    description:
      'A Service of type LoadBalancer or NodePort opens the workload to networks outside the cluster (often the internet), bypassing the ingress layer’s TLS, authentication and rate limits.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-284'],
    remediation:
      'Use `ClusterIP` behind an Ingress or Gateway; if external exposure is intended, restrict `loadBalancerSourceRanges` and ignore this finding with a reason.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    ],
    examples: {
      vulnerable: {
        files: {
          'k8s/svc.yaml':
            'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  type: LoadBalancer\n  selector: {app: web}\n  ports: [{port: 443}]\n',
        },
      },
      compliant: {
        files: {
          'k8s/svc.yaml':
            'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  type: ClusterIP\n  selector: {app: web}\n  ports: [{port: 443}]\n',
        },
      },
    },
  },
  ingressWithoutTls: {
    id: 'k8s-ingress-without-tls',
    target: 'kubernetes',
    title: 'Ingress without TLS',
    description:
      'An Ingress without a `tls` section serves plain HTTP: credentials, cookies and data cross the network readable and modifiable.',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-319'],
    remediation:
      'Add `spec.tls` with the hosts and a certificate Secret (for example issued by cert-manager).',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
    examples: {
      vulnerable: {
        files: {
          'k8s/ingress.yaml':
            'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n',
        },
      },
      compliant: {
        files: {
          'k8s/ingress.yaml':
            'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n',
        },
      },
    },
  },
} satisfies Record<string, IacRule>;
