import type { Severity } from '@vigil/core';
import { UNKNOWN, type HclValue } from '../evaluateHcl.js';
import { isTrue, stringsOf, type TerraformBlock } from '../terraformBlock.js';
import type { CloudProvider } from '../../rule.js';
import type { TerraformHit, TerraformRule } from '../terraformRule.js';

/** Remote administration: open to the internet, these are brute-forced within minutes. */
const ADMIN_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
]);
/** Database servers, which should only ever be reached from inside the network. */
const DATABASE_PORTS: ReadonlyMap<number, string> = new Map([
  [1433, 'SQL Server'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
]);

const AWS_OPEN = new Set(['0.0.0.0/0', '::/0']);
const AZURE_OPEN = new Set(['*', '0.0.0.0/0', '0.0.0.0', 'internet', 'any', '::/0']);

interface PortRange {
  from: number;
  to: number;
}

const ALL_PORTS: PortRange = { from: 0, to: 65535 };

function toPort(value: HclValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** `"22"`, `"8000-8100"` or `"*"`; undefined when not a port expression. */
function parsePortSpec(spec: string): PortRange | undefined {
  const text = spec.trim();
  if (text === '*') return ALL_PORTS;
  const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Number(match[2]) };
}

function exposed(ranges: PortRange[], ports: ReadonlyMap<number, string>): string[] {
  return [...ports]
    .filter(([port]) => ranges.some((range) => range.from <= port && port <= range.to))
    .map(([port, name]) => `${String(port)} (${name})`);
}

/** AWS ingress: `protocol`/`ip_protocol` and `from_port`/`to_port`; `-1` means every port. */
function awsPortRanges(block: TerraformBlock, protocolName: string): PortRange[] | undefined {
  const protocol = block.value(protocolName);
  if (typeof protocol !== 'string' && typeof protocol !== 'number') return undefined;
  const name = String(protocol).toLowerCase();
  if (name === '-1' || name === 'all') return [ALL_PORTS];
  if (name !== 'tcp' && name !== '6') return [];
  const from = toPort(block.value('from_port'));
  const to = toPort(block.value('to_port'));
  if (from === undefined || to === undefined) return undefined;
  return [{ from, to }];
}

type PortFamily = 'admin' | 'database';

function awsCheck(ports: ReadonlyMap<number, string>) {
  return (resource: TerraformBlock & { type: string; address: string }): TerraformHit[] => {
    const candidates: { block: TerraformBlock; cidrs: string[]; protocol: string }[] = [];
    switch (resource.type) {
      case 'aws_security_group':
        for (const ingress of resource.blocks('ingress'))
          candidates.push({
            block: ingress,
            cidrs: ['cidr_blocks', 'ipv6_cidr_blocks'],
            protocol: 'protocol',
          });
        break;
      case 'aws_security_group_rule':
        if (resource.value('type') === 'ingress')
          candidates.push({
            block: resource,
            cidrs: ['cidr_blocks', 'ipv6_cidr_blocks'],
            protocol: 'protocol',
          });
        break;
      case 'aws_vpc_security_group_ingress_rule':
        candidates.push({
          block: resource,
          cidrs: ['cidr_ipv4', 'cidr_ipv6'],
          protocol: 'ip_protocol',
        });
        break;
    }
    const hits: TerraformHit[] = [];
    for (const { block, cidrs, protocol } of candidates) {
      const open = cidrs
        .map((name) => block.attribute(name))
        .find(
          (attribute) => attribute && stringsOf(attribute.value).some((cidr) => AWS_OPEN.has(cidr)),
        );
      if (!open) continue;
      const ranges = awsPortRanges(block, protocol);
      const found = ranges ? exposed(ranges, ports) : [];
      if (found.length === 0) continue;
      const cidr = stringsOf(open.value).find((value) => AWS_OPEN.has(value)) ?? '';
      hits.push({
        message: `${resource.address} allows ${cidr} to port ${found.join(', ')}`,
        range: block.range,
        evidence: `${open.name} = ${cidr}; ports ${found.join(', ')}`,
      });
    }
    return hits;
  };
}

function gcpCheck(ports: ReadonlyMap<number, string>) {
  return (resource: TerraformBlock & { address: string }): TerraformHit[] => {
    const direction = resource.value('direction');
    if (direction !== undefined && direction !== 'INGRESS') return [];
    if (isTrue(resource.value('disabled')) || resource.value('disabled') === UNKNOWN) return [];
    const sources = resource.attribute('source_ranges');
    const cidr = stringsOf(sources?.value).find((value) => AWS_OPEN.has(value));
    if (!sources || cidr === undefined) return [];
    const ranges: PortRange[] = [];
    for (const allow of resource.blocks('allow')) {
      const protocol = allow.value('protocol');
      if (protocol !== 'tcp' && protocol !== 'all' && protocol !== '6') continue;
      const list = allow.value('ports');
      if (list === undefined || protocol === 'all') {
        ranges.push(ALL_PORTS);
        continue;
      }
      for (const spec of stringsOf(list).concat(
        Array.isArray(list) ? list.filter((p) => typeof p === 'number').map(String) : [],
      )) {
        const range = parsePortSpec(spec);
        if (range) ranges.push(range);
      }
    }
    const found = exposed(ranges, ports);
    if (found.length === 0) return [];
    return [
      {
        message: `${resource.address} allows ${cidr} to port ${found.join(', ')}`,
        range: sources.range,
        evidence: `source_ranges = ${cidr}; ports ${found.join(', ')}`,
      },
    ];
  };
}

function azureRuleHit(
  rule: TerraformBlock,
  address: string,
  ports: ReadonlyMap<number, string>,
): TerraformHit | undefined {
  const lower = (name: string) => {
    const value = rule.value(name);
    return typeof value === 'string' ? value.toLowerCase() : undefined;
  };
  if (lower('direction') !== 'inbound' || lower('access') !== 'allow') return undefined;
  const protocol = lower('protocol');
  if (protocol !== 'tcp' && protocol !== '*' && protocol !== 'asterisk') return undefined;
  const source = ['source_address_prefix', 'source_address_prefixes']
    .map((name) => rule.attribute(name))
    .find(
      (attribute) =>
        attribute && stringsOf(attribute.value).some((v) => AZURE_OPEN.has(v.toLowerCase())),
    );
  if (!source) return undefined;
  const specs = [
    ...stringsOf(rule.value('destination_port_range')),
    ...stringsOf(rule.value('destination_port_ranges')),
  ];
  const ranges = specs.map(parsePortSpec).filter((range) => range !== undefined);
  const found = exposed(ranges, ports);
  if (found.length === 0) return undefined;
  const prefix = stringsOf(source.value).find((v) => AZURE_OPEN.has(v.toLowerCase())) ?? '';
  return {
    message: `${address} allows ${prefix} to port ${found.join(', ')}`,
    range: rule.range,
    evidence: `${source.name} = ${prefix}; ports ${found.join(', ')}`,
  };
}

function azureCheck(ports: ReadonlyMap<number, string>) {
  return (resource: TerraformBlock & { type: string; address: string }): TerraformHit[] => {
    const rules =
      resource.type === 'azurerm_network_security_group'
        ? resource.blocks('security_rule')
        : [resource];
    return rules
      .map((rule) => azureRuleHit(rule, resource.address, ports))
      .filter((hit) => hit !== undefined);
  };
}

const FAMILY: Record<
  PortFamily,
  { ports: ReadonlyMap<number, string>; severity: Severity; what: string }
> = {
  admin: { ports: ADMIN_PORTS, severity: 'critical', what: 'remote administration (SSH/RDP)' },
  database: { ports: DATABASE_PORTS, severity: 'high', what: 'database' },
};

const PROVIDER_TEXT: Record<
  CloudProvider,
  { noun: string; fix: string; reference: string; types: string[] }
> = {
  aws: {
    noun: 'Security group',
    fix: 'Restrict cidr_blocks to known networks (a VPN or bastion range), or reach instances through SSM Session Manager / a private subnet instead.',
    reference: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    types: ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  },
  gcp: {
    noun: 'Firewall rule',
    fix: 'Restrict source_ranges to known networks, or use Identity-Aware Proxy TCP forwarding (35.235.240.0/20) for administration.',
    reference: 'https://cloud.google.com/firewall/docs/firewalls',
    types: ['google_compute_firewall'],
  },
  azure: {
    noun: 'Network security rule',
    fix: 'Restrict source_address_prefix to known networks, or use Azure Bastion / just-in-time VM access.',
    reference:
      'https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview',
    types: ['azurerm_network_security_rule', 'azurerm_network_security_group'],
  },
};

const EXAMPLES: Record<CloudProvider, (port: number, source: string) => string> = {
  aws: (port, cidr) =>
    `resource "aws_security_group" "web" {\n  name = "web"\n\n  ingress {\n    from_port   = ${String(port)}\n    to_port     = ${String(port)}\n    protocol    = "tcp"\n    cidr_blocks = ["${cidr}"]\n  }\n}\n`,
  gcp: (port, cidr) =>
    `resource "google_compute_firewall" "ssh" {\n  name          = "allow"\n  network       = "default"\n  source_ranges = ["${cidr}"]\n\n  allow {\n    protocol = "tcp"\n    ports    = ["${String(port)}"]\n  }\n}\n`,
  azure: (port, source) =>
    `resource "azurerm_network_security_rule" "allow" {\n  name                        = "allow"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "Tcp"\n  source_port_range           = "*"\n  destination_port_range      = "${String(port)}"\n  source_address_prefix       = "${source}"\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "nsg"\n}\n`,
};

const PRIVATE_SOURCE: Record<CloudProvider, string> = {
  aws: '10.0.0.0/16',
  gcp: '10.0.0.0/16',
  azure: 'VirtualNetwork',
};
const OPEN_SOURCE: Record<CloudProvider, string> = {
  aws: '0.0.0.0/0',
  gcp: '0.0.0.0/0',
  azure: '*',
};

function openPortRule(provider: CloudProvider, family: PortFamily): TerraformRule {
  const { ports, severity, what } = FAMILY[family];
  const text = PROVIDER_TEXT[provider];
  const port = family === 'admin' ? 22 : 5432;
  const check =
    provider === 'aws' ? awsCheck(ports) : provider === 'gcp' ? gcpCheck(ports) : azureCheck(ports);
  const portList = [...ports].map(([p, name]) => `${String(p)} (${name})`).join(', ');
  return {
    id: `tf-${provider}-${family === 'admin' ? 'admin' : 'database'}-port-open`,
    target: 'terraform',
    provider,
    confidence: 'high',
    title: `${text.noun} opens ${what} ports to the internet`,
    description: `Ingress from 0.0.0.0/0 or ::/0 (any address) to ${portList} exposes the service to internet-wide scanning, credential stuffing and exploits of the service itself.`,
    severity,
    remediation: text.fix,
    cwe: ['CWE-284'],
    references: [text.reference],
    resourceTypes: text.types,
    check: (resource) => check(resource),
    examples: {
      vulnerable: { files: { 'main.tf': EXAMPLES[provider](port, OPEN_SOURCE[provider]) } },
      compliant: { files: { 'main.tf': EXAMPLES[provider](port, PRIVATE_SOURCE[provider]) } },
    },
  };
}

export const openPortRules: readonly TerraformRule[] = (['aws', 'gcp', 'azure'] as const).flatMap(
  (provider) => [openPortRule(provider, 'admin'), openPortRule(provider, 'database')],
);
