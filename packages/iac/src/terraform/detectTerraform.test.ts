import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectTerraform, detectTerraformModule } from './detectTerraform.js';
import type { IacExample } from '../rule.js';
import { terraformRules } from './rules/index.js';

/** The one file of a rule example; `rules.test.ts` scans the same examples through the scanner. */
function mainTf(example: IacExample): string {
  const text = example.files['main.tf'];
  assert.ok(text !== undefined && Object.keys(example.files).length === 1);
  return text;
}

function ruleIds(text: string): string[] {
  const { findings, warnings } = detectTerraform(text, 'main.tf');
  assert.deepEqual(warnings, []);
  return findings.map((finding) => finding.ruleId).sort();
}

test('every rule has complete metadata and a unique id', () => {
  const ids = new Set<string>();
  for (const rule of terraformRules) {
    assert.match(rule.id, /^tf-(aws|gcp|azure)-[a-z0-9-]+$/);
    assert.ok(!ids.has(rule.id), `duplicate ${rule.id}`);
    ids.add(rule.id);
    assert.ok(rule.title && rule.description && rule.remediation, rule.id);
    assert.ok(rule.cwe.length > 0 && rule.cwe.every((cwe) => /^CWE-\d+$/.test(cwe)), rule.id);
    assert.ok(
      rule.references.length > 0 && rule.references.every((url) => url.startsWith('https://')),
    );
    assert.ok(rule.resourceTypes.length > 0);
  }
  for (const provider of ['aws', 'gcp', 'azure'])
    assert.ok(terraformRules.filter((rule) => rule.provider === provider).length >= 8, provider);
});

for (const rule of terraformRules) {
  test(`${rule.id}: the vulnerable example gives exactly this rule, its compliant twin none`, () => {
    assert.deepEqual(ruleIds(mainTf(rule.examples.vulnerable)), [`iac/${rule.id}`]);
    assert.deepEqual(ruleIds(mainTf(rule.examples.compliant)), []);
  });
}

test('findings carry the core shape: location, fingerprint, evidence, metadata', () => {
  const { findings } = detectTerraform(
    'resource "aws_s3_bucket" "site" {\n  bucket = "site"\n  acl    = "public-read-write"\n}\n',
    'infra/s3.tf',
  );
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.ok(finding);
  assert.equal(finding.ruleId, 'iac/tf-aws-s3-public-acl');
  assert.equal(finding.scanner, 'iac');
  assert.equal(finding.severity, 'high');
  assert.deepEqual(finding.location, {
    kind: 'file',
    path: 'infra/s3.tf',
    startLine: 3,
    startColumn: 3,
    endLine: 3,
    endColumn: 31,
  });
  assert.equal(finding.evidence?.redacted, 'acl = "public-read-write"');
  assert.match(finding.message, /aws_s3_bucket\.site/);
  assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
  // Moving the block does not change the fingerprint.
  const moved = detectTerraform(
    '\n\n# moved\nresource "aws_s3_bucket" "site" {\n  acl = "public-read-write"\n}\n',
    'infra/s3.tf',
  );
  assert.equal(moved.findings[0]?.fingerprint, finding.fingerprint);
});

test('variables with defaults and locals are resolved; unknowns never fire', () => {
  const open = `variable "ssh" {\n  default = 22\n}\nlocals {\n  anywhere = ["0.0.0.0/0"]\n}\nresource "aws_security_group" "a" {\n  ingress {\n    from_port   = var.ssh\n    to_port     = var.ssh\n    protocol    = "tcp"\n    cidr_blocks = local.anywhere\n  }\n}\n`;
  assert.deepEqual(ruleIds(open), ['iac/tf-aws-admin-port-open']);
  const unknownPort = open.replace('default = 22', 'type = number');
  assert.deepEqual(ruleIds(unknownPort), []);
  const unknownCidr = `resource "aws_security_group" "a" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = var.allowed\n  }\n}\n`;
  assert.deepEqual(ruleIds(unknownCidr), []);
  const dynamic = `resource "aws_security_group" "a" {\n  dynamic "ingress" {\n    for_each = var.rules\n    content {\n      from_port   = ingress.value.port\n      to_port     = ingress.value.port\n      protocol    = "tcp"\n      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n`;
  assert.deepEqual(ruleIds(dynamic), []);
  const conditional = `variable "public" {\n  default = true\n}\nresource "aws_db_instance" "db" {\n  storage_encrypted   = true\n  publicly_accessible = var.public ? true : false\n}\n`;
  assert.deepEqual(ruleIds(conditional), ['iac/tf-aws-rds-public']);
});

