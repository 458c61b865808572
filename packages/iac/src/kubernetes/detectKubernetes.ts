import { sha256, type Finding } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import { checkImage } from '../image/checkImage.js';
import type { ImagePolicy } from '../image/imagePolicy.js';
import type { IacRule } from '../rule.js';
import { kubernetesRules as rules } from '../rules/kubernetesRules.js';
import { zeroTrustRules } from '../rules/zeroTrustRules.js';
import { isLiteralSecretValue, isSecretName } from '../secretName.js';
import { asArray, asRecord, asText } from '../yaml/plainValue.js';
import type { YamlDocument, YamlPath } from '../yaml/parseYamlDocuments.js';
import {
  kubernetesObjects,
  podTemplate,
  type KubernetesObject,
  type PodTemplate,
} from './kubernetesObjects.js';

const containerLists = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const dangerousCapabilities = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'BPF',
]);
const hostNamespaces = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/**
 * The per-object Kubernetes rules over the documents of one manifest file: pod security of
 * every workload's pod template, images, Services, Ingresses, NetworkPolicies and Istio
 * policies. Project-level rules (namespaces, selectors, service accounts) are in
 * `detectKubernetesProject`.
 */
export function detectKubernetes(
  documents: readonly YamlDocument[],
  path: string,
  policy: ImagePolicy,
): Finding[] {
  const findings: Finding[] = [];
  for (const object of kubernetesObjects(documents, path)) {
    const template = podTemplate(object);
    if (template) findings.push(...checkPodTemplate(template, policy));
    findings.push(...checkObject(object));
  }
  return findings;
}

/** Identifies an object (and a part of it) in fingerprints and messages. */
export function objectKey(object: KubernetesObject): string {
  return `${object.kind}/${object.namespace}/${object.name}`;
}

function report(
  rule: IacRule,
  object: KubernetesObject,
  at: YamlPath,
  message: string,
  detail = at.join('.'),
  part: 'key' | 'value' = 'key',
): Finding {
  return iacFinding(rule, {
    path: object.path,
    region: object.locate(at, part),
    message: `${object.kind} ${object.name || '(unnamed)'}: ${message}`,
    key: `${objectKey(object)} ${detail}`,
  });
}

