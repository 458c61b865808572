import { isFalse, type TerraformResource } from '../terraformBlock.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';
import { settingHit } from './settingHit.js';

/** `encrypted`-style flag: explicitly false, or omitted where the provider default is false. */
function flagOffOrOmitted(resource: TerraformResource, name: string, what: string): TerraformHit[] {
  const attribute = resource.attribute(name);
  if (attribute === undefined)
    return [
      {
        message: `${resource.address} does not set ${name} (the provider default is false): ${what} is stored unencrypted`,
        range: resource.headerRange,
        evidence: `${name} omitted`,
      },
    ];
  if (isFalse(attribute.value))
    return [
      settingHit(
        attribute,
        `${resource.address} sets ${name} = false: ${what} is stored unencrypted`,
      ),
    ];
  return [];
}

export const awsEbsUnencrypted: TerraformRule = {
  id: 'tf-aws-ebs-unencrypted',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'EBS volume not encrypted',
  description:
    'An unencrypted EBS volume (and its snapshots) can be read by anyone who gets access to a snapshot copy or the underlying storage. aws_ebs_volume defaults to unencrypted unless the account turned on EBS encryption by default, which the configuration cannot show.',
  severity: 'high',
  remediation:
    'Set encrypted = true (optionally kms_key_id) on the volume and on instance block devices.',
  cwe: ['CWE-311'],
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  resourceTypes: ['aws_ebs_volume', 'aws_instance'],
  check(resource) {
    if (resource.type === 'aws_ebs_volume') {
      // A volume made from a snapshot inherits the snapshot's encryption.
      if (resource.has('snapshot_id') && !resource.has('encrypted')) return [];
      return flagOffOrOmitted(resource, 'encrypted', 'the volume');
    }
    const hits: TerraformHit[] = [];
    for (const device of [
      ...resource.blocks('root_block_device'),
      ...resource.blocks('ebs_block_device'),
    ]) {
      const encrypted = device.attribute('encrypted');
      if (encrypted && isFalse(encrypted.value))
        hits.push(
          settingHit(encrypted, `${resource.address} has a block device with encrypted = false`),
        );
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 40\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 40\n  encrypted         = true\n}\n',
      },
    },
  },
};

export const awsRdsUnencrypted: TerraformRule = {
  id: 'tf-aws-rds-unencrypted',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'RDS database storage not encrypted',
  description:
    'storage_encrypted defaults to false for aws_db_instance and provisioned aws_rds_cluster: the database files, automated backups, read replicas and snapshots are then unencrypted at rest, and encryption cannot be turned on later without a snapshot restore.',
  severity: 'high',
  remediation: 'Set storage_encrypted = true (optionally kms_key_id) when creating the database.',
  cwe: ['CWE-311'],
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
  check(resource) {
    // Replicas and restores inherit their source's encryption; serverless v1 is always encrypted.
    const inherits = [
      'replicate_source_db',
      'snapshot_identifier',
      'replication_source_identifier',
    ];
    if (!resource.has('storage_encrypted') && inherits.some((name) => resource.has(name)))
      return [];
    if (resource.value('engine_mode') === 'serverless') return [];
    return flagOffOrOmitted(resource, 'storage_encrypted', 'the database');
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_db_instance" "main" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = false\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_db_instance" "main" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n  storage_encrypted = true\n}\n',
      },
    },
  },
};