test('security group variants: all protocols, port ranges, IPv6, separate rule resources', () => {
  const sg = (ingress: string) =>
    `resource "aws_security_group" "a" {\n  ingress {\n${ingress}\n  }\n}\n`;
  assert.deepEqual(
    ruleIds(sg('from_port = 0\nto_port = 0\nprotocol = "-1"\ncidr_blocks = ["0.0.0.0/0"]')),
    ['iac/tf-aws-admin-port-open', 'iac/tf-aws-database-port-open'],
  );
  assert.deepEqual(
    ruleIds(sg('from_port = 3300\nto_port = 3400\nprotocol = "tcp"\nipv6_cidr_blocks = ["::/0"]')),
    ['iac/tf-aws-admin-port-open', 'iac/tf-aws-database-port-open'],
  );
  assert.deepEqual(
    ruleIds(sg('from_port = 443\nto_port = 443\nprotocol = "tcp"\ncidr_blocks = ["0.0.0.0/0"]')),
    [],
  );
  assert.deepEqual(
    ruleIds(sg('from_port = 22\nto_port = 22\nprotocol = "udp"\ncidr_blocks = ["0.0.0.0/0"]')),
    [],
  );
  assert.deepEqual(
    ruleIds(
      'resource "aws_security_group_rule" "r" {\n  type = "ingress"\n  from_port = 6379\n  to_port = 6379\n  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\nresource "aws_security_group_rule" "e" {\n  type = "egress"\n  from_port = 0\n  to_port = 0\n  protocol = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n',
    ),
    ['iac/tf-aws-database-port-open'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "aws_vpc_security_group_ingress_rule" "r" {\n  security_group_id = "sg"\n  cidr_ipv6 = "::/0"\n  from_port = 3389\n  to_port = 3389\n  ip_protocol = "tcp"\n}\n',
    ),
    ['iac/tf-aws-admin-port-open'],
  );
});

test('GCP firewall and Azure NSG variants', () => {
  assert.deepEqual(
    ruleIds(
      'resource "google_compute_firewall" "f" {\n  name = "f"\n  network = "n"\n  source_ranges = ["0.0.0.0/0"]\n  allow {\n    protocol = "tcp"\n  }\n}\n',
    ),
    ['iac/tf-gcp-admin-port-open', 'iac/tf-gcp-database-port-open'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "google_compute_firewall" "f" {\n  name = "f"\n  network = "n"\n  direction = "EGRESS"\n  source_ranges = ["0.0.0.0/0"]\n  allow {\n    protocol = "tcp"\n    ports = ["22"]\n  }\n}\n',
    ),
    [],
  );
  assert.deepEqual(
    ruleIds(
      'resource "google_compute_firewall" "f" {\n  name = "f"\n  network = "n"\n  source_ranges = ["0.0.0.0/0"]\n  allow {\n    protocol = "tcp"\n    ports = ["1000-2000"]\n  }\n}\n',
    ),
    ['iac/tf-gcp-database-port-open'],
  );
  const nsg = `resource "azurerm_network_security_group" "g" {\n  name = "g"\n  location = "l"\n  resource_group_name = "rg"\n\n  security_rule {\n    name = "rdp"\n    priority = 100\n    direction = "Inbound"\n    access = "Allow"\n    protocol = "*"\n    source_port_range = "*"\n    destination_port_ranges = ["80", "3389"]\n    source_address_prefix = "Internet"\n    destination_address_prefix = "*"\n  }\n\n  security_rule {\n    name = "deny"\n    priority = 200\n    direction = "Inbound"\n    access = "Deny"\n    protocol = "*"\n    source_port_range = "*"\n    destination_port_range = "*"\n    source_address_prefix = "*"\n    destination_address_prefix = "*"\n  }\n}\n`;
  assert.deepEqual(ruleIds(nsg), ['iac/tf-azure-admin-port-open']);
});

test('IAM wildcard policies in every form', () => {
  const heredoc = `resource "aws_iam_role_policy" "p" {\n  role = "r"\n  policy = <<-EOF\n    {\n      "Version": "2012-10-17",\n      "Statement": {\n        "Effect": "Allow",\n        "Action": ["*"],\n        "Resource": "*"\n      }\n    }\n    EOF\n}\n`;
  assert.deepEqual(ruleIds(heredoc), ['iac/tf-aws-iam-wildcard-policy']);
  const document = `data "aws_iam_policy_document" "admin" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n`;
  assert.deepEqual(ruleIds(document), ['iac/tf-aws-iam-wildcard-policy']);
  const deny = document.replace('statement {', 'statement {\n    effect = "Deny"');
  assert.deepEqual(ruleIds(deny), []);
  const scoped = document.replace('resources = ["*"]', 'resources = ["arn:aws:s3:::b/*"]');
  assert.deepEqual(ruleIds(scoped), []);
  const unknown = `resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.admin.json\n}\n`;
  assert.deepEqual(ruleIds(unknown), []);
});

