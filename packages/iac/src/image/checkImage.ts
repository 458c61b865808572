import type { Finding, Region } from '@vigil/core';
import { iacFinding } from '../iacFinding.js';
import type { IacRule } from '../rule.js';
import { isApprovedImage, isApprovedRegistry, type ImagePolicy } from './imagePolicy.js';
import { canonicalName, parseImageReference } from './imageReference.js';

export interface ImageCheck {
  path: string;
  region: Region;
  policy: ImagePolicy;
  rules: {
    latest: IacRule;
    digest: IacRule;
    /** Checked against `approvedBaseImages` (when set) and `approvedRegistries` (when set). */
    approval?: IacRule;
    /** Checked against `approvedRegistries` only. */
    registry?: IacRule;
  };
  /** How the message names the image, e.g. `stage 1 base image`. */
  what: string;
  key: string;
}

/**
 * Tag, digest and approval checks of one image reference. References that do not parse
 * (templated, still holding variables) are left alone.
 */
export function checkImage(text: string, check: ImageCheck): Finding[] {
  const image = parseImageReference(text);
  if (!image) return [];
  const { path, region, policy, rules, what, key } = check;
  const findings: Finding[] = [];
  const shown = image.written.slice(0, 200);
  if (image.digest === undefined && (image.tag === undefined || image.tag === 'latest')) {
    findings.push(
      iacFinding(rules.latest, {
        path,
        region,
        message: `${what} ${shown} ${image.tag === undefined ? 'has no tag (so `latest`)' : 'uses the `latest` tag'}`,
        key,
      }),
    );
  }
  if (image.digest === undefined) {
    findings.push(
      iacFinding(rules.digest, {
        path,
        region,
        message: `${what} ${shown} is not pinned by digest`,
        key,
        ...(policy.requireDigest ? { severity: 'high' as const } : {}),
      }),
    );
  }
  const { approvedBaseImages, approvedRegistries } = policy;
  if (rules.approval) {
    const notApproved =
      approvedBaseImages.length > 0 && !isApprovedImage(image, approvedBaseImages)
        ? 'is not on `approvedBaseImages`'
        : approvedRegistries.length > 0 && !isApprovedRegistry(image, approvedRegistries)
          ? `comes from ${image.registry}, not from an approved registry`
          : undefined;
    if (notApproved) {
      findings.push(
        iacFinding(rules.approval, {
          path,
          region,
          message: `${what} ${shown} ${notApproved}`,
          key,
        }),
      );
    }
  }
  if (
    rules.registry &&
    approvedRegistries.length > 0 &&
    !isApprovedRegistry(image, approvedRegistries)
  ) {
    findings.push(
      iacFinding(rules.registry, {
        path,
        region,
        message: `${what} ${shown} (${canonicalName(image)}) is not from an approved registry (${approvedRegistries.join(', ')})`,
        key,
      }),
    );
  }
  return findings;
}
