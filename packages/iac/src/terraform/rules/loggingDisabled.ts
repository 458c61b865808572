import { isFalse } from '../terraformBlock.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';
import { settingHit } from './settingHit.js';

/*
 * Only explicit switch-offs are reported. "No logging configured" (an S3 bucket without access
 * logs, a subnet without flow logs) depends on organisation-wide settings the module cannot see
 * and would flood every scan.
 */

export const awsLoggingDisabled: TerraformRule = {
  id: 'tf-aws-logging-disabled',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'CloudTrail or load balancer logging switched off',
  description:
    'A trail with enable_logging = false records no API activity, and a load balancer with access_logs { enabled = false } records no requests: incidents then cannot be detected or investigated.',
  severity: 'medium',
  remediation:
    'Set enable_logging = true on the trail and access_logs { enabled = true } on the load balancer.',
  cwe: ['CWE-778'],
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  ],
  resourceTypes: ['aws_cloudtrail', 'aws_lb', 'aws_alb', 'aws_elb'],
  check(resource) {
    const hits: TerraformHit[] = [];
    const trail = resource.attribute('enable_logging');
    if (trail && isFalse(trail.value))
      hits.push(settingHit(trail, `${resource.address} has logging switched off`));
    for (const logs of resource.blocks('access_logs')) {
      const enabled = logs.attribute('enabled');
      if (enabled && isFalse(enabled.value))
        hits.push(settingHit(enabled, `${resource.address} has access logs switched off`));
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_cloudtrail" "main" {\n  name                  = "main"\n  s3_bucket_name        = "trail-logs"\n  is_multi_region_trail = true\n  enable_logging        = false\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_cloudtrail" "main" {\n  name                  = "main"\n  s3_bucket_name        = "trail-logs"\n  is_multi_region_trail = true\n  enable_logging        = true\n}\n',
      },
    },
  },
};

const GCP_LOG_FLAGS = new Set([
  'log_connections',
  'log_disconnections',
  'log_checkpoints',
  'log_lock_waits',
]);

export const gcpLoggingDisabled: TerraformRule = {
  id: 'tf-gcp-logging-disabled',
  provider: 'gcp',
  target: 'terraform',
  confidence: 'high',
  title: 'GKE cluster or Cloud SQL logging switched off',
  description:
    'logging_service = "none" stops a GKE cluster from sending system and workload logs to Cloud Logging; Cloud SQL PostgreSQL flags such as log_connections = "off" drop the connection audit trail (CIS GCP 6.2).',
  severity: 'medium',
  remediation:
    'Use logging_service = "logging.googleapis.com/kubernetes" (the default) and set the Cloud SQL log flags to "on".',
  cwe: ['CWE-778'],
  references: [
    'https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs',
    'https://cloud.google.com/sql/docs/postgres/flags',
  ],
  resourceTypes: ['google_container_cluster', 'google_sql_database_instance'],
  check(resource) {
    const hits: TerraformHit[] = [];
    const service = resource.attribute('logging_service');
    if (service?.value === 'none')
      hits.push(settingHit(service, `${resource.address} sends no logs to Cloud Logging`));
    for (const settings of resource.blocks('settings'))
      for (const flag of settings.blocks('database_flags')) {
        const name = flag.value('name');
        const value = flag.attribute('value');
        if (typeof name === 'string' && GCP_LOG_FLAGS.has(name) && value?.value === 'off')
          hits.push(settingHit(value, `${resource.address} sets ${name} = off`));
      }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n  logging_service    = "none"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n  logging_service    = "logging.googleapis.com/kubernetes"\n}\n',
      },
    },
  },
};

export const azureLoggingDisabled: TerraformRule = {
  id: 'tf-azure-logging-disabled',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'NSG flow logs or SQL auditing switched off',
  description:
    'A network watcher flow log with enabled = false records no traffic, and an extended auditing policy with enabled = false records no database activity: attacks go unnoticed and cannot be reconstructed.',
  severity: 'medium',
  remediation:
    'Set enabled = true on the flow log and on the SQL server or database auditing policy.',
  cwe: ['CWE-778'],
  references: [
    'https://learn.microsoft.com/en-us/azure/network-watcher/nsg-flow-logs-overview',
    'https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview',
  ],
  resourceTypes: [
    'azurerm_network_watcher_flow_log',
    'azurerm_mssql_server_extended_auditing_policy',
    'azurerm_mssql_database_extended_auditing_policy',
  ],
  check(resource) {
    const enabled = resource.attribute('enabled');
    return enabled && isFalse(enabled.value)
      ? [settingHit(enabled, `${resource.address} has logging switched off`)]
      : [];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_network_watcher_flow_log" "nsg" {\n  name                 = "nsg"\n  network_watcher_name = "watcher"\n  resource_group_name  = "rg"\n  target_resource_id   = "id"\n  storage_account_id   = "id"\n  enabled              = false\n\n  retention_policy {\n    enabled = true\n    days    = 30\n  }\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_network_watcher_flow_log" "nsg" {\n  name                 = "nsg"\n  network_watcher_name = "watcher"\n  resource_group_name  = "rg"\n  target_resource_id   = "id"\n  storage_account_id   = "id"\n  enabled              = true\n\n  retention_policy {\n    enabled = true\n    days    = 30\n  }\n}\n',
      },
    },
  },
};
