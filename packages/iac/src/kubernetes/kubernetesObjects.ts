import type { Region } from '@vigil/core';
import { asArray, asRecord, asText } from '../yaml/plainValue.js';
import type { YamlDocument, YamlPath } from '../yaml/parseYamlDocuments.js';

/** A Kubernetes (or Istio, or any CRD) object found in a manifest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** `metadata.namespace`, else `default` (where `kubectl apply` without `-n` puts it). */
  namespace: string;
  value: Record<string, unknown>;
  /** The file it was read from. */
  path: string;
  /** Where a part of the object is written (`part` as in `YamlDocument.locate`). */
  locate(path: YamlPath, part?: 'key' | 'value'): Region;
}

/** A pod spec inside a workload (or a Pod itself). */
export interface PodTemplate {
  object: KubernetesObject;
  /** Path of the pod spec inside the object. */
  specPath: YamlPath;
  spec: Record<string, unknown>;
  /** The labels its pods get (what selectors match). */
  labels: Record<string, string>;
  /** False for PodTemplate objects, which run nothing by themselves. */
  runs: boolean;
}

/**
 * Objects of the documents of one file: every mapping with a string `apiVersion` and `kind`,
 * the items of `List` kinds (`v1/List`, `DeploymentList`, …) in their place.
 */
export function kubernetesObjects(
  documents: readonly YamlDocument[],
  path: string,
): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  const visit = (document: YamlDocument, value: unknown, base: YamlPath, depth: number): void => {
    const record = asRecord(value);
    const apiVersion = record?.apiVersion;
    const kind = record?.kind;
    if (!record || typeof apiVersion !== 'string' || typeof kind !== 'string') return;
    if (kind.endsWith('List') && Array.isArray(record.items) && depth < 4) {
      for (const [index, item] of record.items.entries()) {
        visit(document, item, [...base, 'items', index], depth + 1);
      }
      return;
    }
    const metadata = asRecord(record.metadata);
    objects.push({
      apiVersion,
      kind,
      name: asText(metadata?.name) ?? asText(metadata?.generateName) ?? '',
      namespace: asText(metadata?.namespace) ?? 'default',
      value: record,
      path,
      locate: (sub, part) => document.locate([...base, ...sub], part),
    });
  };
  for (const document of documents) visit(document, document.value, [], 0);
  return objects;
}

/** Where each workload kind keeps its pod template. */
const podTemplatePaths: Record<string, { spec: YamlPath; labels: YamlPath; runs: boolean }> = {
  Pod: { spec: ['spec'], labels: ['metadata', 'labels'], runs: true },
  PodTemplate: {
    spec: ['template', 'spec'],
    labels: ['template', 'metadata', 'labels'],
    runs: false,
  },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    labels: ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'],
    runs: true,
  },
};
for (const kind of [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'ReplicationController',
]) {
  podTemplatePaths[kind] = {
    spec: ['spec', 'template', 'spec'],
    labels: ['spec', 'template', 'metadata', 'labels'],
    runs: true,
  };
}

/** The pod template of a workload object, if it is one. */
export function podTemplate(object: KubernetesObject): PodTemplate | undefined {
  const paths = Object.hasOwn(podTemplatePaths, object.kind)
    ? podTemplatePaths[object.kind]
    : undefined;
  if (!paths) return undefined;
  const spec = asRecord(valueAt(object.value, paths.spec));
  if (!spec) return undefined;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(valueAt(object.value, paths.labels)) ?? {})) {
    const text = asText(value);
    if (text !== undefined) labels[key] = text;
  }
  return { object, specPath: paths.spec, spec, labels, runs: paths.runs };
}

/** The value at a path of plain data. */
export function valueAt(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const step of path) {
    current = typeof step === 'number' ? asArray(current)[step] : asRecord(current)?.[step];
    if (current === undefined) return undefined;
  }
  return current;
}
