import { isFalse, isTrue, stringsOf } from '../terraformBlock.js';
import { settingHit } from './settingHit.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';

const PUBLIC_S3_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const S3_PUBLIC_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];
const GCP_PUBLIC_MEMBERS = ['allUsers', 'allAuthenticatedUsers'];

export const awsS3PublicAcl: TerraformRule = {
  id: 'tf-aws-s3-public-acl',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'S3 bucket or object readable by everyone',
  description:
    'A canned ACL of public-read, public-read-write or authenticated-read, or a grant to the AllUsers or AuthenticatedUsers group, lets anyone on the internet (or any AWS account) read, and with public-read-write also write, the data.',
  severity: 'high',
  remediation:
    'Use acl = "private" (or no ACL with object ownership BucketOwnerEnforced) and grant access through bucket policies to named principals; keep S3 Block Public Access on.',
  cwe: ['CWE-732'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
  ],
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_acl', 'aws_s3_object', 'aws_s3_bucket_object'],
  check(resource) {
    const hits: TerraformHit[] = [];
    const acl = resource.attribute('acl');
    if (acl && typeof acl.value === 'string' && PUBLIC_S3_ACLS.has(acl.value))
      hits.push(settingHit(acl, `${resource.address} has the public canned ACL "${acl.value}"`));
    for (const policy of resource.blocks('access_control_policy'))
      for (const grant of policy.blocks('grant'))
        for (const grantee of grant.blocks('grantee')) {
          const uri = grantee.attribute('uri');
          if (uri && typeof uri.value === 'string' && S3_PUBLIC_GROUPS.includes(uri.value))
            hits.push(
              settingHit(uri, `${resource.address} grants access to the public group ${uri.value}`),
            );
        }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n  acl    = "public-read"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n  acl    = "private"\n}\n',
      },
    },
  },
};

const BLOCK_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

export const awsS3PublicAccessBlockDisabled: TerraformRule = {
  id: 'tf-aws-s3-public-access-block-disabled',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'S3 Block Public Access setting turned off',
  description:
    'S3 Block Public Access is the guard rail that stops a public ACL or bucket policy from taking effect. Each of its four settings left false (false is also the provider default when the argument is omitted) lets one kind of public access through.',
  severity: 'medium',
  remediation:
    'Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets to true; serve public content through CloudFront with origin access control instead.',
  cwe: ['CWE-732'],
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  ],
  resourceTypes: ['aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block'],
  check(resource) {
    const off: string[] = [];
    for (const flag of BLOCK_FLAGS) {
      const value = resource.value(flag);
      if (value === undefined || isFalse(value))
        off.push(value === undefined ? `${flag} (omitted)` : flag);
    }
    if (off.length === 0) return [];
    const first = BLOCK_FLAGS.map((flag) => resource.attribute(flag)).find(
      (attribute) => attribute !== undefined && isFalse(attribute.value),
    );
    return [
      {
        message: `${resource.address} leaves public access unblocked: ${off.join(', ')}`,
        range: first?.range ?? resource.headerRange,
        evidence: off.join(', '),
      },
    ];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket                  = "site"\n  block_public_acls       = true\n  block_public_policy     = false\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_s3_bucket_public_access_block" "site" {\n  bucket                  = "site"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
      },
    },
  },
};

function publicMembers(values: string[]): string[] {
  return values.filter((member) =>
    GCP_PUBLIC_MEMBERS.some((name) => member === name || member.endsWith(`:${name}`)),
  );
}