function checkPodTemplate(template: PodTemplate, policy: ImagePolicy): Finding[] {
  const { object, spec, specPath } = template;
  const findings: Finding[] = [];
  const podSecurity = asRecord(spec.securityContext) ?? {};

  for (const namespace of hostNamespaces) {
    if (spec[namespace] === true) {
      findings.push(
        report(
          rules.hostNamespace,
          object,
          [...specPath, namespace],
          `\`${namespace}: true\` shares the node's namespace`,
        ),
      );
    }
  }
  for (const [index, volume] of asArray(spec.volumes).entries()) {
    const hostPath = asRecord(asRecord(volume)?.hostPath);
    if (!hostPath) continue;
    findings.push(
      report(
        rules.hostPathVolume,
        object,
        [...specPath, 'volumes', index, 'hostPath'],
        `volume ${asText(asRecord(volume)?.name) ?? String(index)} mounts ${asText(hostPath.path) ?? 'a host path'} from the node`,
      ),
    );
  }

  for (const list of containerLists) {
    for (const [index, item] of asArray(spec[list]).entries()) {
      const container = asRecord(item);
      if (!container) continue;
      const at: YamlPath = [...specPath, list, index];
      const name = asText(container.name) ?? `${list}[${String(index)}]`;
      const label = `container ${name}`;
      const security = asRecord(container.securityContext) ?? {};
      const securityAt: YamlPath = [...at, 'securityContext'];
      const containerAnchor: YamlPath = container.securityContext ? securityAt : [...at, 'name'];

      if (security.privileged === true) {
        findings.push(
          report(rules.privileged, object, [...securityAt, 'privileged'], `${label} is privileged`),
        );
      }
      if (security.allowPrivilegeEscalation !== false) {
        findings.push(
          report(
            rules.privilegeEscalation,
            object,
            'allowPrivilegeEscalation' in security
              ? [...securityAt, 'allowPrivilegeEscalation']
              : containerAnchor,
            `${label} does not set \`allowPrivilegeEscalation: false\``,
            `${name} allowPrivilegeEscalation`,
          ),
        );
      }
      findings.push(
        ...checkRunAsRoot(
          object,
          podSecurity,
          security,
          specPath,
          securityAt,
          containerAnchor,
          label,
          name,
        ),
      );
      if (security.readOnlyRootFilesystem !== true) {
        findings.push(
          report(
            rules.writableRootFilesystem,
            object,
            'readOnlyRootFilesystem' in security
              ? [...securityAt, 'readOnlyRootFilesystem']
              : containerAnchor,
            `${label} has a writable root filesystem`,
            `${name} readOnlyRootFilesystem`,
          ),
        );
      }
      const capabilities = asRecord(security.capabilities) ?? {};
      for (const [capIndex, added] of asArray(capabilities.add).entries()) {
        const capability = (asText(added) ?? '').toUpperCase().replace(/^CAP_/, '');
        if (!dangerousCapabilities.has(capability)) continue;
        findings.push(
          report(
            rules.dangerousCapability,
            object,
            [...securityAt, 'capabilities', 'add', capIndex],
            `${label} adds ${capability}`,
            `${name} add ${capability}`,
            'value',
          ),
        );
      }
      const dropsAll = asArray(capabilities.drop).some(
        (dropped) => (asText(dropped) ?? '').toUpperCase() === 'ALL',
      );
      if (!dropsAll && list !== 'ephemeralContainers') {
        findings.push(
          report(
            rules.capabilitiesNotDropped,
            object,
            security.capabilities ? [...securityAt, 'capabilities'] : containerAnchor,
            `${label} does not drop ALL capabilities`,
            `${name} drop`,
          ),
        );
      }
      if (list !== 'ephemeralContainers') {
        const limits = asRecord(asRecord(container.resources)?.limits) ?? {};
        const missing = ['cpu', 'memory'].filter((resource) => limits[resource] === undefined);
        if (missing.length > 0) {
          findings.push(
            report(
              rules.missingLimits,
              object,
              container.resources ? [...at, 'resources'] : [...at, 'name'],
              `${label} has no ${missing.join(' or ')} limit`,
              `${name} limits`,
            ),
          );
        }
      }
      const image = asText(container.image);
      if (image !== undefined) {
        findings.push(
          ...checkImage(image, {
            path: object.path,
            region: object.locate([...at, 'image'], 'value'),
            policy,
            rules: {
              latest: rules.latestTag,
              digest: rules.noDigest,
              registry: rules.registryNotApproved,
            },
            what: `${object.kind} ${object.name}: ${label} image`,
            key: `${objectKey(object)} ${name} ${image}`,
          }),
        );
      }
      for (const [envIndex, entry] of asArray(container.env).entries()) {
        const variable = asRecord(entry);
        const variableName = asText(variable?.name);
        const value = asText(variable?.value);
        if (variableName === undefined || value === undefined) continue;
        if (!isSecretName(variableName) || !isLiteralSecretValue(value)) continue;
        findings.push(
          report(
            rules.secretInEnv,
            object,
            [...at, 'env', envIndex, 'value'],
            `${label} sets ${variableName} to a literal value (${String(value.length)} characters)`,
            `${name} ${variableName} ${sha256(value)}`,
          ),
        );
      }
    }
  }
  return findings;
}

function checkRunAsRoot(
  object: KubernetesObject,
  podSecurity: Record<string, unknown>,
  security: Record<string, unknown>,
  specPath: YamlPath,
  securityAt: YamlPath,
  containerAnchor: YamlPath,
  label: string,
  name: string,
): Finding[] {
  const containerUser = security.runAsUser;
  const podUser = podSecurity.runAsUser;
  const user = containerUser ?? podUser;
  if (user === 0) {
    const at =
      containerUser === 0
        ? [...securityAt, 'runAsUser']
        : [...specPath, 'securityContext', 'runAsUser'];
    return [
      report(rules.runAsRoot, object, at, `${label} runs as user 0 (root)`, `${name} runAsRoot`),
    ];
  }
  const nonRoot = security.runAsNonRoot ?? podSecurity.runAsNonRoot;
  if (nonRoot === true || (typeof user === 'number' && user > 0 && nonRoot !== false)) return [];
  const at =
    security.runAsNonRoot === false
      ? [...securityAt, 'runAsNonRoot']
      : podSecurity.runAsNonRoot === false
        ? [...specPath, 'securityContext', 'runAsNonRoot']
        : containerAnchor;
  return [
    report(
      rules.runAsRoot,
      object,
      at,
      `${label} may run as root: neither it nor the pod sets \`runAsNonRoot: true\``,
      `${name} runAsRoot`,
    ),
  ];
}

