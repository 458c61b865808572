import type { TerraformBlock } from '../terraformBlock.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';
import { settingHit } from './settingHit.js';

/**
 * Elastic Load Balancing predefined security policies that still negotiate TLS 1.0 or 1.1
 * (from the ALB/NLB/Classic ELB security policy tables). Newer names encode the minimum version
 * (`TLS13-1-0`, `TLS-1-1`, `FS-1-1`), matched by pattern so new variants of them are caught too.
 */
const AWS_LEGACY_POLICIES = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-2015-03',
  'ELBSecurityPolicy-2015-02',
  'ELBSecurityPolicy-2014-10',
  'ELBSecurityPolicy-2014-01',
  'ELBSecurityPolicy-2011-08',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSample-ELBDefaultCipherPolicy',
  'ELBSample-OpenSSLDefaultCipherPolicy',
]);
const AWS_OLD_MINIMUM = /^ELBSecurityPolicy-(?:TLS13-|TLS-|FS-)1-[01]-/;

export function awsPolicyAllowsOldTls(name: string): boolean {
  return AWS_LEGACY_POLICIES.has(name) || AWS_OLD_MINIMUM.test(name);
}

const CLOUDFRONT_OLD = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);

export const awsWeakTlsPolicy: TerraformRule = {
  id: 'tf-aws-weak-tls-policy',
  provider: 'aws',
  target: 'terraform',
  confidence: 'high',
  title: 'Load balancer or CDN TLS policy allows TLS 1.0/1.1',
  description:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996): they lack modern AEAD cipher suites and are disallowed by PCI DSS. A listener security policy, CloudFront minimum protocol version or API Gateway security policy that still offers them lets clients (and downgrade attackers) use them.',
  severity: 'medium',
  remediation:
    'Use ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or a newer TLS 1.2+ policy), CloudFront minimum_protocol_version = "TLSv1.2_2021" and API Gateway security_policy = "TLS_1_2".',
  cwe: ['CWE-326', 'CWE-327'],
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
    'https://www.rfc-editor.org/rfc/rfc8996',
  ],
  resourceTypes: [
    'aws_lb_listener',
    'aws_alb_listener',
    'aws_load_balancer_policy',
    'aws_cloudfront_distribution',
    'aws_api_gateway_domain_name',
  ],
  check(resource) {
    const hits: TerraformHit[] = [];
    const policy = resource.attribute('ssl_policy');
    if (policy && typeof policy.value === 'string' && awsPolicyAllowsOldTls(policy.value))
      hits.push(
        settingHit(policy, `${resource.address} uses ${policy.value}, which allows TLS 1.0/1.1`),
      );
    for (const attribute of resource.blocks('policy_attribute')) {
      const value = attribute.attribute('value');
      if (
        attribute.value('name') === 'Reference-Security-Policy' &&
        value &&
        typeof value.value === 'string' &&
        awsPolicyAllowsOldTls(value.value)
      )
        hits.push(
          settingHit(
            value,
            `${resource.address} references ${value.value}, which allows TLS 1.0/1.1`,
          ),
        );
    }
    for (const certificate of resource.blocks('viewer_certificate')) {
      const minimum = certificate.attribute('minimum_protocol_version');
      if (minimum && typeof minimum.value === 'string' && CLOUDFRONT_OLD.has(minimum.value))
        hits.push(settingHit(minimum, `${resource.address} accepts viewers on ${minimum.value}`));
    }
    const security = resource.attribute('security_policy');
    if (security?.value === 'TLS_1_0')
      hits.push(settingHit(security, `${resource.address} allows TLS 1.0`));
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "aws_lb_listener" "https" {\n  load_balancer_arn = "arn"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-2016-08"\n  certificate_arn   = "arn"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn"\n  }\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "aws_lb_listener" "https" {\n  load_balancer_arn = "arn"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = "arn"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn"\n  }\n}\n',
      },
    },
  },
};