export const gcpStoragePublicAccess: TerraformRule = {
  id: 'tf-gcp-storage-public-access',
  provider: 'gcp',
  target: 'terraform',
  confidence: 'high',
  title: 'Cloud Storage bucket open to allUsers or allAuthenticatedUsers',
  description:
    'An IAM member or ACL entry of allUsers makes the bucket (or its objects) readable by anyone on the internet; allAuthenticatedUsers means any Google account, which is just as public.',
  severity: 'high',
  remediation:
    'Grant roles to named users, groups or service accounts; enable uniform bucket-level access and public access prevention (public_access_prevention = "enforced").',
  cwe: ['CWE-732'],
  references: ['https://cloud.google.com/storage/docs/access-control/making-data-public'],
  resourceTypes: [
    'google_storage_bucket_iam_member',
    'google_storage_bucket_iam_binding',
    'google_storage_bucket_iam_policy',
    'google_storage_bucket_acl',
    'google_storage_default_object_acl',
    'google_storage_object_acl',
  ],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const name of ['member', 'members', 'role_entity']) {
      const attribute = resource.attribute(name);
      if (!attribute) continue;
      const found = publicMembers(stringsOf(attribute.value));
      if (found.length > 0)
        hits.push(
          settingHit(attribute, `${resource.address} grants access to ${found.join(', ')}`),
        );
    }
    const policy = resource.attribute('policy_data');
    if (policy && typeof policy.value === 'string') {
      const found = publicMembers(policyMembers(policy.value));
      if (found.length > 0)
        hits.push({
          message: `${resource.address} policy grants access to ${found.join(', ')}`,
          range: policy.range,
          evidence: found.join(', '),
        });
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "google_storage_bucket_iam_member" "public" {\n  bucket = "site"\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "google_storage_bucket_iam_member" "reader" {\n  bucket = "site"\n  role   = "roles/storage.objectViewer"\n  member = "group:readers@example.com"\n}\n',
      },
    },
  },
};

/** Members of an IAM policy JSON document (`bindings[].members`); none when it does not parse. */
function policyMembers(json: string): string[] {
  try {
    const policy: unknown = JSON.parse(json);
    if (typeof policy !== 'object' || policy === null) return [];
    const bindings = (policy as { bindings?: unknown }).bindings;
    if (!Array.isArray(bindings)) return [];
    return bindings.flatMap((binding: unknown) => {
      const members = (binding as { members?: unknown } | null)?.members;
      return Array.isArray(members)
        ? members.filter((m): m is string => typeof m === 'string')
        : [];
    });
  } catch {
    return [];
  }
}

export const azureStorageContainerPublic: TerraformRule = {
  id: 'tf-azure-storage-container-public',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure storage container allows anonymous access',
  description:
    'container_access_type "blob" lets anyone read blobs by URL, and "container" also lets anyone list them; no credentials are needed.',
  severity: 'high',
  remediation:
    'Use container_access_type = "private" and hand out short-lived SAS tokens or Entra ID roles to the readers that need access.',
  cwe: ['CWE-732'],
  references: [
    'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure',
  ],
  resourceTypes: ['azurerm_storage_container'],
  check(resource) {
    const access = resource.attribute('container_access_type');
    if (access && (access.value === 'blob' || access.value === 'container'))
      return [settingHit(access, `${resource.address} allows anonymous "${access.value}" access`)];
    return [];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_storage_container" "files" {\n  name                  = "files"\n  storage_account_name  = "acct"\n  container_access_type = "container"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_storage_container" "files" {\n  name                  = "files"\n  storage_account_name  = "acct"\n  container_access_type = "private"\n}\n',
      },
    },
  },
};

export const azureStorageAccountPublicBlobs: TerraformRule = {
  id: 'tf-azure-storage-account-public-blobs',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure storage account allows public blob access',
  description:
    'allow_nested_items_to_be_public (allow_blob_public_access in older providers) set to true lets any container in the account be made anonymous-readable; turning it off blocks that account-wide.',
  severity: 'medium',
  remediation: 'Set allow_nested_items_to_be_public = false on the storage account.',
  cwe: ['CWE-732'],
  references: [
    'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent',
  ],
  resourceTypes: ['azurerm_storage_account'],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const name of ['allow_nested_items_to_be_public', 'allow_blob_public_access']) {
      const attribute = resource.attribute(name);
      if (attribute && isTrue(attribute.value))
        hits.push(settingHit(attribute, `${resource.address} allows public access to its blobs`));
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_storage_account" "main" {\n  name                            = "acct"\n  resource_group_name             = "rg"\n  location                        = "westeurope"\n  account_tier                    = "Standard"\n  account_replication_type        = "LRS"\n  allow_nested_items_to_be_public = true\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_storage_account" "main" {\n  name                            = "acct"\n  resource_group_name             = "rg"\n  location                        = "westeurope"\n  account_tier                    = "Standard"\n  account_replication_type        = "LRS"\n  allow_nested_items_to_be_public = false\n}\n',
      },
    },
  },
};
