/** Monitoring, logging, error-tracking, analytics, feature-flag and CDN credentials. */
import { crc32 } from '../checks/crc32.js';
import type { SecretRule } from '../rule.js';
import { assignedTo, keyedPattern } from './keyedPattern.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ANY_CASE_UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const NEW_RELIC_KEYS = 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/';
const SENTRY_TOKENS = 'https://docs.sentry.io/account/auth-tokens/';
const GRAFANA_SERVICE_ACCOUNTS =
  'https://grafana.com/docs/grafana/latest/administration/service-accounts/';

/** The JSON object encoded in base64 `data`, or undefined. */
function base64Json(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `sntrys_<base64 JSON with the org slug>_<secret>`. */
function isSentryOrgToken(token: string): boolean {
  const payload = token.slice('sntrys_'.length, token.lastIndexOf('_'));
  return typeof base64Json(payload)?.org === 'string';
}

/** Legacy Grafana API keys are the base64 of `{"k":…,"n":…,"id":…}`. */
function isGrafanaApiKey(token: string): boolean {
  const payload = base64Json(token);
  return typeof payload?.k === 'string' && 'n' in payload && 'id' in payload;
}

/** Grafana Cloud tokens are `glc_` + the base64 of a JSON object. */
function isGrafanaCloudToken(token: string): boolean {
  return base64Json(token.slice('glc_'.length)) !== undefined;
}

/**
 * `glsa_<32 random>_<checksum>`, the checksum being the CRC-32 of `glsa_<32 random>` as
 * little-endian hex (Grafana's satokengen).
 */
function hasGrafanaChecksum(token: string): boolean {
  const body = token.slice(0, token.lastIndexOf('_'));
  const crc = crc32(body);
  const littleEndian = [crc, crc >>> 8, crc >>> 16, crc >>> 24]
    .map((byte) => (byte & 0xff).toString(16).padStart(2, '0'))
    .join('');
  return littleEndian === token.slice(body.length + 1);
}

export const observabilityRules: SecretRule[] = [
  {
    id: 'datadog-api-key',
    title: 'Datadog API key',
    description: 'Submits metrics, logs and events to the Datadog organization.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['datadog', 'dd_api', 'dd-api', 'ddapi'],
    pattern: keyedPattern(['datadog', 'dd_api_key', 'dd_apikey'], '[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: ['https://docs.datadoghq.com/account_management/api-app-keys/'],
    examples: {
      match: [
        'DD_API_KEY=51508b734d61db16dd4832c4f2286a2a',
        'datadog_api_key: "0fbf43f5a0760d7bfbdc2395c52c908f"',
      ],
      noMatch: ['DD_SITE=datadoghq.eu', 'DATADOG_CLIENT_TOKEN=pube47a33084ec32293ce34a4b8d631df47'],
    },
  },
  {
    id: 'datadog-app-key',
    title: 'Datadog application key',
    description:
      'With an API key, reads and changes the Datadog organization as the user who made it: ' +
      'dashboards, monitors, logs.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['datadog', 'dd_app', 'dd-app', 'ddapp'],
    pattern: keyedPattern(
      ['datadog_app', 'datadog_application', 'dd_app_key', 'dd_application_key'],
      '[0-9a-f]{40}',
    ),
    minEntropy: 3.2,
    references: ['https://docs.datadoghq.com/account_management/api-app-keys/'],
    examples: {
      match: [
        'DD_APP_KEY=21886f13dd04f56a3b7b0d8f652981b7ee2c818c',
        'DATADOG_APPLICATION_KEY="92498b003f4dda502e3a021eca8ecd025b819cc2"',
      ],
      noMatch: ['DD_APP_KEY=9b9a60abc669e50c2022e8efc8c4f225'],
    },
  },
  {
    id: 'newrelic-user-api-key',
    title: 'New Relic user API key',
    description: 'Calls NerdGraph and the REST API as the user: reads data and changes config.',
    severity: 'high',
    confidence: 'high',
    keywords: ['nrak-'],
    pattern: /\b(NRAK-[A-Z0-9]{27})\b/,
    minEntropy: 3.5,
    references: [NEW_RELIC_KEYS],
    examples: {
      match: ['NEW_RELIC_API_KEY=NRAK-MWJ2V298G6U4NNFHS03UNCA17YD'],
      noMatch: ['NEW_RELIC_API_KEY=NRAK-SHORT'],
    },
  },
  {
    id: 'newrelic-admin-api-key',
    title: 'New Relic admin API key (legacy)',
    description: 'Calls the legacy REST API with admin rights over the New Relic account.',
    severity: 'high',
    confidence: 'high',
    keywords: ['nraa-'],
    pattern: /\b(NRAA-[0-9a-f]{27})\b/,
    minEntropy: 3.2,
    references: [NEW_RELIC_KEYS],
    examples: {
      match: ['NEW_RELIC_ADMIN_KEY=NRAA-151a4c4e18cffe9700461ee1e9b'],
      noMatch: ['NEW_RELIC_ADMIN_KEY=NRAA-short'],
    },
  },
  {
    id: 'newrelic-license-key',
    title: 'New Relic ingest license key',
    description: 'Reports metrics, events, logs and traces to the New Relic account.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['nral'],
    pattern: /\b((?:eu01xx[0-9a-f]{30}|[0-9a-f]{36})NRAL)\b/,
    minEntropy: 3.2,
    references: [NEW_RELIC_KEYS],
    examples: {
      match: [
        'NEW_RELIC_LICENSE_KEY=8ae03ad6bb16f04f19ff9442c983739c6685NRAL',
        'license_key: eu01xx34c0695a45356db632df0655faff8cNRAL',
      ],
      noMatch: ['NEW_RELIC_LICENSE_KEY=206b3d6908405e0edb4fNRAL'],
    },
  },
  {
    id: 'newrelic-insights-insert-key',
    title: 'New Relic Insights insert key',
    description: 'Inserts custom events into the New Relic account.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['nrii-'],
    pattern: /\b(NRII-[A-Za-z0-9_-]{32})(?![\w-])/,
    minEntropy: 3.5,
    references: [NEW_RELIC_KEYS],
    examples: {
      match: ['NEW_RELIC_INSERT_KEY=NRII-8coI1sed3vRNeVzLgEYyhd_4c-Trp4Wt'],
      noMatch: ['NEW_RELIC_INSERT_KEY=NRII-short'],
    },
  },
  {
    id: 'newrelic-insights-query-key',
    title: 'New Relic Insights query key',
    description: 'Runs NRQL queries over all the data of the New Relic account.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['nriq-'],
    pattern: /\b(NRIQ-[A-Za-z0-9_-]{32})(?![\w-])/,
    minEntropy: 3.5,
    references: [NEW_RELIC_KEYS],
    examples: {
      match: ['NEW_RELIC_QUERY_KEY=NRIQ-NmhU1uNDuR-GdoyOXpxUNTo-w78qOzLr'],
      noMatch: ['NEW_RELIC_QUERY_KEY=NRIQ-short'],
    },
  },
  {
    id: 'newrelic-browser-api-token',
    title: 'New Relic browser ingest token',
    description:
      'Reports browser monitoring data to the New Relic account; meant for web pages, but ' +
      'lets anyone inject fake data.',
    severity: 'low',
    confidence: 'high',
    keywords: ['nrjs-'],
    pattern: /\b(NRJS-[0-9a-f]{19})\b/,
    minEntropy: 3,
    references: [NEW_RELIC_KEYS],
    examples: {
      match: ['licenseKey: "NRJS-b6ae809036e1f1d8fad"'],
      noMatch: ['licenseKey: "NRJS-123"'],
    },
  },
  {
    id: 'sentry-org-token',
    title: 'Sentry organization auth token',
    description: 'Calls the Sentry API for the organization: uploads releases and source maps.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sntrys_'],
    pattern: /\b(sntrys_eyJ[A-Za-z0-9+/]{40,400}={0,2}_[A-Za-z0-9+/]{43})(?![A-Za-z0-9+/=])/,
    verify: isSentryOrgToken,
    references: [SENTRY_TOKENS],
    examples: {
      match: [
        'SENTRY_AUTH_TOKEN=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',
      ],
      noMatch: [
        // Right shape, but the payload is not a Sentry token's JSON.
        'SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MTk0MTIzNDUsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwidGVhbSI6IndlYiJ9_hvCGQLHadeFXqKTONx4DN35KqMJBO4lsMkV23CwXnlh',
      ],
    },
  },
  {
    id: 'sentry-user-token',
    title: 'Sentry user auth token',
    description: 'Calls the Sentry API as the user with the scopes the token was given.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sntryu_'],
    pattern: /\b(sntryu_[0-9a-f]{64})\b/,
    minEntropy: 3.5,
    references: [SENTRY_TOKENS],
    examples: {
      match: [
        'SENTRY_AUTH_TOKEN=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',
      ],
      noMatch: ['SENTRY_AUTH_TOKEN=sntryu_56943dc38790dc55c263a5b99c600411'],
    },
  },
  {
    id: 'sentry-auth-token',
    title: 'Sentry auth token (legacy format)',
    description: 'Calls the Sentry API as the user or integration that owns the token.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sentry'],
    pattern: keyedPattern(
      ['sentry_auth_token', 'sentry_token', 'sentry_api_token'],
      '[0-9a-f]{64}',
    ),
    minEntropy: 3.5,
    references: [SENTRY_TOKENS],
    examples: {
      match: ['SENTRY_AUTH_TOKEN=7a98a104ef733f6d4c40fc01a87537243fab98cdfe547b99e5766d3450eaa625'],
      noMatch: ['SENTRY_DSN=https://e17ebcf3d3016d2ccdded14f2899e9f5@o123.ingest.sentry.io/456'],
    },
  },
  {
    id: 'sentry-dsn-secret',
    title: 'Sentry DSN with secret key',
    description:
      'A legacy DSN that carries the project secret key; it submits events to the project and ' +
      'must not be shipped to clients.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['sentry'],
    pattern:
      /\bhttps?:\/\/[0-9a-f]{32}:(?<secret>[0-9a-f]{32})@[A-Za-z0-9.-]{1,100}(?::\d{1,5})?\/(?:[\w.-]{1,50}\/)?\d{1,12}\b/,
    minEntropy: 3.2,
    references: ['https://docs.sentry.io/concepts/key-terms/dsn-explainer/'],
    examples: {
      match: [
        'SENTRY_DSN=https://15e5038b9a9e375e6fa677db63969fe1:6b154db668a723a7900074b1d998e5d0@o139749.ingest.sentry.io/6085779',
      ],
      noMatch: [
        'SENTRY_DSN=https://59e51f159cd43be2dcac00593fcb87e1@o595761.ingest.sentry.io/1950499',
      ],
    },
  },
  {
    id: 'grafana-cloud-api-token',
    title: 'Grafana Cloud access policy token',
    description:
      'Calls Grafana Cloud APIs with the scopes of its access policy: metrics, logs, stacks.',
    severity: 'high',
    confidence: 'high',
    keywords: ['glc_'],
    pattern: /\b(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    verify: isGrafanaCloudToken,
    references: [
      'https://grafana.com/docs/grafana-cloud/account-management/authentication-and-permissions/access-policies/',
    ],
    examples: {
      match: [
        'GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiMzI4NTU0IiwibiI6InN0YWNrLTEyMy1obS1yZWFkLWRlcGxveSIsImsiOiIxV3k5RnVPcnJoZWtyNVcwb0Q0UjVDeGYiLCJtIjp7InIiOiJwcm9kLWV1LXdlc3QtMiJ9fQ==',
      ],
      noMatch: [
        'GRAFANA_CLOUD_TOKEN=glc_cQiV7GHOoj4dqc67BgqSfGxNspI4yQQLm1zeKCPalJwJaXY0pvEFXUMGM1i5',
      ],
    },
  },
  {
    id: 'grafana-service-account-token',
    title: 'Grafana service account token',
    description: 'Calls the Grafana HTTP API with the role of the service account.',
    severity: 'high',
    confidence: 'high',
    keywords: ['glsa_'],
    pattern: /\b(glsa_[A-Za-z0-9]{32}_[0-9a-f]{8})\b/,
    verify: hasGrafanaChecksum,
    references: [GRAFANA_SERVICE_ACCOUNTS],
    examples: {
      match: ['GRAFANA_TOKEN=glsa_mB5W3Y2YUlJEg19GMStC2OYxZrLsufal_f31916e3'],
      noMatch: [
        // Right shape, wrong checksum.
        'GRAFANA_TOKEN=glsa_rCHPLv8a1871GLQlkYMOr5yKqxFGL06Z_1a2b3c4d',
      ],
    },
  },
  {
    id: 'grafana-api-key',
    title: 'Grafana API key (legacy)',
    description: 'Calls the Grafana HTTP API with the role the key was given.',
    severity: 'high',
    confidence: 'high',
    keywords: ['eyjrijoi'],
    pattern: /\b(eyJrIjoi[A-Za-z0-9+/]{50,400}={0,2})(?![A-Za-z0-9+/=])/,
    verify: isGrafanaApiKey,
    references: [GRAFANA_SERVICE_ACCOUNTS],
    examples: {
      match: [
        'GRAFANA_API_KEY=eyJrIjoiQzlPblU1RlE0REJjWWRWN1JqbjZ0eEhLRlZ1S3RYQ28iLCJuIjoiZGVwbG95LWJvdCIsImlkIjoxfQ==',
      ],
      noMatch: [
        // A Power BI embed parameter shares the prefix but not the payload.
        'https://app.powerbi.com/view?r=eyJrIjoiYWMzYjlkMmItZTNhYy00MjA0LWJjZjMtMTA5MGI0YmJlZTFjIiwidCI6IjU0ODZhYmU2LWI2YzYtNGM4MC1hNDEyLWMxZTU4ZmFhNTg5NSIsImMiOjN9',
      ],
    },
  },
  {
    id: 'honeycomb-ingest-key',
    title: 'Honeycomb ingest key',
    description: 'Sends telemetry to a Honeycomb environment and may create datasets.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['hcaik_', 'hcxik_'],
    pattern: /\b(hc[ax]ik_[0-9a-z]{58})\b/,
    minEntropy: 3.8,
    references: ['https://docs.honeycomb.io/get-started/best-practices/api-keys/'],
    examples: {
      match: ['HONEYCOMB_API_KEY=hcaik_01o99l1l51h39mk3jrrnc2i5nzsc7wdg59q1i3fb9rylq2dauai9ivhcev'],
      noMatch: ['HONEYCOMB_API_KEY=hcaik_short'],
    },
  },
  {
    id: 'honeycomb-api-key',
    title: 'Honeycomb configuration or classic API key',
    description:
      'Sends data to Honeycomb and, depending on its permissions, manages boards and triggers.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['honeycomb'],
    pattern: keyedPattern(['honeycomb'], '(?:[A-Za-z0-9]{22}|[0-9a-f]{32})'),
    minEntropy: 3.5,
    references: ['https://docs.honeycomb.io/get-started/best-practices/api-keys/'],
    examples: {
      match: [
        'HONEYCOMB_API_KEY=OKxc5967pRkDPBZG6XReJk',
        'X-Honeycomb-Team: 5ec8ce6413184cfaeab0e9af1f60ddde',
      ],
      noMatch: ['HONEYCOMB_DATASET=checkout-service'],
    },
  },
  {
    id: 'pagerduty-api-key',
    title: 'PagerDuty REST API key',
    description:
      'Calls the PagerDuty REST API: reads and changes incidents, schedules and services.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['pagerduty', 'pager_duty', 'pager-duty', 'pd_api', 'pd_token'],
    pattern: keyedPattern(
      ['pagerduty', 'pager_duty', 'pd_api_key', 'pd_token'],
      '(?:u\\+)?[A-Za-z0-9_+-]{18,20}',
      '(?![\\w+-])',
    ),
    minEntropy: 3.5,
    references: ['https://support.pagerduty.com/main/docs/api-access-keys'],
    examples: {
      match: ['PAGERDUTY_API_KEY=Y8MypH2It6EjU207aApc', 'pagerduty_token: "u+OMMa5Y0ELaAEcfaI4U"'],
      noMatch: [
        'PAGERDUTY_SERVICE_ID=PABC123',
        'PAGERDUTY_API_KEY=r3p6raD2kosMECVfe4jMqSYbXOV6sSFA',
      ],
    },
  },
  {
    id: 'pagerduty-routing-key',
    title: 'PagerDuty Events integration (routing) key',
    description: 'Triggers, acknowledges and resolves incidents on a PagerDuty service.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['pagerduty', 'pager_duty', 'pager-duty', 'routing_key', 'routing-key'],
    pattern: keyedPattern(['pagerduty', 'pager_duty', 'routing_key'], '[A-Za-z0-9]{32}'),
    minEntropy: 3.5,
    references: ['https://developer.pagerduty.com/docs/events-api-v2/overview/'],
    examples: {
      match: [
        'PAGERDUTY_ROUTING_KEY=R0JEp2frJI7BLBfbYYizn0QhHjhP3x36',
        'routing_key: 7bdfed6a096f8f8a2a33978a36bf1f1d  # pagerduty',
      ],
      noMatch: ['PAGERDUTY_ROUTING_KEY=ALgUYgjjuvr71yHVDWVz'],
    },
  },
  {
    id: 'opsgenie-api-key',
    title: 'Opsgenie API key',
    description: 'Calls the Opsgenie API: creates and closes alerts, reads on-call schedules.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['opsgenie', 'geniekey', 'genie_key'],
    pattern: new RegExp(
      `(?:${assignedTo(['opsgenie', 'genie_key'])}|\\bGenieKey[ \\t]{1,5})(?<secret>${ANY_CASE_UUID})\\b`,
    ),
    minEntropy: 3.2,
    references: ['https://docs.opsgenie.com/docs/api-key-management'],
    examples: {
      match: [
        'OPSGENIE_API_KEY=32f8121a-964f-4e2c-88e2-278ad1ac5d1c',
        'Authorization: GenieKey 6608bddc-9f70-4bca-b645-44be01c3d1be',
      ],
      noMatch: ['OPSGENIE_API_URL=https://api.eu.opsgenie.com'],
    },
  },
  {
    id: 'splunk-hec-token',
    title: 'Splunk HTTP Event Collector token',
    description: 'Sends events into Splunk indexes through the HTTP Event Collector.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['splunk', 'hec_token', 'hec-token'],
    pattern: new RegExp(
      `(?:${assignedTo(['splunk', 'hec_token'])}|\\bSplunk[ \\t]{1,5})(?<secret>${ANY_CASE_UUID})\\b`,
    ),
    minEntropy: 3.2,
    references: [
      'https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector',
    ],
    examples: {
      match: [
        'SPLUNK_HEC_TOKEN=2979b2c3-9903-4157-8d3d-380460d258fd',
        'curl -H "Authorization: Splunk 70dc2d25-3dab-4399-b3ec-9c2ae589a153" https://hec:8088',
      ],
      noMatch: ['SPLUNK_INDEX=main'],
    },
  },
  {
    id: 'dynatrace-api-token',
    title: 'Dynatrace API or platform token',
    description: 'Calls the Dynatrace environment APIs with the scopes of the token.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dt0c', 'dt0s'],
    pattern: /\b(dt0[cs]\d{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b/,
    minEntropy: 4,
    references: [
      'https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens',
    ],
    examples: {
      match: [
        'DT_API_TOKEN=dt0c01.8XWDOU33J4IDHXLEC6GRDOY5.BVYF2RO3FOI624OCXONRY39M8Y6HI5FAXLIBU06UA4Z35JDARXL91YH9Y9UGARZ0',
      ],
      noMatch: ['DT_API_TOKEN=dt0c01.KZTJ70Q10IHKSO3N1BCSQEG6'],
    },
  },
  {
    id: 'rollbar-access-token',
    title: 'Rollbar access token',
    description: 'Posts items to, or reads and changes, a Rollbar project depending on its scope.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['rollbar'],
    pattern: keyedPattern(['rollbar'], '[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: ['https://docs.rollbar.com/reference/getting-started-1#authentication'],
    examples: {
      match: ['ROLLBAR_ACCESS_TOKEN=67761b4b96950a36d7bb592ba912565e'],
      noMatch: ['ROLLBAR_ENVIRONMENT=production'],
    },
  },
  {
    id: 'bugsnag-api-key',
    title: 'Bugsnag API key',
    description: 'Reports errors and uploads source maps to a Bugsnag project.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['bugsnag'],
    pattern: keyedPattern(['bugsnag'], '[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: ['https://docs.bugsnag.com/product/getting-started/'],
    examples: {
      match: ['BUGSNAG_API_KEY=ffd179a70bd224f6524fe5fcc02c80e3'],
      noMatch: ['BUGSNAG_RELEASE_STAGE=production'],
    },
  },
  {
    id: 'mezmo-ingestion-key',
    title: 'Mezmo (LogDNA) ingestion key',
    description: 'Sends logs to the Mezmo account.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['logdna', 'mezmo'],
    pattern: keyedPattern(['logdna', 'mezmo'], '[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: ['https://docs.mezmo.com/docs/ingestion-key'],
    examples: {
      match: [
        'LOGDNA_INGESTION_KEY=311dcd859247d3c9ff14afe2bd716774',
        'MEZMO_KEY: aa62818fd52d6bcdcc51a59bbd4cdbf3',
      ],
      noMatch: ['LOGDNA_HOSTNAME=web-1'],
    },
  },
  {
    id: 'loggly-customer-token',
    title: 'Loggly customer token',
    description: 'Sends logs to the Loggly account.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['loggly'],
    pattern: new RegExp(
      `(?:${assignedTo(['loggly'])}|loggly\\.com/(?:inputs|bulk)/)(?<secret>${UUID})\\b`,
    ),
    minEntropy: 3.2,
    references: [
      'https://documentation.solarwinds.com/en/success_center/loggly/content/admin/customer-token-authentication-token.htm',
    ],
    examples: {
      match: [
        'LOGGLY_TOKEN=23c2cfcf-67da-4874-9079-09853ae841ca',
        'https://logs-01.loggly.com/inputs/283e30b8-a87c-4524-820f-0f1e872aefda/tag/http/',
      ],
      noMatch: ['LOGGLY_SUBDOMAIN=acme'],
    },
  },
  {
    id: 'sumologic-access-key',
    title: 'Sumo Logic access key',
    description: 'With its access ID, calls the Sumo Logic APIs as the user who created it.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sumo'],
    pattern: keyedPattern(['sumo'], '[A-Za-z0-9]{64}'),
    minEntropy: 4,
    references: ['https://help.sumologic.com/docs/manage/security/access-keys/'],
    examples: {
      match: [
        'SUMO_ACCESS_KEY=XR12bdv3RhuaVlBE9PSr8dKgRqfwLtkVG4IDsqyTW6vPi087MJPhAhcrJBXZYmbQ',
        'sumologic_access_key = "Wqa2md2GFeicMU5TQKvb0BRPbPurGom7FxSBJsnvKZYSfU0Rzquxy08JENtV6L1p"',
      ],
      noMatch: ['SUMO_ACCESS_ID=suTCHi8ZFkPlnV'],
    },
  },
  {
    id: 'sumologic-http-source-url',
    title: 'Sumo Logic HTTP source URL',
    description: 'Sends logs and metrics into a Sumo Logic collector.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['sumologic.com/receiver/'],
    pattern:
      /sumologic\.com\/receiver\/v1\/(?:http|otlp)\/(?<secret>[A-Za-z0-9_=-]{40,200})(?![\w=-])/,
    minEntropy: 4,
    references: ['https://help.sumologic.com/docs/send-data/hosted-collectors/http-source/'],
    examples: {
      match: [
        'SUMO_URL=https://endpoint4.collection.sumologic.com/receiver/v1/http/cZM7gbl55LDmog9mKcycY2FR7p8nfusKHBSq9lLb11X1PBARjaOgFJ8PbPNjCWzLs4-DAEzpeeDyPYesFRoIwlVO6mLU6VbWfxc-til3FHWHY3DPTaz4NNa8==',
      ],
      noMatch: ['https://endpoint4.collection.sumologic.com/receiver/v1/http/'],
    },
  },
  {
    id: 'elastic-api-key',
    title: 'Elasticsearch or Elastic Cloud API key',
    description: 'Calls Elasticsearch or Elastic Cloud with the privileges of the key.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['elastic', 'es_api_key', 'es-api-key', 'esapikey'],
    pattern: keyedPattern(
      ['elastic_api_key', 'elasticsearch_api_key', 'es_api_key', 'elastic_cloud_api_key'],
      '[A-Za-z0-9+/]{40,100}={0,2}',
      '(?![A-Za-z0-9+/=])',
    ),
    minEntropy: 4,
    references: [
      'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-create-api-key.html',
    ],
    examples: {
      match: ['ELASTIC_API_KEY=3om+4hDjeYqQ1ETPb7JsfFX4MuZFPMUZya179Xbwv6S0jxhYEP83Vi6VGC=='],
      noMatch: ['ELASTIC_CLOUD_ID=deployment:dXMtZWFzdA', 'ES_API_KEY=short'],
    },
  },
  {
    id: 'algolia-admin-key',
    title: 'Algolia admin or write API key',
    description: 'Changes Algolia indices and settings, and manages the other API keys.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['algolia'],
    pattern: keyedPattern(
      ['algolia_admin', 'algolia_write', 'algolia_secret', 'algolia_api_key'],
      '[0-9a-f]{32}',
    ),
    minEntropy: 3.2,
    references: ['https://www.algolia.com/doc/guides/security/api-keys/'],
    examples: {
      match: [
        'ALGOLIA_ADMIN_KEY=7bbe1a54468623faae3703dde2d1b09c',
        'ALGOLIA_WRITE_API_KEY="87b9d77b18997d6266660c4e5297c169"',
      ],
      noMatch: ['ALGOLIA_SEARCH_KEY=903af5953b07f4d0c577d95799d94ac2', 'ALGOLIA_APP_ID=24TNVVACU3'],
    },
  },
  {
    id: 'segment-public-api-token',
    title: 'Segment Public API token',
    description: 'Manages the Segment workspace: sources, destinations and tracking plans.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sgp_'],
    pattern: /\b(sgp_[A-Za-z0-9]{64})\b/,
    minEntropy: 4,
    references: ['https://docs.segmentapis.com/tag/Getting-Started#section/Get-an-API-token'],
    examples: {
      match: [
        'SEGMENT_API_TOKEN=sgp_0o1Treoph8ysDtZ8qBYQNS22aSRTWjWb793LCZRPszFuozKRsyf0Advi5U5KJNSH',
      ],
      noMatch: ['SRC_ACCESS_TOKEN=sgp_bd60fa24af8965c5_36f6d3a83ccc17294ea3bf980fa68c3c7c46c167'],
    },
  },
  {
    id: 'segment-write-key',
    title: 'Segment write key',
    description: 'Sends tracking events to a Segment source; often public in web pages.',
    severity: 'low',
    confidence: 'medium',
    keywords: ['segment'],
    pattern: keyedPattern(['segment_write_key', 'segment_key'], '[A-Za-z0-9]{32}'),
    minEntropy: 3.5,
    references: ['https://segment.com/docs/connections/find-writekey/'],
    examples: {
      match: ['SEGMENT_WRITE_KEY=2z8N4IUK1zSzw74jJvQeumxhD7I7DLPK'],
      noMatch: ['SEGMENT_WRITE_KEY=short'],
    },
  },
  {
    id: 'mixpanel-api-secret',
    title: 'Mixpanel API secret',
    description: 'Exports and imports all the raw event data of the Mixpanel project.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['mixpanel'],
    pattern: keyedPattern(
      ['mixpanel_api_secret', 'mixpanel_secret', 'mixpanel_service_account_secret'],
      '[A-Za-z0-9]{32}',
    ),
    minEntropy: 3.5,
    references: ['https://docs.mixpanel.com/docs/orgs-and-projects/service-accounts'],
    examples: {
      match: ['MIXPANEL_API_SECRET=65eSDlNlt8fvH4G2l5ogyXij58F9DSOx'],
      noMatch: ['MIXPANEL_TOKEN=ce10e5acb51ff2e20d3f78b6ac19820d'],
    },
  },
  {
    id: 'amplitude-secret-key',
    title: 'Amplitude secret key',
    description: 'With the API key, exports the event data of the Amplitude project.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['amplitude'],
    pattern: keyedPattern(
      ['amplitude_secret', 'amplitude_api_secret', 'amplitude_secret_key'],
      '[0-9a-f]{32}',
    ),
    minEntropy: 3.2,
    references: ['https://amplitude.com/docs/apis/authentication'],
    examples: {
      match: ['AMPLITUDE_SECRET_KEY=a91bd56272d8cbf93ba997efdf0d905e'],
      noMatch: ['AMPLITUDE_API_KEY=4d7e0e2e3fad0af6420b93c470a5e698'],
    },
  },
  {
    id: 'launchdarkly-access-token',
    title: 'LaunchDarkly API access token',
    description: 'Calls the LaunchDarkly REST API: changes feature flags, targeting and members.',
    severity: 'high',
    confidence: 'high',
    keywords: ['launchdarkly', 'ld_access', 'ld_api'],
    pattern: new RegExp(`\\b(api-${UUID})\\b`),
    minEntropy: 3.2,
    references: ['https://docs.launchdarkly.com/home/account/api'],
    examples: {
      match: ['LAUNCHDARKLY_ACCESS_TOKEN=api-ba59b08a-aa7f-4744-bc58-77d78c60a270'],
      noMatch: ['LAUNCHDARKLY_ACCESS_TOKEN=api-123'],
    },
  },
  {
    id: 'launchdarkly-sdk-key',
    title: 'LaunchDarkly server-side SDK key',
    description: 'Reads all flag rules and targeting data of a LaunchDarkly environment.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['launchdarkly', 'ld_sdk'],
    pattern: new RegExp(`\\b(sdk-${UUID})\\b`),
    minEntropy: 3.2,
    references: ['https://docs.launchdarkly.com/sdk/concepts/client-side-server-side#keys'],
    examples: {
      match: ['LAUNCHDARKLY_SDK_KEY=sdk-aea9a3cc-a79b-4c13-9e45-9a63b5d04394'],
      noMatch: ['LAUNCHDARKLY_MOBILE_KEY=mob-634dbfd5-598a-40f1-9faa-373a6a59af97'],
    },
  },
  {
    id: 'postman-api-key',
    title: 'Postman API key',
    description: 'Calls the Postman API as the user: collections, environments and their secrets.',
    severity: 'high',
    confidence: 'high',
    keywords: ['pmak-'],
    pattern: /\b(PMAK-[0-9a-f]{24}-[0-9a-f]{34})\b/,
    minEntropy: 3.2,
    references: ['https://learning.postman.com/docs/developer/postman-api/authentication/'],
    examples: {
      match: ['POSTMAN_API_KEY=PMAK-06c72ea1d95e5a9822fb2640-c424d728c0448208ff7c5724f00bfceb9d'],
      noMatch: ['POSTMAN_API_KEY=PMAK-559977357a18083dae50f2c2'],
    },
  },
  {
    id: 'lokalise-api-token',
    title: 'Lokalise API token',
    description: 'Reads and changes the Lokalise projects and translations of the user.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['lokalise'],
    pattern: keyedPattern(['lokalise'], '[0-9a-f]{40}'),
    minEntropy: 3.2,
    references: ['https://developers.lokalise.com/reference/api-authentication'],
    examples: {
      match: ['LOKALISE_API_TOKEN=d06afcea04d9a13405b11fe4874bcb1085e0c572'],
      noMatch: ['LOKALISE_PROJECT_ID=9708260544'],
    },
  },
  {
    id: 'contentstack-token',
    title: 'Contentstack management or delivery token',
    description: 'Reads (delivery) or changes (management) the content of a Contentstack stack.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['contentstack'],
    pattern: keyedPattern(['contentstack'], 'cs[0-9a-f]{32}'),
    minEntropy: 3.2,
    references: [
      'https://www.contentstack.com/docs/developers/create-tokens/about-management-tokens',
    ],
    examples: {
      match: ['CONTENTSTACK_MANAGEMENT_TOKEN=csb317d470d366229268b768f24f9005b9'],
      noMatch: ['CONTENTSTACK_API_KEY=blt9581fc26dad37791'],
    },
  },
  {
    id: 'akamai-edgegrid-client-secret',
    title: 'Akamai EdgeGrid client secret',
    description: 'With the client and access tokens, signs Akamai API calls for the API client.',
    severity: 'high',
    confidence: 'high',
    keywords: ['akab-'],
    pattern: keyedPattern(['client_secret'], '[A-Za-z0-9+/]{43}=', '(?![A-Za-z0-9+/=])'),
    minEntropy: 4,
    references: ['https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials'],
    examples: {
      match: [
        '[default]\nclient_secret = oiJxFZg/Jf+Ur56oE2DEmeV5+3wPkOnY2Mw88ioTCgH=\nhost = akab-6q8tp2rj77e047jq-21purmi79gihl0rn.luna.akamaiapis.net\naccess_token = akab-9euuxyiov6852elp-s5p6dbisbazp6hm7',
      ],
      noMatch: [
        'client_secret = GJq9BsH8zDUdy2+nany7LPXimpMn829PiyOKg6F8kez=\n# no EdgeGrid host here',
      ],
    },
  },
  {
    id: 'akamai-edgegrid-access-token',
    title: 'Akamai EdgeGrid access token',
    description: 'With the client token and secret, calls Akamai APIs as the API client.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['akab-'],
    pattern: keyedPattern(['access_token', 'client_token'], 'akab-[a-z0-9]{16}-[a-z0-9]{16}'),
    minEntropy: 3.5,
    references: ['https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials'],
    examples: {
      match: ['access_token = akab-6luihrrei53nrewm-c37cpt71wlghln0h'],
      noMatch: ['host = akab-zjc4msl3bbrm37xz-kjqbxkw6f9bpwwzc.luna.akamaiapis.net'],
    },
  },
  {
    id: 'axiom-api-token',
    title: 'Axiom API or personal token',
    description: 'Ingests into and queries the datasets of the Axiom organization.',
    severity: 'high',
    confidence: 'high',
    keywords: ['xaat-', 'xapt-'],
    pattern: new RegExp(`\\b(xa[ap]t-${UUID})\\b`),
    minEntropy: 3.2,
    references: ['https://axiom.co/docs/reference/tokens'],
    examples: {
      match: [
        'AXIOM_TOKEN=xaat-e66dce88-b46b-4c41-89ff-74b36ecd799b',
        'AXIOM_PERSONAL_TOKEN=xapt-99146f8c-12fb-49b0-b037-de0d23861090',
      ],
      noMatch: ['AXIOM_TOKEN=xaat-123'],
    },
  },
  {
    id: 'betterstack-source-token',
    title: 'Better Stack (Logtail) source token',
    description: 'Sends logs into a Better Stack Telemetry source.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['logtail', 'betterstack', 'better_stack', 'better-stack'],
    pattern: keyedPattern(['logtail', 'betterstack', 'better_stack'], '[A-Za-z0-9]{24}'),
    minEntropy: 3.5,
    references: ['https://betterstack.com/docs/logs/start/'],
    examples: {
      match: [
        'LOGTAIL_SOURCE_TOKEN=MOr8LckOblM6PKZhXQjOgQLB',
        'BETTER_STACK_SOURCE_TOKEN: IGd4y6o3BUnxdWH8G8GlMpfv',
      ],
      noMatch: ['LOGTAIL_SOURCE_TOKEN=short'],
    },
  },
];