const allAddresses = new Set(['0.0.0.0/0', '::/0']);

function checkObject(object: KubernetesObject): Finding[] {
  const spec = asRecord(object.value.spec) ?? {};
  const group = object.apiVersion.split('/')[0] ?? '';
  const findings: Finding[] = [];
  switch (object.kind) {
    case 'Service': {
      const type = asText(spec.type);
      if (type === 'LoadBalancer' || type === 'NodePort') {
        findings.push(
          report(
            rules.serviceExposed,
            object,
            ['spec', 'type'],
            `type ${type} exposes the Service outside the cluster`,
            type,
            'value',
          ),
        );
      }
      break;
    }
    case 'Ingress':
      if (asArray(spec.tls).length === 0 && group.endsWith('k8s.io')) {
        findings.push(
          report(
            rules.ingressWithoutTls,
            object,
            object.value.spec ? ['spec'] : ['kind'],
            'no `spec.tls`: served over plain HTTP',
            'tls',
          ),
        );
      }
      break;
    case 'NetworkPolicy':
      for (const [direction, peers] of [
        ['ingress', 'from'],
        ['egress', 'to'],
      ] as const) {
        for (const [index, item] of asArray(spec[direction]).entries()) {
          const rule = asRecord(item) ?? {};
          const ports = asArray(rule.ports);
          const listed = asArray(rule[peers]);
          const open =
            ports.length === 0 &&
            (listed.length === 0 ||
              listed.some((peer) => {
                const block = asRecord(asRecord(peer)?.ipBlock);
                return (
                  block !== undefined &&
                  allAddresses.has(asText(block.cidr) ?? '') &&
                  asArray(block.except).length === 0
                );
              }));
          if (!open) continue;
          findings.push(
            report(
              zeroTrustRules.networkPolicyAllowsAll,
              object,
              ['spec', direction, index],
              `${direction} rule ${String(index + 1)} allows all ${direction === 'ingress' ? 'sources' : 'destinations'} on all ports`,
              `${direction} ${String(index)}`,
              'value',
            ),
          );
        }
      }
      break;
    case 'PeerAuthentication':
      if (group === 'security.istio.io') findings.push(...checkPeerAuthentication(object, spec));
      break;
    case 'AuthorizationPolicy':
      if (group === 'security.istio.io' && (asText(spec.action) ?? 'ALLOW') === 'ALLOW') {
        for (const [index, rule] of asArray(spec.rules).entries()) {
          const fields = asRecord(rule);
          if (!fields || Object.keys(fields).length > 0) continue;
          findings.push(
            report(
              zeroTrustRules.authorizationAllowsAll,
              object,
              ['spec', 'rules', index],
              `rule ${String(index + 1)} is empty, so every request is allowed`,
              `rules ${String(index)}`,
              'value',
            ),
          );
        }
      }
      break;
    default:
      break;
  }
  return findings;
}

/** Istio's root namespace, where a selector-less policy applies to the whole mesh. */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

function checkPeerAuthentication(
  object: KubernetesObject,
  spec: Record<string, unknown>,
): Finding[] {
  const findings: Finding[] = [];
  const selector = asRecord(spec.selector);
  const scope = selector
    ? 'for the workloads it selects'
    : object.namespace === ISTIO_ROOT_NAMESPACE
      ? 'mesh-wide'
      : `for namespace ${object.namespace}`;
  const mode = asText(asRecord(spec.mtls)?.mode);
  if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
    findings.push(
      report(
        zeroTrustRules.peerAuthenticationNotStrict,
        object,
        ['spec', 'mtls', 'mode'],
        `mutual TLS is ${mode} ${scope}`,
        `mtls ${mode}`,
        'value',
      ),
    );
  }
  for (const [port, setting] of Object.entries(asRecord(spec.portLevelMtls) ?? {})) {
    const portMode = asText(asRecord(setting)?.mode);
    if (portMode !== 'PERMISSIVE' && portMode !== 'DISABLE') continue;
    findings.push(
      report(
        zeroTrustRules.peerAuthenticationNotStrict,
        object,
        ['spec', 'portLevelMtls', port, 'mode'],
        `mutual TLS is ${portMode} on port ${port} ${scope}`,
        `port ${port} ${portMode}`,
        'value',
      ),
    );
  }
  return findings;
}
