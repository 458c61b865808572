import type { Finding } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import { kubernetesRules } from '../rules/kubernetesRules.js';
import { zeroTrustRules } from '../rules/zeroTrustRules.js';
import { asArray, asRecord, asText } from '../yaml/plainValue.js';
import { ISTIO_ROOT_NAMESPACE, objectKey } from './detectKubernetes.js';
import { podTemplate, type KubernetesObject, type PodTemplate } from './kubernetesObjects.js';

/**
 * Rules that need every manifest of the project: namespaces without a default-deny
 * NetworkPolicy, Istio ALLOW policies whose selector matches no workload, and service
 * account tokens (a pod inherits `automountServiceAccountToken` from its ServiceAccount).
 */
export function detectKubernetesProject(objects: readonly KubernetesObject[]): Finding[] {
  const templates = objects.flatMap((object) => podTemplate(object) ?? []);
  const running = templates.filter((template) => template.runs);
  return [
    ...checkDefaultDeny(objects, running),
    ...checkAuthorizationSelectors(objects, running),
    ...checkTokenAutomount(objects, templates),
    ...checkMtlsDefault(objects, running),
  ];
}

function checkDefaultDeny(
  objects: readonly KubernetesObject[],
  running: readonly PodTemplate[],
): Finding[] {
  const findings: Finding[] = [];
  const byNamespace = new Map<string, PodTemplate[]>();
  for (const template of running) {
    const list = byNamespace.get(template.object.namespace) ?? [];
    list.push(template);
    byNamespace.set(template.object.namespace, list);
  }
  for (const [namespace, workloads] of byNamespace) {
    const policies = objects.filter(
      (object) => object.kind === 'NetworkPolicy' && object.namespace === namespace,
    );
    const missing = (['Ingress', 'Egress'] as const).filter(
      (direction) => !policies.some((policy) => deniesByDefault(policy, direction)),
    );
    if (missing.length === 0) continue;
    const first = workloads[0];
    if (!first) continue;
    const { object } = first;
    findings.push(
      iacFinding(zeroTrustRules.namespaceWithoutDefaultDeny, {
        path: object.path,
        region: object.locate(['kind'], 'value'),
        message: `namespace ${namespace} runs ${String(workloads.length)} workload${workloads.length === 1 ? '' : 's'} (first: ${object.kind} ${object.name}) but no NetworkPolicy denies ${missing.join(' and ').toLowerCase()} traffic by default`,
        key: `namespace ${namespace} ${missing.join(',')}`,
      }),
    );
  }
  return findings;
}

/** `podSelector: {}`, the direction in `policyTypes` and no rules for it. */
function deniesByDefault(policy: KubernetesObject, direction: 'Ingress' | 'Egress'): boolean {
  const spec = asRecord(policy.value.spec);
  if (!spec) return false;
  const selector = asRecord(spec.podSelector);
  if (!selector || asArray(selector.matchExpressions).length > 0) return false;
  if (Object.keys(asRecord(selector.matchLabels) ?? {}).length > 0) return false;
  const rules = spec[direction.toLowerCase()];
  // Without policyTypes, Ingress always applies and Egress only when egress rules exist.
  const types = Array.isArray(spec.policyTypes)
    ? spec.policyTypes.map((type) => asText(type))
    : ['Ingress', ...(rules === undefined ? [] : ['Egress'])];
  return types.includes(direction) && asArray(rules).length === 0;
}