export const gcpWeakSslPolicy: TerraformRule = {
  id: 'tf-gcp-weak-ssl-policy',
  provider: 'gcp',
  target: 'terraform',
  confidence: 'high',
  title: 'Load balancer SSL policy allows TLS 1.0/1.1 or weak cipher suites',
  description:
    'google_compute_ssl_policy defaults to min_tls_version TLS_1_0 and profile COMPATIBLE, which offers TLS 1.0/1.1 and CBC/SHA-1 cipher suites. The defaults are reported too, since they are what the load balancer will use.',
  severity: 'medium',
  remediation: 'Set min_tls_version = "TLS_1_2" and profile = "MODERN" (or "RESTRICTED").',
  cwe: ['CWE-326', 'CWE-327'],
  references: ['https://cloud.google.com/load-balancing/docs/ssl-policies-concepts'],
  resourceTypes: ['google_compute_ssl_policy'],
  check(resource) {
    const hits: TerraformHit[] = [];
    const minimum = resource.attribute('min_tls_version');
    if (minimum === undefined)
      hits.push({
        message: `${resource.address} does not set min_tls_version (the default is TLS_1_0)`,
        range: resource.headerRange,
        evidence: 'min_tls_version omitted',
      });
    else if (minimum.value === 'TLS_1_0' || minimum.value === 'TLS_1_1')
      hits.push(settingHit(minimum, `${resource.address} allows ${minimum.value}`));
    const profile = resource.attribute('profile');
    if (profile === undefined)
      hits.push({
        message: `${resource.address} does not set profile (the default is COMPATIBLE)`,
        range: resource.headerRange,
        evidence: 'profile omitted',
      });
    else if (profile.value === 'COMPATIBLE')
      hits.push(settingHit(profile, `${resource.address} uses the COMPATIBLE profile`));
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "google_compute_ssl_policy" "web" {\n  name            = "web"\n  profile         = "MODERN"\n  min_tls_version = "TLS_1_0"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "google_compute_ssl_policy" "web" {\n  name            = "web"\n  profile         = "MODERN"\n  min_tls_version = "TLS_1_2"\n}\n',
      },
    },
  },
};

const AZURE_OLD_TLS = new Set(['TLS1_0', 'TLS1_1', '1.0', '1.1', 'TLSv1_0', 'TLSv1_1']);
const AZURE_OLD_GATEWAY_POLICIES = new Set(['AppGwSslPolicy20150501', 'AppGwSslPolicy20170401']);

function azureTlsHits(block: TerraformBlock, address: string, names: string[]): TerraformHit[] {
  const hits: TerraformHit[] = [];
  for (const name of names) {
    const attribute = block.attribute(name);
    if (attribute && typeof attribute.value === 'string' && AZURE_OLD_TLS.has(attribute.value))
      hits.push(settingHit(attribute, `${address} allows TLS below 1.2 (${attribute.value})`));
  }
  return hits;
}

export const azureTlsBelow12: TerraformRule = {
  id: 'tf-azure-tls-below-1-2',
  provider: 'azure',
  target: 'terraform',
  confidence: 'high',
  title: 'Azure service accepts TLS 1.0/1.1',
  description:
    'A minimum TLS version of 1.0 or 1.1 (storage accounts, SQL servers, Redis, App Service, PostgreSQL/MySQL) or an Application Gateway SSL policy that allows them keeps deprecated protocol versions (RFC 8996) available to clients and downgrade attackers.',
  severity: 'medium',
  remediation:
    'Set the minimum TLS version to 1.2 (min_tls_version = "TLS1_2", minimum_tls_version = "1.2"), and use AppGwSslPolicy20220101 or min_protocol_version = "TLSv1_2" on Application Gateways.',
  cwe: ['CWE-326', 'CWE-327'],
  references: [
    'https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version',
    'https://learn.microsoft.com/en-us/azure/application-gateway/application-gateway-ssl-policy-overview',
  ],
  resourceTypes: [
    'azurerm_storage_account',
    'azurerm_mssql_server',
    'azurerm_redis_cache',
    'azurerm_postgresql_server',
    'azurerm_mysql_server',
    'azurerm_app_service',
    'azurerm_linux_web_app',
    'azurerm_windows_web_app',
    'azurerm_function_app',
    'azurerm_linux_function_app',
    'azurerm_windows_function_app',
    'azurerm_application_gateway',
  ],
  check(resource) {
    const hits = azureTlsHits(resource, resource.address, [
      'min_tls_version',
      'minimum_tls_version',
      'ssl_minimal_tls_version_enforced',
    ]);
    for (const site of resource.blocks('site_config'))
      hits.push(
        ...azureTlsHits(site, resource.address, ['minimum_tls_version', 'min_tls_version']),
      );
    for (const policy of resource.blocks('ssl_policy')) {
      hits.push(...azureTlsHits(policy, resource.address, ['min_protocol_version']));
      const name = policy.attribute('policy_name');
      if (name && typeof name.value === 'string' && AZURE_OLD_GATEWAY_POLICIES.has(name.value))
        hits.push(
          settingHit(name, `${resource.address} uses ${name.value}, which allows TLS below 1.2`),
        );
    }
    return hits;
  },
  examples: {
    vulnerable: {
      files: {
        'main.tf':
          'resource "azurerm_storage_account" "main" {\n  name                     = "acct"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n  min_tls_version          = "TLS1_0"\n}\n',
      },
    },
    compliant: {
      files: {
        'main.tf':
          'resource "azurerm_storage_account" "main" {\n  name                     = "acct"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n  min_tls_version          = "TLS1_2"\n}\n',
      },
    },
  },
};
