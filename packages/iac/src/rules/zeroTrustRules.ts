import type { IacRule } from '../rule.js';
import { examplePod } from './kubernetesRules.js';

const networkPolicies = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';
const peerAuthentication =
  'https://istio.io/latest/docs/reference/config/security/peer_authentication/';
const authorizationPolicy =
  'https://istio.io/latest/docs/reference/config/security/authorization-policy/';
const zeroTrust = 'https://csrc.nist.gov/pubs/sp/800/207/final';

const defaultDeny = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: default-deny, namespace: shop}',
  'spec:',
  '  podSelector: {}',
  '  policyTypes: [Ingress, Egress]',
  '',
].join('\n');

const networkPolicy = (rules: string): string =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: web-ingress, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: web}}',
    '  policyTypes: [Ingress]',
    rules,
    '',
  ].join('\n');

const peer = (spec: string, namespace = 'shop'): string =>
  `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: ${namespace}}\nspec:\n${spec}\n`;

const authorization = (spec: string): string =>
  `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: web, namespace: shop}\nspec:\n${spec}\n`;

/** Zero-trust rules: network segmentation and Istio mutual TLS and authorization. */
export const zeroTrustRules = {
  namespaceWithoutDefaultDeny: {
    id: 'k8s-namespace-without-default-deny',
    target: 'kubernetes',
    title: 'Namespace without a default-deny NetworkPolicy',
    description:
      'A namespace runs workloads but no NetworkPolicy selects all its pods (`podSelector: {}`) with both `Ingress` and `Egress` policy types and no rules. Without that baseline every pod accepts connections from anywhere in the cluster and can connect anywhere, so one compromised pod reaches every other one: the opposite of zero trust.',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-923'],
    remediation:
      'Add a default-deny policy (`podSelector: {}`, `policyTypes: [Ingress, Egress]`, no rules) to each namespace, then allow the flows each workload needs (DNS egress included) with narrow policies.',
    references: [`${networkPolicies}#default-policies`, zeroTrust],
    examples: {
      vulnerable: { files: { 'k8s/web.yaml': examplePod() } },
      compliant: { files: { 'k8s/web.yaml': examplePod(), 'k8s/netpol.yaml': defaultDeny } },
    },
  },
  networkPolicyAllowsAll: {
    id: 'k8s-network-policy-allows-all',
    target: 'kubernetes',
    title: 'NetworkPolicy allows all traffic',
    description:
      'An ingress or egress rule without peers and ports (`- {}`), or with a `0.0.0.0/0`/`::/0` block and no ports, allows every source or destination: it cancels the default deny for the pods it selects.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-284'],
    remediation: 'List the pods, namespaces or CIDRs and the ports that are really needed.',
    references: [networkPolicies],
    examples: {
      vulnerable: { files: { 'k8s/netpol.yaml': networkPolicy('  ingress:\n    - {}') } },
      compliant: {
        files: {
          'k8s/netpol.yaml': networkPolicy(
            '  ingress:\n    - from: [{podSelector: {matchLabels: {app: gateway}}}]\n      ports: [{port: 8080}]',
          ),
        },
      },
    },
  },
  peerAuthenticationNotStrict: {
    id: 'istio-mtls-not-strict',
    target: 'kubernetes',
    title: 'Istio mutual TLS not STRICT',
    description:
      'A PeerAuthentication (mesh-wide in the root namespace, for a namespace, a workload or a port through `portLevelMtls`) sets `PERMISSIVE` or `DISABLE`: plaintext connections are accepted, so workload identity is not verified and traffic can be read or forged.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-319', 'CWE-287'],
    remediation:
      'Set `mtls.mode: STRICT` (mesh-wide in `istio-system` and per namespace); keep PERMISSIVE only during a migration, with an ignore that expires.',
    references: [
      peerAuthentication,
      'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/',
    ],
    examples: {
      vulnerable: {
        files: {
          'istio/peer.yaml': peer(
            '  mtls: {mode: STRICT}\n  portLevelMtls:\n    "8080": {mode: PERMISSIVE}',
          ),
        },
      },
      compliant: { files: { 'istio/peer.yaml': peer('  mtls: {mode: STRICT}', 'istio-system') } },
    },
  },
  mtlsDefaultPermissive: {
    id: 'istio-mtls-default-permissive',
    target: 'kubernetes',
    title: 'Istio mutual TLS left at the PERMISSIVE default',
    description:
      'The manifests use Istio, but no PeerAuthentication sets a mode mesh-wide (root namespace, no selector) or for a namespace that runs workloads. Istio then accepts plaintext as well as mutual TLS, so any pod without a sidecar, or anything that reaches the pod network, talks to the workloads unauthenticated.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-319', 'CWE-287'],
    remediation:
      'Add a mesh-wide `PeerAuthentication` named `default` in `istio-system` with `mtls.mode: STRICT` (or one per namespace).',
    references: [peerAuthentication, zeroTrust],
    examples: {
      vulnerable: {
        files: {
          'k8s/web.yaml': examplePod(),
          'istio/authz.yaml': authorization(
            '  selector: {matchLabels: {app: web}}\n  rules:\n    - from: [{source: {namespaces: [shop]}}]',
          ),
        },
      },
      compliant: {
        files: {
          'k8s/web.yaml': examplePod(),
          'istio/peer.yaml': peer('  mtls: {mode: STRICT}', 'istio-system'),
        },
      },
    },
  },
  authorizationAllowsAll: {
    id: 'istio-authorization-allows-all',
    target: 'kubernetes',
    title: 'Istio AuthorizationPolicy allows everything',
    description:
      'An ALLOW policy with an empty rule (`rules: [{}]`) matches every request, from any source, to any path and method: it turns off authorization for the workloads it selects.',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-862'],
    remediation:
      'List the allowed sources (principals, namespaces) and operations (methods, paths, ports) in each rule.',
    references: [authorizationPolicy, 'https://istio.io/latest/docs/ops/best-practices/security/'],
    examples: {
      vulnerable: {
        files: {
          'k8s/web.yaml': examplePod(),
          'istio/authz.yaml': authorization(
            '  selector: {matchLabels: {app: web}}\n  action: ALLOW\n  rules:\n    - {}',
          ),
        },
      },
      compliant: {
        files: {
          'k8s/web.yaml': examplePod(),
          'istio/authz.yaml': authorization(
            '  selector: {matchLabels: {app: web}}\n  action: ALLOW\n  rules:\n    - from: [{source: {principals: [cluster.local/ns/shop/sa/gateway]}}]\n      to: [{operation: {methods: [GET]}}]',
          ),
        },
      },
    },
  },
  authorizationSelectorUnmatched: {
    id: 'istio-authorization-selector-unmatched',
    target: 'kubernetes',
    title: 'Istio ALLOW policy selects no workload',
    description:
      'The selector of an ALLOW AuthorizationPolicy matches no pod template in its namespace (or, in the root namespace, anywhere) among the scanned manifests. A mistyped label means the policy protects nothing, and the workload it was written for accepts all requests.',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-863'],
    remediation: 'Fix the selector labels so they match the workload’s pod template labels.',
    references: [authorizationPolicy],
    examples: {
      vulnerable: {
        files: {
          'k8s/web.yaml': examplePod(),
          'istio/authz.yaml': authorization(
            '  selector: {matchLabels: {app: wbe}}\n  action: ALLOW\n  rules:\n    - from: [{source: {namespaces: [shop]}}]',
          ),
        },
      },
      compliant: {
        files: {
          'k8s/web.yaml': examplePod(),
          'istio/authz.yaml': authorization(
            '  selector: {matchLabels: {app: web}}\n  action: ALLOW\n  rules:\n    - from: [{source: {namespaces: [shop]}}]',
          ),
        },
      },
    },
  },
} satisfies Record<string, IacRule>;
