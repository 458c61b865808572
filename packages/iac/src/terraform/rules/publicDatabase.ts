import { isTrue, stringsOf } from '../terraformBlock.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';
import { settingHit } from './settingHit.js';

export const awsRdsPublic: TerraformRule = {
  id: 'tf-aws-rds-public',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'RDS database publicly accessible',
  description:
    'publicly_accessible = true gives the database a public DNS name and address; with any permissive security group it is reachable from the internet and exposed to brute force and exploits.',
  severity: 'high',
  remediation: 'Set publicly_accessible = false and reach the database from inside the VPC.',
  cwe: ['CWE-284'],
  references: [
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
  ],
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
  check(resource) {
    const attribute = resource.attribute('publicly_accessible');
    return attribute && isTrue(attribute.value)
      ? [settingHit(attribute, `${resource.address} is publicly accessible`)]
      : [];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_db_instance" "main" {\n  engine              = "mysql"\n  instance_class      = "db.t3.micro"\n  storage_encrypted   = true\n  publicly_accessible = true\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_db_instance" "main" {\n  engine              = "mysql"\n  instance_class      = "db.t3.micro"\n  storage_encrypted   = true\n  publicly_accessible = false\n}\n',
      },
    },
  },
};

export const gcpSqlOpenToInternet: TerraformRule = {
  id: 'tf-gcp-sql-open-to-internet',
  provider: 'gcp',
  target: 'terraform',
  confidence: 'high',
  title: 'Cloud SQL instance authorizes 0.0.0.0/0',
  description:
    'An authorized network of 0.0.0.0/0 on an instance with a public IP lets any address on the internet connect to the database port.',
  severity: 'high',
  remediation:
    'Remove the 0.0.0.0/0 authorized network; use private IP (private_network) or the Cloud SQL Auth Proxy.',
  cwe: ['CWE-284'],
  references: ['https://cloud.google.com/sql/docs/mysql/authorize-networks'],
  resourceTypes: ['google_sql_database_instance'],
  check(resource) {
    const hits: TerraformHit[] = [];
    for (const settings of resource.blocks('settings'))
      for (const ip of settings.blocks('ip_configuration'))
        for (const network of ip.blocks('authorized_networks')) {
          const value = network.attribute('value');
          if (
            value &&
            stringsOf(value.value).some((cidr) => cidr === '0.0.0.0/0' || cidr === '::/0')
          )
            hits.push(
              settingHit(value, `${resource.address} accepts connections from any address`),
            );
        }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "google_sql_database_instance" "main" {\n  database_version = "MYSQL_8_0"\n  settings {\n    tier = "db-f1-micro"\n    ip_configuration {\n      ipv4_enabled = true\n      authorized_networks {\n        name  = "all"\n        value = "0.0.0.0/0"\n      }\n    }\n  }\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "google_sql_database_instance" "main" {\n  database_version = "MYSQL_8_0"\n  settings {\n    tier = "db-f1-micro"\n    ip_configuration {\n      ipv4_enabled = true\n      authorized_networks {\n        name  = "office"\n        value = "203.0.113.0/24"\n      }\n    }\n  }\n}\n',
      },
    },
  },
};

const AZURE_DATABASE_SERVERS = [
  'azurerm_mssql_server',
  'azurerm_sql_server',
  'azurerm_postgresql_server',
  'azurerm_postgresql_flexible_server',
  'azurerm_mysql_server',
  'azurerm_mysql_flexible_server',
  'azurerm_mariadb_server',
  'azurerm_cosmosdb_account',
  'azurerm_redis_cache',
];

export const azureDatabasePublicNetworkAccess: TerraformRule = {
  id: 'tf-azure-db-public-network-access',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure database server reachable over public network',
  description:
    'public_network_access_enabled = true exposes the server endpoint on the internet, guarded only by its firewall rules and credentials. Only the explicit setting is reported (the provider default differs per resource).',
  severity: 'medium',
  remediation:
    'Set public_network_access_enabled = false and connect through a private endpoint or VNet integration.',
  cwe: ['CWE-284'],
  references: ['https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings'],
  resourceTypes: AZURE_DATABASE_SERVERS,
  check(resource) {
    const attribute = resource.attribute('public_network_access_enabled');
    return attribute && isTrue(attribute.value)
      ? [settingHit(attribute, `${resource.address} enables public network access`)]
      : [];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_mssql_server" "main" {\n  name                          = "sql"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.2"\n  public_network_access_enabled = true\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_mssql_server" "main" {\n  name                          = "sql"\n  resource_group_name           = "rg"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.2"\n  public_network_access_enabled = false\n}\n',
      },
    },
  },
};

export const azureDatabaseFirewallOpen: TerraformRule = {
  id: 'tf-azure-db-firewall-open',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure database firewall rule allows every address',
  description:
    'A firewall rule from 0.0.0.0 to 255.255.255.255 admits the whole internet to the database server. (0.0.0.0–0.0.0.0 is the separate "allow Azure services" switch and is not reported.)',
  severity: 'high',
  remediation: 'Limit start_ip_address/end_ip_address to the addresses that need access.',
  cwe: ['CWE-284'],
  references: ['https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure'],
  resourceTypes: [
    'azurerm_mssql_firewall_rule',
    'azurerm_sql_firewall_rule',
    'azurerm_postgresql_firewall_rule',
    'azurerm_postgresql_flexible_server_firewall_rule',
    'azurerm_mysql_firewall_rule',
    'azurerm_mysql_flexible_server_firewall_rule',
    'azurerm_mariadb_firewall_rule',
  ],
  check(resource) {
    const start = resource.attribute('start_ip_address');
    if (start?.value === '0.0.0.0' && resource.value('end_ip_address') === '255.255.255.255')
      return [
        {
          message: `${resource.address} allows 0.0.0.0 to 255.255.255.255`,
          range: resource.range,
          evidence: 'start_ip_address = "0.0.0.0", end_ip_address = "255.255.255.255"',
        },
      ];
    return [];
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_mssql_firewall_rule" "all" {\n  name             = "all"\n  server_id        = "id"\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_mssql_firewall_rule" "office" {\n  name             = "office"\n  server_id        = "id"\n  start_ip_address = "203.0.113.1"\n  end_ip_address   = "203.0.113.254"\n}\n',
      },
    },
  },
};