test('public storage variants: ACL grants, IAM bindings and policies', () => {
  assert.deepEqual(
    ruleIds(
      'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"\n      }\n      permission = "READ"\n    }\n    owner {\n      id = "x"\n    }\n  }\n}\n',
    ),
    ['iac/tf-aws-s3-public-acl'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "google_storage_bucket_iam_binding" "b" {\n  bucket = "b"\n  role = "roles/storage.objectViewer"\n  members = ["user:a@example.com", "allAuthenticatedUsers"]\n}\n',
    ),
    ['iac/tf-gcp-storage-public-access'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "google_storage_bucket_iam_policy" "p" {\n  bucket = "b"\n  policy_data = jsonencode({ bindings = [{ role = "roles/storage.objectViewer", members = ["allUsers"] }] })\n}\n',
    ),
    ['iac/tf-gcp-storage-public-access'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "b"\n  block_public_acls = true\n}\n',
    ),
    ['iac/tf-aws-s3-public-access-block-disabled'],
  );
});

test('TLS policy variants', () => {
  assert.deepEqual(
    ruleIds(
      'resource "aws_lb_listener" "l" {\n  ssl_policy = "ELBSecurityPolicy-TLS13-1-1-2021-06"\n}\n',
    ),
    ['iac/tf-aws-weak-tls-policy'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "aws_lb_listener" "l" {\n  ssl_policy = "ELBSecurityPolicy-FS-1-2-Res-2020-10"\n}\n',
    ),
    [],
  );
  assert.deepEqual(
    ruleIds(
      'resource "aws_cloudfront_distribution" "d" {\n  viewer_certificate {\n    minimum_protocol_version = "TLSv1_2016"\n  }\n}\n',
    ),
    ['iac/tf-aws-weak-tls-policy'],
  );
  assert.deepEqual(ruleIds('resource "google_compute_ssl_policy" "p" {\n  name = "p"\n}\n'), [
    'iac/tf-gcp-weak-ssl-policy',
    'iac/tf-gcp-weak-ssl-policy',
  ]);
  assert.deepEqual(
    ruleIds(
      'resource "azurerm_application_gateway" "g" {\n  ssl_policy {\n    policy_type = "Predefined"\n    policy_name = "AppGwSslPolicy20170401"\n  }\n}\n',
    ),
    ['iac/tf-azure-tls-below-1-2'],
  );
  assert.deepEqual(
    ruleIds(
      'resource "azurerm_linux_web_app" "w" {\n  site_config {\n    minimum_tls_version = "1.1"\n  }\n}\n',
    ),
    ['iac/tf-azure-tls-below-1-2'],
  );
});

test('modules: variables resolve across files, tfvars override defaults', () => {
  const files = [
    { path: 'infra/variables.tf', text: 'variable "acl" {\n  default = "private"\n}\n' },
    {
      path: 'infra/main.tf',
      text: 'resource "aws_s3_bucket" "b" {\n  acl = var.acl\n}\n',
    },
    { path: 'other/main.tf', text: 'resource "aws_s3_bucket" "c" {\n  acl = var.acl\n}\n' },
    { path: 'other/variables.tf', text: 'variable "acl" {\n  default = "public-read"\n}\n' },
    { path: 'README.md', text: 'not terraform' },
  ];
  const result = detectTerraformModule(files);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(
    result.findings.map((finding) => [
      finding.ruleId,
      finding.location.kind === 'file' && finding.location.path,
    ]),
    [['iac/tf-aws-s3-public-acl', 'other/main.tf']],
  );
  // On its own, infra/main.tf cannot know var.acl.
  assert.deepEqual(detectTerraform(files[1]?.text ?? '', 'infra/main.tf').findings, []);
  const withTfvars = detectTerraformModule([
    ...files.slice(0, 2),
    { path: 'infra/terraform.tfvars', text: 'acl = "public-read"\n' },
  ]);
  assert.equal(withTfvars.findings.length, 1);
  assert.equal(
    withTfvars.findings[0]?.location.kind === 'file' && withTfvars.findings[0].location.path,
    'infra/main.tf',
  );
});

test('syntax errors become warnings and the rest of the file is still checked', () => {
  const { findings, warnings } = detectTerraform(
    'resource "aws_s3_bucket" "broken" {\n  acl = "public-read\n}\n\nresource "aws_ebs_volume" "v" {\n  size = 1\n}\n',
    'main.tf',
  );
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]?.message ?? '', /^HCL syntax error: unterminated string/);
  assert.equal(warnings[0]?.line, 2);
  assert.deepEqual(
    findings.map((finding) => finding.ruleId),
    ['iac/tf-aws-ebs-unencrypted'],
  );
  const module = detectTerraformModule([{ path: 'm/x.tf', text: 'a = [' }]);
  assert.equal(module.warnings[0]?.path, 'm/x.tf');
});
