import { stringsOf, type TerraformAttribute } from '../terraformBlock.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';
import { settingHit } from './settingHit.js';

const AWS_POLICY_RESOURCES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
];

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function isWildcardAction(action: unknown): boolean {
  return action === '*' || action === '*:*';
}

/** Whether an IAM policy JSON document has an Allow statement with `*` action on `*` resource. */
function allowsEverything(json: string): boolean {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return false;
  }
  if (typeof document !== 'object' || document === null) return false;
  return asList((document as { Statement?: unknown }).Statement).some((statement) => {
    if (typeof statement !== 'object' || statement === null) return false;
    const { Effect, Action, Resource } = statement as Record<string, unknown>;
    return (
      Effect === 'Allow' &&
      asList(Action).some(isWildcardAction) &&
      asList(Resource).some((resource) => resource === '*')
    );
  });
}

export const awsIamWildcardPolicy: TerraformRule = {
  id: 'tf-aws-iam-wildcard-policy',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'IAM policy allows every action on every resource',
  description:
    'A statement with Effect Allow, Action "*" and Resource "*" grants full administrator rights; whoever holds the role, user or group (or steals its credentials) controls the account.',
  severity: 'high',
  remediation:
    'List the actions and resource ARNs the principal needs (least privilege); use AWS managed job-function policies or IAM Access Analyzer policy generation to find them.',
  cwe: ['CWE-269'],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  ],
  resourceTypes: [...AWS_POLICY_RESOURCES, 'aws_iam_role', 'data.aws_iam_policy_document'],
  check(resource) {
    const hits: TerraformHit[] = [];
    const checkPolicy = (policy: TerraformAttribute | undefined) => {
      if (policy && typeof policy.value === 'string' && allowsEverything(policy.value))
        hits.push({
          message: `${resource.address} allows "*" actions on "*" resources`,
          range: policy.range,
          evidence: 'Effect: Allow, Action: *, Resource: *',
        });
    };
    if (resource.type === 'aws_iam_policy_document') {
      for (const statement of resource.blocks('statement')) {
        const effect = statement.value('effect');
        if (effect !== undefined && effect !== 'Allow') continue;
        const actions = statement.attribute('actions');
        if (
          actions &&
          stringsOf(actions.value).some(isWildcardAction) &&
          stringsOf(statement.value('resources')).includes('*')
        )
          hits.push(settingHit(actions, `${resource.address} allows "*" actions on "*" resources`));
      }
    } else if (resource.type === 'aws_iam_role') {
      for (const inline of resource.blocks('inline_policy'))
        checkPolicy(inline.attribute('policy'));
    } else checkPolicy(resource.attribute('policy'));
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_iam_policy" "admin" {\n  name = "admin"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = "*"\n      Resource = "*"\n    }]\n  })\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_iam_policy" "reader" {\n  name = "reader"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:GetObject"]\n      Resource = "arn:aws:s3:::site/*"\n    }]\n  })\n}\n',
      },
    },
  },
};

const GCP_BASIC_ROLES = new Set(['roles/owner', 'roles/editor']);

export const gcpIamBasicRole: TerraformRule = {
  id: 'tf-gcp-iam-basic-role',
  provider: 'gcp',
  target: 'terraform',
  confidence: 'high',
  title: 'Basic Owner or Editor role granted on a project, folder or organization',
  description:
    'roles/owner and roles/editor are the basic roles that grant (almost) every permission on every service of the resource: the GCP counterpart of "*" on "*". Google recommends predefined or custom roles instead.',
  severity: 'medium',
  remediation:
    'Grant predefined roles scoped to the services the member uses (or a custom role); keep Owner to a break-glass group.',
  cwe: ['CWE-269'],
  references: ['https://cloud.google.com/iam/docs/roles-overview#basic'],
  resourceTypes: [
    'google_project_iam_member',
    'google_project_iam_binding',
    'google_folder_iam_member',
    'google_folder_iam_binding',
    'google_organization_iam_member',
    'google_organization_iam_binding',
  ],
  check(resource) {
    const role = resource.attribute('role');
    if (role && typeof role.value === 'string' && GCP_BASIC_ROLES.has(role.value))
      return [settingHit(role, `${resource.address} grants the basic role ${role.value}`)];
    return [];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "google_project_iam_member" "deployer" {\n  project = "my-project"\n  role    = "roles/editor"\n  member  = "serviceAccount:deployer@my-project.iam.gserviceaccount.com"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "google_project_iam_member" "deployer" {\n  project = "my-project"\n  role    = "roles/run.developer"\n  member  = "serviceAccount:deployer@my-project.iam.gserviceaccount.com"\n}\n',
      },
    },
  },
};

export const azureRoleDefinitionWildcard: TerraformRule = {
  id: 'tf-azure-role-definition-wildcard',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure custom role allows every action',
  description:
    'A custom role definition with actions = ["*"] grants every management operation in its assignable scopes, the same power as the built-in Owner role.',
  severity: 'high',
  remediation:
    'List the resource provider operations the role needs (e.g. Microsoft.Storage/storageAccounts/read).',
  cwe: ['CWE-269'],
  references: ['https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles'],
  resourceTypes: ['azurerm_role_definition'],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const permissions of resource.blocks('permissions')) {
      const actions = permissions.attribute('actions');
      if (actions && stringsOf(actions.value).includes('*'))
        hits.push(settingHit(actions, `${resource.address} allows every action ("*")`));
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_role_definition" "ops" {\n  name  = "ops"\n  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"\n\n  permissions {\n    actions     = ["*"]\n    not_actions = []\n  }\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_role_definition" "ops" {\n  name  = "ops"\n  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"\n\n  permissions {\n    actions     = ["Microsoft.Compute/virtualMachines/restart/action"]\n    not_actions = []\n  }\n}\n',
      },
    },
  },
};