function checkAuthorizationSelectors(
  objects: readonly KubernetesObject[],
  running: readonly PodTemplate[],
): Finding[] {
  const findings: Finding[] = [];
  for (const policy of objects) {
    if (
      policy.kind !== 'AuthorizationPolicy' ||
      !policy.apiVersion.startsWith('security.istio.io/')
    )
      continue;
    const spec = asRecord(policy.value.spec) ?? {};
    if ((asText(spec.action) ?? 'ALLOW') !== 'ALLOW') continue;
    const matchLabels = asRecord(asRecord(spec.selector)?.matchLabels);
    if (!matchLabels || Object.keys(matchLabels).length === 0) continue;
    const wanted = Object.entries(matchLabels).map(([key, value]) => [key, asText(value)] as const);
    const matched = running.some(
      (template) =>
        (policy.namespace === ISTIO_ROOT_NAMESPACE ||
          template.object.namespace === policy.namespace) &&
        wanted.every(([key, value]) => template.labels[key] === value),
    );
    if (matched) continue;
    const shown = wanted.map(([key, value]) => `${key}=${value ?? ''}`).join(',');
    findings.push(
      iacFinding(zeroTrustRules.authorizationSelectorUnmatched, {
        path: policy.path,
        region: policy.locate(['spec', 'selector', 'matchLabels']),
        message: `AuthorizationPolicy ${policy.name}: selector ${shown} matches no workload${policy.namespace === ISTIO_ROOT_NAMESPACE ? '' : ` in namespace ${policy.namespace}`} of the scanned manifests`,
        key: `${objectKey(policy)} selector ${shown}`,
      }),
    );
  }
  return findings;
}

function checkTokenAutomount(
  objects: readonly KubernetesObject[],
  templates: readonly PodTemplate[],
): Finding[] {
  const accounts = new Map<string, unknown>();
  for (const object of objects) {
    if (object.kind === 'ServiceAccount') {
      accounts.set(`${object.namespace}/${object.name}`, object.value.automountServiceAccountToken);
    }
  }
  const findings: Finding[] = [];
  for (const template of templates) {
    const { object, spec, specPath } = template;
    const own = spec.automountServiceAccountToken;
    if (own === false) continue;
    const account = asText(spec.serviceAccountName) ?? asText(spec.serviceAccount) ?? 'default';
    if (own === undefined && accounts.get(`${object.namespace}/${account}`) === false) continue;
    findings.push(
      iacFinding(kubernetesRules.tokenAutomount, {
        path: object.path,
        region: object.locate(
          own === undefined ? specPath : [...specPath, 'automountServiceAccountToken'],
        ),
        message: `${object.kind} ${object.name}: pods get an API token of service account ${account} (${own === true ? '`automountServiceAccountToken: true`' : 'neither the pod nor the ServiceAccount turns automounting off'})`,
        key: `${objectKey(object)} automount ${account}`,
      }),
    );
  }
  return findings;
}

/**
 * Namespaces with workloads that no PeerAuthentication covers (neither mesh-wide nor for the
 * namespace), when the manifests use Istio at all. Modes that are set but not STRICT are
 * reported per policy by `detectKubernetes`.
 */
function checkMtlsDefault(
  objects: readonly KubernetesObject[],
  running: readonly PodTemplate[],
): Finding[] {
  if (!objects.some((object) => object.apiVersion.includes('.istio.io/'))) return [];
  const covers = (object: KubernetesObject): boolean => {
    const spec = asRecord(object.value.spec) ?? {};
    const mode = asText(asRecord(spec.mtls)?.mode);
    return (
      object.kind === 'PeerAuthentication' &&
      object.apiVersion.startsWith('security.istio.io/') &&
      spec.selector === undefined &&
      mode !== undefined &&
      mode !== 'UNSET'
    );
  };
  const covered = new Set(objects.filter(covers).map((object) => object.namespace));
  if (covered.has(ISTIO_ROOT_NAMESPACE)) return [];
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const { object } of running) {
    if (covered.has(object.namespace) || reported.has(object.namespace)) continue;
    reported.add(object.namespace);
    findings.push(
      iacFinding(zeroTrustRules.mtlsDefaultPermissive, {
        path: object.path,
        region: object.locate(['kind'], 'value'),
        message: `namespace ${object.namespace} (first workload: ${object.kind} ${object.name}) has no PeerAuthentication, and there is no mesh-wide one: Istio accepts plaintext`,
        key: `namespace ${object.namespace} mtls default`,
      }),
    );
  }
  return findings;
}