export const gcpSqlUnencryptedConnections: TerraformRule = {
  id: 'tf-gcp-sql-unencrypted-connections',
  provider: 'gcp',
  target: 'terraform',
  confidence: 'high',
  title: 'Cloud SQL instance accepts unencrypted connections',
  description:
    'ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED" (or require_ssl = false in older providers) lets clients connect without TLS, so credentials and data cross the network in clear text. Only the explicit setting is reported.',
  severity: 'medium',
  remediation:
    'Set ip_configuration.ssl_mode = "ENCRYPTED_ONLY" (or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED").',
  cwe: ['CWE-319'],
  references: ['https://cloud.google.com/sql/docs/postgres/configure-ssl-instance'],
  resourceTypes: ['google_sql_database_instance'],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const settings of resource.blocks('settings'))
      for (const ip of settings.blocks('ip_configuration')) {
        const mode = ip.attribute('ssl_mode');
        if (mode?.value === 'ALLOW_UNENCRYPTED_AND_ENCRYPTED')
          hits.push(settingHit(mode, `${resource.address} accepts connections without TLS`));
        const requireSsl = ip.attribute('require_ssl');
        if (requireSsl && isFalse(requireSsl.value))
          hits.push(settingHit(requireSsl, `${resource.address} does not require TLS`));
      }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "google_sql_database_instance" "main" {\n  database_version = "POSTGRES_15"\n  settings {\n    tier = "db-f1-micro"\n    ip_configuration {\n      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"\n    }\n  }\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "google_sql_database_instance" "main" {\n  database_version = "POSTGRES_15"\n  settings {\n    tier = "db-f1-micro"\n    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n    }\n  }\n}\n',
      },
    },
  },
};

export const azureManagedDiskEncryptionDisabled: TerraformRule = {
  id: 'tf-azure-managed-disk-encryption-disabled',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure managed disk encryption explicitly disabled',
  description:
    'Azure encrypts managed disks at rest by default; encryption_settings { enabled = false } turns Azure Disk Encryption off for the disk. Only the explicit disablement is reported.',
  severity: 'medium',
  remediation: 'Remove enabled = false, or configure disk_encryption_key / a disk encryption set.',
  cwe: ['CWE-311'],
  references: ['https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption'],
  resourceTypes: ['azurerm_managed_disk'],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const settings of resource.blocks('encryption_settings')) {
      const enabled = settings.attribute('enabled');
      if (enabled && isFalse(enabled.value))
        hits.push(settingHit(enabled, `${resource.address} disables disk encryption`));
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_managed_disk" "data" {\n  name                 = "data"\n  location             = "westeurope"\n  resource_group_name  = "rg"\n  storage_account_type = "Premium_LRS"\n  create_option        = "Empty"\n  disk_size_gb         = 64\n\n  encryption_settings {\n    enabled = false\n  }\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_managed_disk" "data" {\n  name                 = "data"\n  location             = "westeurope"\n  resource_group_name  = "rg"\n  storage_account_type = "Premium_LRS"\n  create_option        = "Empty"\n  disk_size_gb         = 64\n}\n',
      },
    },
  },
};

export const azureStorageHttpAllowed: TerraformRule = {
  id: 'tf-azure-storage-http-allowed',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure storage account accepts plain HTTP',
  description:
    'https_traffic_only_enabled = false (enable_https_traffic_only in older providers) lets clients read and write the account over unencrypted HTTP, exposing data and SAS tokens on the wire.',
  severity: 'medium',
  remediation: 'Set https_traffic_only_enabled = true (the default) on the storage account.',
  cwe: ['CWE-319'],
  references: [
    'https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer',
  ],
  resourceTypes: ['azurerm_storage_account'],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const name of ['https_traffic_only_enabled', 'enable_https_traffic_only']) {
      const attribute = resource.attribute(name);
      if (attribute && isFalse(attribute.value))
        hits.push(settingHit(attribute, `${resource.address} accepts unencrypted HTTP`));
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_storage_account" "main" {\n  name                       = "acct"\n  resource_group_name        = "rg"\n  location                   = "westeurope"\n  account_tier               = "Standard"\n  account_replication_type   = "LRS"\n  https_traffic_only_enabled = false\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_storage_account" "main" {\n  name                       = "acct"\n  resource_group_name        = "rg"\n  location                   = "westeurope"\n  account_tier               = "Standard"\n  account_replication_type   = "LRS"\n  https_traffic_only_enabled = true\n}\n',
      },
    },
  },
};
