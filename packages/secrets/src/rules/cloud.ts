import type { SecretRule } from '../rule.js';

/**
 * Cloud and hosting providers: IAM keys, service-account keys, connection strings and platform
 * API tokens. Keyword-proximity rules (a provider name, then `=`/`:` and a value) are
 * case-insensitive and entropy-gated; prefixed tokens are matched exactly.
 */

const AWS_KEYS_DOCS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';
const AZURE_STORAGE_KEYS_DOCS =
  'https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage';

/** The storage emulator's (Azurite's) and the Cosmos DB emulator's published keys. */
const azureEmulatorKeys = [
  /^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq\/K1SZFPTOtr\/KBHBeksoGMGw==$/,
  /^C2y6yDjf5\/R\+ob0N8A7Cgv30VRDJIWEHLM\+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw\/Jw==$/,
];

export const cloudRules: SecretRule[] = [
  // Amazon Web Services
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    description:
      'Identifies a long-term (AKIA) or temporary (ASIA) IAM access key; with its secret key it ' +
      'acts as the IAM user or role.',
    severity: 'high',
    confidence: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    minEntropy: 3,
    references: [AWS_KEYS_DOCS],
    examples: {
      match: ['AWS_ACCESS_KEY_ID=AKIAIRYIKSX7HZDSHZ2A', 'aws_access_key_id = ASIA6G3WWFL77XSPNNYI'],
      noMatch: [
        'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
        // 0, 1, 8 and 9 are not in the base32 alphabet of key IDs.
        'id: AKIA0123456789ABCDEF',
        'AKIAZGEYZ247IOXU',
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    description: 'Signs AWS API requests as the IAM user or role that owns the access key.',
    severity: 'critical',
    confidence: 'medium',
    // Both alternatives of the pattern contain `secret`, a far rarer word than `aws`.
    keywords: ['secret'],
    pattern:
      /(?:aws[\w.-]{0,20}?secret|secret_?access_?key)[\w.-]{0,20}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9/+]{40})(?![\w+/=-])/i,
    minEntropy: 4,
    references: [AWS_KEYS_DOCS],
    examples: {
      match: [
        'aws_secret_access_key = Vd7fRXqtLhFhYweZe2Toy/R7ALwqrm1PIx24vCIr',
        'export AWS_SECRET_ACCESS_KEY="OYiVCNzb0eDp/vk+3fQZ8tffegAn7G8F95kR2y/F"',
        '"SecretAccessKey": "CLXKDlTDHcLunwLxU5HBcA5Nc2u44NDdqbVoSO66",',
      ],
      noMatch: [
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}',
        'aws_secret_access_key = abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd',
        'aws_secret_access_key = bynsSMV7YACcOU8TEH3Kxv/F0nkSvwYJelnQskI',
      ],
    },
  },
  {
    id: 'aws-session-token',
    title: 'AWS temporary session token',
    description:
      'Completes a temporary STS credential; with its key pair it acts as the assumed role ' +
      'until it expires.',
    severity: 'high',
    confidence: 'high',
    keywords: ['iqojb3jpz2lux2vj', 'fwogzxivyxdze', 'fqogzxivyxdze'],
    pattern: /\b((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9/+=]{100,2048})/,
    minEntropy: 4,
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html',
    ],
    examples: {
      match: [
        'AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEHHekR2jKg4cbnISC7oLZ8JV6PTDo7YxkQ51l81eQRrdK1NvXqfIydo6j2FQjmsngJY8s6PTdCclIrIlkbIqiisPgP3nj/Abn0jJiTHYrxXTQHZCUrWfoiSVdvQV8QG5A4nDoQ6d9no5H/ps2uyZ95/buNSxyK3eeji8XIRy36KPgLa5sLHnpQ86LBlk9L9CfurFZLFp2Csz7ya1QSoEPOIS+J91vHpkbIsXtEg1i3YEcK+9lPdab+u9yK+YNzSxXmxc5OxuT2lzRcOk/0EvVpF6ZIJ/0Px50nCrTEgXBp2SueqyRokNFjLWjV4+g9Inr',
        'aws_session_token = FwoGZXIvYXdzE/zJKMlNlkwiVh1fmT5Z/Nc3HOThciHxNFh3uehiti15jRrDzBBS8SJrM19wW1RU1mtYnOU0NtdtM5W5BPFKvwtGDtUF/BdXXg55vm+QcDeQ1JmyuY+ntJk55yqQR4bzF/IPN5AOi0d09bI7doeLCK5mjmU4qeUcqK3H+o3EzOYifdklmOnQ1Tj7zp2JnG2cyKGBJQvOt8QcGDm0xnc1fCfJ/S3vwQ4eznSSY0LHr6XceLh2ghzKO0WgM6rL08hf8D2hmGAJyr1wXNxbXqa7rr1JK',
      ],
      noMatch: ['AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEVLdfUIZvjMXXr+hKbrMU9nTV2NOdv4A0doElX0iY'],
    },
  },
  {
    id: 'aws-mws-auth-token',
    title: 'Amazon MWS auth token',
    description: 'Lets a developer call Amazon Marketplace Web Service on behalf of a seller.',
    severity: 'high',
    confidence: 'high',
    keywords: ['amzn.mws.'],
    pattern: /\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/,
    references: ['https://developer-docs.amazon.com/sp-api/docs/migrating-mws-apps'],
    examples: {
      match: ['MWS_AUTH_TOKEN=amzn.mws.f8fe8ad6-d992-7023-9416-674d9e33c27c'],
      noMatch: ['MWS_AUTH_TOKEN=amzn.mws.92761371-5da6'],
    },
  },
  {
    id: 'aws-bedrock-api-key',
    title: 'Amazon Bedrock long-term API key',
    description:
      'Calls Amazon Bedrock models as the IAM user the key belongs to, until it expires.',
    severity: 'high',
    confidence: 'high',
    keywords: ['absk'],
    pattern: /\b(ABSK[A-Za-z0-9+/]{109,269}={0,2})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html'],
    examples: {
      match: [
        'AWS_BEARER_TOKEN_BEDROCK=ABSKhQ6LguxNLZvkspDdbeilszjqpYgiVpuqesRg3tSP1sbDc3vCEIfoH1ZMONvmfGnQHKpKswzbQe1VJL+Fqd6Gq9eq3fA3OJxOU1FICb1FabqjqLZFSut/Bk1V1MpH8NS6+VbH',
      ],
      noMatch: [
        'AWS_BEARER_TOKEN_BEDROCK=ABSKUH2scJEWbIIGaE4eHrjDX7Kon5oXWVAPRE7UtxVlGDuBb/fclvNw8Q3uZsm/',
      ],
    },
  },
  {
    id: 'aws-bedrock-short-term-api-key',
    title: 'Amazon Bedrock short-term API key',
    description: 'A presigned Bedrock bearer token: calls Bedrock models for up to 12 hours.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['bedrock-api-key-'],
    pattern:
      /\b(bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{40,4096}={0,2})(?![A-Za-z0-9+/=])/,
    references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html'],
    examples: {
      match: [
        'AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t4tT1afsanjYVQeC93Pp/VLnk47E81cmdQwwcPx0RFfKJuFJDMKJMFacRg8bZO3ZaLRh+TzfV8P8suASq0mIuEPq5OC5vWqUFhYjLmYHonAZlTzgkJM6y47hNduoa7ejXCk0/dMbCrDUDL7WaFU+wE74NOVFl/8Q9MK5nbWxxv6MN/j++e+Z1go5pMS8HL1lzFa4WPHDTsoZAQfrXD8PfAWe6p5dunmI2uiOMRbEaYwq+5yAs00NoaJ8NKcUAVMPFX/7Lo7yQeyEHsF0ge72ynC03usPUxmwJNAwBZ6zBPsSN9yyStSDK4k4sM1Q3Nmz8vrpPkN3N+2ocKO+HyWnJGXnIbdrvXIqASjzG+uQKT492BSkod/RkGPba5s+Edy3iTS0c0n3KN8PEj+4hu9t+mvA6YAg0v4OGFK6JUdFLyDaMkRGHb7jZsfQBqtuNz96XHtxhe4MuVkuZu+KVJM+XPcUTUj35/2+U0v7JR26qKX0evJ/sLOjhKW1yvIY0q1Hp3GtEraZYgQ3o9DC3kLNoIvxazmtaoRVRspPzMOFYH3Hq7C5SUs6oJA0p7WAa3lQOVHrP+yLmhW/bZeRBCQrTCMEl',
      ],
      noMatch: ['token = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t"'],
    },
  },
  {
    id: 'aws-appsync-api-key',
    title: 'AWS AppSync API key',
    description: 'Calls an AppSync GraphQL API that allows API-key authorization.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['da2-'],
    pattern: /\b(da2-[a-z0-9]{26})\b/,
    minEntropy: 3.5,
    references: ['https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html'],
    examples: {
      match: ['"aws_appsync_apiKey": "da2-vgedtjo006g8ngdcoydr7l32lu"'],
      noMatch: ['"aws_appsync_apiKey": "da2-ad1b1vuqym1q34oqijrq"'],
    },
  },

  // Google Cloud and Firebase
  {
    id: 'gcp-service-account-key',
    title: 'Google Cloud service account key',
    description:
      'The private key of a Google Cloud service account: acts as that account with every IAM ' +
      'role it holds.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['private_key_id'],
    // The same span as the PEM rule for this key, so the two findings merge into this one.
    pattern:
      /"private_key_id"\s{0,10}:\s{0,10}"[0-9a-f]{40}"\s{0,10},\s{0,10}"private_key"\s{0,10}:\s{0,10}"(-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\s\\]{32,16384}-----END PRIVATE KEY-----)/,
    scope: 'file',
    references: ['https://cloud.google.com/iam/docs/keys-create-delete'],
    examples: {
      match: [
        '{"type": "service_account", "project_id": "billing-prod-4821", "private_key_id": "f821afa7744571be0b2400a6456f90c17793809c", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC8zIZzwsDK8fBb\\nYeUOxZCZOsGVHZkHOX9+5N5AMU8qHquIWbMg4S1A9vMiQMxe04mTGM7cS0ukUwF0\\n1M2sydFf2xwkR9PqWtF8GrK9fSW/Rnqorx7+E2CXfvvxyUoEBK0r6CFt4KjgLhq3\\n-----END PRIVATE KEY-----\\n", "client_email": "deployer@billing-prod-4821.iam.gserviceaccount.com"}',
      ],
      noMatch: [
        '{"private_key_id": "14b2f720b99235dfb3fc6378491dac1a3fc7aa4c", "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"}',
      ],
    },
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key',
    description:
      'Calls the Google APIs enabled for its project, billed to that project, unless the key is ' +
      'restricted.',
    severity: 'high',
    confidence: 'high',
    keywords: ['aiza'],
    pattern: /(?<![\w-])(AIza[0-9A-Za-z_-]{35})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://cloud.google.com/docs/authentication/api-keys'],
    examples: {
      match: [
        'GOOGLE_API_KEY=AIzaNNc91Z5_HxqtqmeBzkGCKkufBmoAKwBL2je',
        "const mapsKey = 'AIzaTJHzjjTdM7RC3PfBMIxe2UyR-NcrOAU_wlT';",
      ],
      noMatch: [
        'GOOGLE_API_KEY=AIzaZmWRHDXM3Ogx5Krs99C-TNpL_Hzc2Z',
        'key=AIzamqSoeCXmZrrgJMdf6oWykTPL0VxI9EmlA1YJHA9J',
      ],
    },
  },
  {
    id: 'gcp-oauth-client-secret',
    title: 'Google OAuth client secret',
    description: 'Authenticates an OAuth client to Google, letting others impersonate the app.',
    severity: 'high',
    confidence: 'high',
    keywords: ['gocspx-'],
    pattern: /(?<![\w-])(GOCSPX-[0-9A-Za-z_-]{28})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://developers.google.com/identity/protocols/oauth2'],
    examples: {
      match: ['"client_secret": "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"'],
      noMatch: ['"client_secret": "GOCSPX-R3psPvkgarr64QOCRBUR"'],
    },
  },
  {
    id: 'gcp-oauth-access-token',
    title: 'Google OAuth access token',
    description: 'Calls Google APIs with the scopes granted to it, for about an hour.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['ya29.'],
    pattern: /(?<![\w.-])(ya29\.(?:[0-9A-Za-z_-]|\.(?=[0-9A-Za-z_-])){20,2048})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://developers.google.com/identity/protocols/oauth2'],
    examples: {
      match: [
        'Authorization: Bearer ya29.a0cYjhrKyOJyRoNo0iepSmuY3hfT8uhy2O9PbeEGQb5h5zdlT0jRlZiw24a1t1rWGLzDQz5_tlDzzP4t5PBBmfo_QYFOyydQrKX5fmnzUVyAQm76bezNUGbJVX',
        'token = "ya29.c.b04_07R40leYVo_0SWIVui0Y8Qk4JOZoEkiSinKD7FIbRoHy2JNB1za_k_7g-qnO4Hjv66bBXb9ASfiSPWvsjXv-1q-FDB2RrFoJxR2Aj8CD10Qm9L2FrVkXo5SmaotifNMQ8VWBu2waeL6jw1MBEfQK"',
      ],
      noMatch: ['Authorization: Bearer ya29.short'],
    },
  },
  {
    id: 'gcp-oauth-refresh-token',
    title: 'Google OAuth refresh token',
    description: 'Mints new Google access tokens for the user and scopes it was granted for.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['1//0'],
    pattern: /(?<![\w/])(1\/\/0[0-9A-Za-z_-]{40,400})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://developers.google.com/identity/protocols/oauth2'],
    examples: {
      match: [
        '"refresh_token": "1//0XMxXkfMCDzVKt0wVU6Oe67IdO4qTmbPnWL-QI_zOPP1rS0y8Kn68LlTebHBaoToEygbde6rwWfX5FyGRUoBixithYJeOy1N703B"',
      ],
      noMatch: ['"refresh_token": "1//00pFj6glmq2tLdmJtCmrZ"', 'https://1//0host'],
    },
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    title: 'Firebase Cloud Messaging legacy server key',
    description: 'Sends push notifications to every installation of the Firebase project’s apps.',
    severity: 'high',
    confidence: 'high',
    keywords: [':apa91b'],
    pattern: /\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![\w-])/,
    references: ['https://firebase.google.com/docs/cloud-messaging/auth-server'],
    examples: {
      match: [
        'FCM_SERVER_KEY=AAAAGlCrAiE:APA91brrQNnaP_ohnd-Facx5xe-NRQyfJDCadHb_OtRGkGTWksFmsL-wDmfaG_rRsAOXxnIqn0DN9-yfBTC2PwehNXqnHb1q-AbHcZA0riV4RPL8Hg8Nr_nIXBCO5q_He8kxpQjH1GEM',
      ],
      noMatch: ['FCM_SERVER_KEY=AAAAs6MhFAE:APA91bH6dAJ75h84f9vjA1ebA8CueKixw9HB70fz_uGyOO'],
    },
  },

  // Microsoft Azure
  {
    id: 'azure-cosmos-db-key',
    title: 'Azure Cosmos DB account key',
    description: 'Reads and writes every database and container of the Cosmos DB account.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['documents.azure.com'],
    pattern:
      /AccountEndpoint=https:\/\/[\w-]{1,64}\.documents\.azure\.com(?::\d{1,5})?\/?;AccountKey=([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/,
    allow: azureEmulatorKeys,
    references: ['https://learn.microsoft.com/en-us/azure/cosmos-db/secure-access-to-data'],
    examples: {
      match: [
        'COSMOS_CONNECTION="AccountEndpoint=https://orders-prod.documents.azure.com:443/;AccountKey=93G7lvhLfPOO2ENl7lM88vmUSQxIdIJm26KUZgRJNLmpYSolNWtgSeyTS2+1SmqYSRv0aMgCQpYb6wSikKpCPK==;"',
      ],
      noMatch: [
        'COSMOS_CONNECTION="AccountEndpoint=https://orders-prod.documents.azure.com:443/;AccountKey=pTna2PmQpEvYNUHhnJZMXtV35GdzCuJ7ZxBlZXv5==;"',
      ],
    },
  },
  {
    id: 'azure-storage-account-key',
    title: 'Azure Storage account key',
    description:
      'Full control of the storage account: every blob, file share, queue and table, and the ' +
      'right to sign SAS tokens.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['accountkey='],
    pattern: /\b[Aa]ccount[Kk]ey=([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/,
    allow: azureEmulatorKeys,
    references: [AZURE_STORAGE_KEYS_DOCS],
    examples: {
      match: [
        'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeinvoices;AccountKey=9pQs2n7ayKHOhJ7DTHn5oF9Wg+NIeMeZ0AW8lHrvNu0sYrU1kzWV0pwFgEwEt6uTtnoakIZjWZkfPHp20fcPZG==;EndpointSuffix=core.windows.net"',
      ],
      noMatch: [
        'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
        'AccountName=acmeinvoices;AccountKey=ykEY+cqdBpeSUUOkRhNTIy/VOacKx46H9Dld9KzI==',
      ],
    },
  },
  {
    id: 'azure-sas-token',
    title: 'Azure shared access signature',
    description:
      'A signed URL query that grants the listed permissions on a storage account, container or ' +
      'blob until it expires.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sig='],
    pattern:
      /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>#]{0,400}?\bsig=((?:[A-Za-z0-9+/]|%2[BbFf]){43}(?:=|%3[Dd]))/,
    references: ['https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview'],
    examples: {
      match: [
        'https://acmeinvoices.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-03-01T00:00:00Z&st=2025-03-01T00:00:00Z&spr=https&sig=dsWxkDoDx6i4bT49N2uPrDIj7mq9pn4rYHoK4ULfbEP%3D',
        'BLOB_SAS="?sv=2021-06-08&sr=c&sp=racwdl&sig=J+epA2ReZQD+AN1BZ7TbvT2xyG3qNx4A7d/t5zD6GmX="',
      ],
      noMatch: [
        'https://acmeinvoices.blob.core.windows.net/exports?sv=2022-11-02&sp=r&sig=<signature>',
        'https://example.org/avatar.png?size=64&sig=450e0cbee0c4dd00',
      ],
    },
  },
  {
    id: 'azure-entra-client-secret',
    title: 'Microsoft Entra ID client secret',
    description:
      'Authenticates as an app registration (service principal) with every permission granted ' +
      'to it.',
    severity: 'high',
    confidence: 'high',
    keywords: ['q~'],
    pattern: /(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
    minEntropy: 3.5,
    references: [
      'https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials',
    ],
    examples: {
      match: [
        'AZURE_CLIENT_SECRET=COd8Q~Ss0RBKyXlLOI7Vhwoa1O_hW71eVEex8jsy',
        '"clientSecret": "Vww7Q~ToNjHeWroI.jf95gZ0GrDshfpiiPY51bCX"',
      ],
      noMatch: [
        'client_secret=bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        'https://cdn.example.net/tos-cn-i-k3u1fbpfcp/6a9e704af49b4380bb686f0c96d33b81~tplv-k3u1fbpfcp-watermark.image',
      ],
    },
  },
  {
    id: 'azure-devops-pat',
    title: 'Azure DevOps personal access token',
    description:
      'Acts as the user on Azure DevOps (repos, pipelines, artifacts, boards) within the token’s ' +
      'scopes.',
    severity: 'high',
    confidence: 'high',
    keywords: ['azdo'],
    // Identifiable format: 52 random characters, the JQQJ signature, then AZDO at offset 76.
    pattern:
      /(?<![A-Za-z0-9])([A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{20}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])/,
    references: [
      'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    ],
    examples: {
      match: [
        'AZURE_DEVOPS_EXT_PAT=rwhXLdTXr8OLibf3yqP0gF212hD0bkEXSTxOGbijFsZ271hHniXeJQQJ99BCACAAAAAAAAAAAAASAZDOVANt',
      ],
      noMatch: [
        'AZURE_DEVOPS_EXT_PAT=Nnk39HQeqaQq0PiOmMSPBbAI70s1N5MlAq0t5bwsJQQJ99BCACAAAAAAAAAAAAASAZDOffrx',
      ],
    },
  },
  {
    id: 'azure-devops-pat-legacy',
    title: 'Azure DevOps personal access token (legacy format)',
    description:
      'Acts as the user on Azure DevOps (repos, pipelines, artifacts, boards) within the token’s ' +
      'scopes.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['devops', 'vsts', 'ado_', 'ado-'],
    pattern:
      /(?:devops|vsts|(?<![a-z])ado)[\w.-]{0,20}?(?:pat|token|password|pwd)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-z2-7]{52})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: [
      'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    ],
    examples: {
      match: [
        'AZURE_DEVOPS_EXT_PAT=sfdjt7btmp6gnujhliovpuwaa3eyuuwixlkz6h4sm6tcde5g5ahy',
        'ado_token: "g5ctn7n3g3ht3acerj4g554pkku2n4csqn5ojn57ewrve67tumoe"',
      ],
      noMatch: [
        'AZURE_DEVOPS_EXT_PAT=4aq5qywgomdrgs6aqua6xubznifeq6rsptvbvom4',
        'AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)',
      ],
    },
  },
  {
    id: 'azure-service-bus-key',
    title: 'Azure Service Bus / Event Hubs shared access key',
    description:
      'Sends, receives or manages messages of the namespace or entity, per the policy’s rights.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sharedaccesskey='],
    pattern:
      /Endpoint=sb:\/\/[\w-]{1,64}\.servicebus\.(?:windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)\/?;SharedAccessKeyName=[^;"'\s]{1,256};SharedAccessKey=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/,
    references: ['https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas'],
    examples: {
      match: [
        '"ServiceBusConnection": "Endpoint=sb://orders-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=wv133ht4u+Vohrrzv4ZjqhEsMYPNW0gXh0LDqGE10f8="',
        'EVENTHUB_CONNECTION=Endpoint=sb://telemetry-ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=W0EzlOfshpnipTB+SbgnmPliDH1Uk93FKny65P7qtBF=;EntityPath=telemetry',
      ],
      noMatch: [
        'Endpoint=sb://orders-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>',
      ],
    },
  },
  {
    id: 'azure-iot-hub-key',
    title: 'Azure IoT Hub shared access key',
    description: 'Acts as the IoT hub policy or device the connection string belongs to.',
    severity: 'high',
    confidence: 'high',
    keywords: ['azure-devices.net'],
    pattern:
      /HostName=[\w-]{1,64}\.azure-devices\.net;[^"'\s]{0,300}?SharedAccessKey=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/,
    references: ['https://learn.microsoft.com/en-us/azure/iot-hub/authenticate-authorize-sas'],
    examples: {
      match: [
        'IOTHUB_CONNECTION_STRING="HostName=fleet-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=ckEBbVLADgGpdMGi+eqTcg4+HBLV1z6Ma9Mr5tnWguN="',
        'HostName=fleet-hub.azure-devices.net;DeviceId=sensor-17;SharedAccessKey=JDxAyvb336Y31Vmr7q+mVsoLjOGQKbKit2awbhb+zmC=',
      ],
      noMatch: ['HostName=fleet-hub.azure-devices.net;DeviceId=sensor-17;SharedAccessKey='],
    },
  },
  {
    id: 'azure-signalr-access-key',
    title: 'Azure SignalR / Web PubSub access key',
    description: 'Signs client and server tokens for the SignalR or Web PubSub service.',
    severity: 'high',
    confidence: 'high',
    keywords: ['signalr.net', 'webpubsub.azure.com'],
    pattern:
      /Endpoint=https:\/\/[\w-]{1,64}\.(?:service\.signalr\.net|webpubsub\.azure\.com);AccessKey=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/,
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-signalr/signalr-concept-authenticate',
    ],
    examples: {
      match: [
        'Azure__SignalR__ConnectionString=Endpoint=https://chat-prod.service.signalr.net;AccessKey=/I8KuA2nLfBlvzaE1Yr/kxmHSxsZIP4WA6hFa9n0c62=;Version=1.0;',
      ],
      noMatch: ['Endpoint=https://chat-prod.service.signalr.net;AuthType=azure.msi;Version=1.0;'],
    },
  },
  {
    id: 'azure-cache-for-redis-key',
    title: 'Azure Cache for Redis access key',
    description: 'Full read and write access to the Redis cache.',
    severity: 'high',
    confidence: 'high',
    keywords: ['redis.cache.windows.net'],
    pattern:
      /redis\.cache\.windows\.net:\d{2,5},[^"'\s]{0,100}?password=([A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/,
    references: ['https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure'],
    examples: {
      match: [
        'REDIS_URL="sessions-prod.redis.cache.windows.net:6380,password=o/YlQHXI7gVqA5xPYIQta6xvlHmcd/+lhHVv10eICAI=,ssl=True,abortConnect=False"',
      ],
      noMatch: ['sessions-prod.redis.cache.windows.net:6380,ssl=True,abortConnect=False'],
    },
  },
  {
    id: 'azure-app-configuration-key',
    title: 'Azure App Configuration access key',
    description:
      'Reads (or writes) every key-value and feature flag of the App Configuration store.',
    severity: 'high',
    confidence: 'high',
    keywords: ['azconfig.io'],
    pattern:
      /Endpoint=https:\/\/[\w-]{1,64}\.azconfig\.io;Id=[^;"'\s]{1,64};Secret=([A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])/,
    references: [
      'https://learn.microsoft.com/en-us/azure/azure-app-configuration/howto-disable-access-key-authentication',
    ],
    examples: {
      match: [
        'APPCONFIG_CONNECTION_STRING=Endpoint=https://settings-prod.azconfig.io;Id=cnMt-l0-s0:KFlhxvVK8tOx5p6oWQha;Secret=IicZJo5d5I5O5MWipN4Z0naCYox+djyr+1g94lkckk8=',
      ],
      noMatch: [
        'Endpoint=https://settings-prod.azconfig.io;Id=ZiTZ-l0-s0:AislgVONX154GwKi3VN6;Secret=',
      ],
    },
  },

  // DigitalOcean
  {
    id: 'digitalocean-pat',
    title: 'DigitalOcean personal access token',
    description:
      'Manages the team’s droplets, databases, Spaces and DNS within the token’s scopes.',
    severity: 'critical',
    confidence: 'high',
    keywords: ['dop_v1_'],
    pattern: /\b(dop_v1_[a-f0-9]{64})\b/,
    minEntropy: 3,
    references: ['https://docs.digitalocean.com/reference/api/create-personal-access-token/'],
    examples: {
      match: [
        'DIGITALOCEAN_TOKEN=dop_v1_619137e2716891f814928cdbf8b3830a4b28e193f861d3447dfd2e024a0e118a',
      ],
      noMatch: ['DIGITALOCEAN_TOKEN=dop_v1_0c49ed7254e7318e1996ef02c0d84fd345e9ff62'],
    },
  },
  {
    id: 'digitalocean-oauth-token',
    title: 'DigitalOcean OAuth access token',
    description: 'Acts on the DigitalOcean API for the user who authorized the OAuth app.',
    severity: 'high',
    confidence: 'high',
    keywords: ['doo_v1_'],
    pattern: /\b(doo_v1_[a-f0-9]{64})\b/,
    minEntropy: 3,
    references: ['https://docs.digitalocean.com/reference/api/oauth/'],
    examples: {
      match: [
        '"access_token": "doo_v1_f5801b0a08ef247945be6a9c4432653de1d6c8d8ae7a0bf904c6a6e6852347ed"',
      ],
      noMatch: [
        '"access_token": "doo_v1_f235a6ec8fc0fa3d9aea61c4f12ee8c56a775a1fb830fd28dee244f480ef61c"',
      ],
    },
  },
  {
    id: 'digitalocean-refresh-token',
    title: 'DigitalOcean OAuth refresh token',
    description: 'Mints new DigitalOcean OAuth access tokens for the authorizing user.',
    severity: 'high',
    confidence: 'high',
    keywords: ['dor_v1_'],
    pattern: /\b(dor_v1_[a-f0-9]{64})\b/,
    minEntropy: 3,
    references: ['https://docs.digitalocean.com/reference/api/oauth/'],
    examples: {
      match: [
        '"refresh_token": "dor_v1_56e2b8f2065a5aca8b8064c516a9294f58476a979b883b41eb60d6e88f20fa52"',
      ],
      noMatch: [
        '"refresh_token": "dor_v1_sNei79pmpNDGCQGmrSZCY3AseGnW2rZzflZpt1WAkS5bQCkmHjV2KET9IeI0l70u"',
      ],
    },
  },

  // Alibaba Cloud
  {
    id: 'alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    description: 'Identifies a RAM AccessKey pair; with its secret it acts as the RAM user.',
    severity: 'high',
    confidence: 'high',
    keywords: ['ltai'],
    pattern: /\b(LTAI[A-Za-z0-9]{12,20})\b/,
    minEntropy: 3,
    references: ['https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair'],
    examples: {
      match: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAImdfSWoTatGM36STOUjyn'],
      noMatch: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAITPpyJ3z5'],
    },
  },
  {
    id: 'alibaba-access-key-secret',
    title: 'Alibaba Cloud AccessKey secret',
    description: 'Signs Alibaba Cloud API requests as the RAM user that owns the AccessKey.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['alibaba', 'aliyun', 'alicloud', 'accesskeysecret', 'access_key_secret'],
    pattern:
      /(?:ali(?:baba|yun|cloud)[\w.-]{0,20}?secret|access_?key_?secret)[\w.-]{0,20}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9]{30})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair'],
    examples: {
      match: [
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET=K8HCAcOFMO7IO1P1U3ijkEx5y7ebRY',
        'accessKeySecret: "XWVYqf81ON6NDTBIrR1Y9hmrCPuBrg"',
      ],
      noMatch: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=X9WAbAp7KUbLYxnJJw4WGupH'],
    },
  },

  // IBM Cloud and Oracle Cloud
  {
    id: 'ibm-cloud-api-key',
    title: 'IBM Cloud API key',
    description: 'Obtains IAM tokens that act as the IBM Cloud user or service ID.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['ibm', 'ic_api_key'],
    pattern:
      /(?:ibm[\w.-]{0,20}?(?:api[\w.-]?key|iam[\w.-]?key)|(?<![a-z])ic_api_key)[\w.-]{0,10}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9_-]{44})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://cloud.ibm.com/docs/account?topic=account-userapikey'],
    examples: {
      match: [
        'IBMCLOUD_API_KEY=iFXegpNw6XVS6A4RteBUykviVC3fTKL-pqj0NzGCniWk',
        'export IC_API_KEY="3bxnzu0s1EQsPdt2yoWuq9nDwdxnCnyt8n28Z0rDL-sB"',
      ],
      noMatch: ['IBMCLOUD_API_KEY=4qdctBYineZXjM1wdwjzzIjJ5zcqNO'],
    },
  },
  {
    id: 'oracle-cloud-customer-secret-key',
    title: 'Oracle Cloud customer secret key',
    description:
      'The secret half of an OCI customer secret key: S3-compatible access to Object Storage as ' +
      'the user.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['secret'],
    pattern:
      /(?<![a-z])(?:oci|oracle)[\w.-]{0,20}?secret[\w.-]{0,20}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9+/]{43}=)(?![\w+/=-])/i,
    minEntropy: 4,
    references: [
      'https://docs.oracle.com/en-us/iaas/Content/Identity/Tasks/managingcredentials.htm',
    ],
    examples: {
      match: ['OCI_SECRET_ACCESS_KEY=61Ycyx67IyM0qE4BbILdAfqVKSIM0aAMsEu94csTsSx='],
      noMatch: [
        'social_secret = P0r024wnb5tlnNNqykEjBkvoQjVV3l49ZbxpY7RhWBd=',
        'OCI_SECRET_ACCESS_KEY=hXLxnIQsG2AUBdUrfGgH=',
      ],
    },
  },

  // Cloudflare
  {
    id: 'cloudflare-api-token',
    title: 'Cloudflare API token',
    description: 'Calls the Cloudflare API with the permissions and zones the token was given.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['cloudflare', 'cf_'],
    pattern:
      /(?:cloudflare|(?<![a-z])cf)[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9_-]{40})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://developers.cloudflare.com/fundamentals/api/get-started/create-token/'],
    examples: {
      match: [
        'CLOUDFLARE_API_TOKEN=7CjPLriCHgIry0b4xMyZA5zZ8YM8bqWtZn6-TdXM',
        'cf_api_token: "xtoOZFwrv-mRDpduLCdbhhen5-yHnrb-DYVHplUi"',
      ],
      noMatch: [
        'CLOUDFLARE_API_TOKEN=apUh_tk7lLbzfMvpPwIRY7_PcujNCJ4K',
        'cloudflare_token = "${CF_TOKEN}"',
      ],
    },
  },
  {
    id: 'cloudflare-global-api-key',
    title: 'Cloudflare global API key',
    description: 'Full control of the Cloudflare account: every zone, DNS record and setting.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['cloudflare', 'cf_', 'x-auth-key'],
    pattern:
      /(?:(?:cloudflare|(?<![a-z])cf)[\w.-]{0,20}?(?:api|auth|global)[\w.-]?key|x-auth-key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-f0-9]{37})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://developers.cloudflare.com/fundamentals/api/get-started/keys/'],
    examples: {
      match: [
        'CLOUDFLARE_API_KEY=58059e1f0ae15ba9a3994116baadb13713c2e',
        "-H 'X-Auth-Key: 3acabc67c119ed5471fb61fa78ef9a0e5c1ed'",
      ],
      noMatch: ['CLOUDFLARE_API_KEY=ea773966904432ff4caeb356095750f8'],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    title: 'Cloudflare Origin CA key',
    description: 'Issues and revokes Origin CA certificates for the account’s zones.',
    severity: 'high',
    confidence: 'high',
    keywords: ['v1.0-'],
    pattern: /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/,
    minEntropy: 3,
    references: ['https://developers.cloudflare.com/ssl/origin-configuration/origin-ca/'],
    examples: {
      match: [
        'CF_ORIGIN_CA_KEY=v1.0-24936b537cb04ca129ae6722-6115246fed7d20f6611ea177f755ba8a119438bbc5de9b9a4d8d85d7750cf9c52eb01019c980ed7679535258ceb5505a89bb6ec37f080e8cb73083556a8425cd8fc16906dafb77c6ee',
      ],
      noMatch: ['version: v1.0-2e180e1fdeccc0410f327197'],
    },
  },

  // Other infrastructure clouds
  {
    id: 'linode-api-token',
    title: 'Linode (Akamai) API token',
    description: 'Manages the account’s Linodes, volumes, networking and DNS within its scopes.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['linode'],
    pattern:
      /linode[\w.-]{0,20}?(?:token|key|pat)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-f0-9]{64})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://techdocs.akamai.com/linode-api/reference/get-started'],
    examples: {
      match: [
        'LINODE_TOKEN=3d2ce85906771f71f4b0e9f8b6eb9edf6615c42c4094fcab0edb0a232134619a',
        'linode_api_token = "3bae99510a4175acd4057fbce6eaad04735eadefeb2fbc7f8f57ba1e10812d2c"',
      ],
      noMatch: ['LINODE_TOKEN=9867a47ba45ab6441e97649f2a7b4b2097930741'],
    },
  },
  {
    id: 'scaleway-secret-key',
    title: 'Scaleway secret key',
    description: 'Signs Scaleway API requests with the IAM permissions of the API key.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['scaleway', 'scw_'],
    pattern:
      /(?:scaleway|(?<![a-z])scw)[\w.-]{0,20}?secret[\w.-]{0,20}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/'],
    examples: {
      match: ['SCW_SECRET_KEY=f7ddc8aa-812f-44ae-a3dc-902a0f067493'],
      noMatch: ['SCW_SECRET_KEY=00000000-0000-0000-0000-000000000000'],
    },
  },
  {
    id: 'vultr-api-key',
    title: 'Vultr API key',
    description: 'Manages every instance, block store and DNS zone of the Vultr account.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['vultr'],
    pattern:
      /vultr[\w.-]{0,20}?(?:key|token)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Z0-9]{36})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.vultr.com/platform/other/api/'],
    examples: {
      match: ['VULTR_API_KEY=4MCEACF1FUD1CJKIALY1R2C00M04SHWYKRRL'],
      noMatch: ['VULTR_API_KEY=GY77IL8PSOK9WV9IT4BG7KDCYKUBS9'],
    },
  },
  {
    id: 'hetzner-cloud-api-token',
    title: 'Hetzner Cloud API token',
    description: 'Reads or manages (per its permission) every server and resource of the project.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['hetzner', 'hcloud'],
    pattern:
      /(?:hetzner|hcloud)[\w.-]{0,20}?(?:token|key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9]{64})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.hetzner.cloud/#authentication'],
    examples: {
      match: [
        'HCLOUD_TOKEN=vtEda22zPgnp39rSirPzwledaRiSMJBkQcv5ejsnIh2FTbaOIG1ysDZZPcSGkSGY',
        'hetzner_api_token: "yhFyYyhkI5WraxpyI0w7ymXHtg8jKof3E3iOtbatWPxeZ11leEGKGFDhnaP7CN44"',
      ],
      noMatch: ['HCLOUD_TOKEN=JmF8j84NTYCqrM469paqQsAGCdOeMzne2L0MifvN'],
    },
  },
  {
    id: 'openshift-user-token',
    title: 'OpenShift OAuth access token',
    description: 'Acts as the OpenShift user on the cluster’s API with all of the user’s roles.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sha256~'],
    pattern: /(?<![\w~-])(sha256~[A-Za-z0-9_-]{43})(?![\w-])/,
    minEntropy: 3.5,
    references: [
      'https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/authentication_and_authorization/understanding-authentication',
    ],
    examples: {
      match: [
        'oc login --token=sha256~A6qFH22qCUJcwEERqYbDLS1-uw8FkixAmVORiITvu3i --server=https://api.ocp.acme.internal:6443',
      ],
      noMatch: ['oc login --token=sha256~Vf4ts4FTxzD-lwW8RoN8'],
    },
  },

  // Application platforms
  {
    id: 'flyio-access-token',
    title: 'Fly.io access token',
    description: 'Deploys and manages the Fly.io apps or organization the macaroon token covers.',
    severity: 'high',
    confidence: 'high',
    keywords: ['fm2_', 'fm1a_', 'fm1r_'],
    pattern: /(?<![\w+/-])((?:fm2|fm1[ar])_[A-Za-z0-9+/]{100,4096}={0,3})(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    references: ['https://fly.io/docs/security/tokens/'],
    examples: {
      match: [
        'FLY_API_TOKEN="FlyV1 fm2_3gkXHRdeJKH+DyitLBVGtD+RYriC12N9Vv1Q1IN/UIQ//Pt2SKJ/FC0oimlZerukz4zxeFyuCjQDWR5DObBmGvfPMFIqNk9Pafm7CwGudTAIrrk9dfsJE/XHfCkjc+zEupHQl9BEClKnTUWixSgP6om/wi/JIpvqrBI3Edcu0EvabxtcmYtZ"',
        'fly_token: fm1r_xjTOXy67uSwZorWTzZJsplCQZRBKQBSDfGazHDoKL4DB5VnfIDN1vlm6xvbUHFIYI/+h9SwVzzyS/8XKRw8CplhlIiCEIM7wmykIdCH9pOsbO6eeqgpySylO==',
      ],
      noMatch: ['FLY_API_TOKEN="FlyV1 fm2_5I08H4Quh5VAWmlywN/j1DaexiZLDaOvQ2RyzFLB"'],
    },
  },
  {
    id: 'flyio-oauth-token',
    title: 'Fly.io OAuth token',
    description: 'Acts as the Fly.io user across every organization they belong to.',
    severity: 'high',
    confidence: 'high',
    keywords: ['fo1_'],
    pattern: /\b(fo1_[A-Za-z0-9_-]{43})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://fly.io/docs/security/tokens/'],
    examples: {
      match: ['FLY_ACCESS_TOKEN=fo1_W6lzSmrFIVU51WSvpYay09l2UyKenIAM6fKkqQMrVPm'],
      noMatch: ['FLY_ACCESS_TOKEN=fo1_rq0BYBDfixwL8jozUsCAZ6L6FXunlz'],
    },
  },
  {
    id: 'heroku-api-key',
    title: 'Heroku API key',
    description: 'Acts as the Heroku user: deploys, config vars (with their secrets) and add-ons.',
    severity: 'high',
    confidence: 'high',
    keywords: ['hrku-'],
    pattern: /\b(HRKU-AA[0-9A-Za-z_-]{58})(?![\w-])/,
    minEntropy: 4,
    references: ['https://devcenter.heroku.com/articles/authentication'],
    examples: {
      match: ['HEROKU_API_KEY=HRKU-AA1cprvdAReAq89v2_0zc-3nRVKcbC0Zk2TQrzrqD3DqQg7aIsCnsEeZ87vM'],
      noMatch: ['HEROKU_API_KEY=HRKU-AAkAUYhDY7ATGWuHp2oqXsqhLiJlDtF7'],
    },
  },
  {
    id: 'heroku-api-key-legacy',
    title: 'Heroku API key (legacy UUID format)',
    description: 'Acts as the Heroku user: deploys, config vars (with their secrets) and add-ons.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['heroku'],
    pattern:
      /heroku[\w.-]{0,20}?(?:key|token|password)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://devcenter.heroku.com/articles/authentication'],
    examples: {
      match: ['HEROKU_API_KEY=7589235a-b1d1-486b-878a-05ff140b4e31'],
      noMatch: ['HEROKU_APP_ID=62b6801d-ebdc-4976-866f-f14b473cc604'],
    },
  },
  {
    id: 'netlify-access-token',
    title: 'Netlify personal access token',
    description: 'Acts as the Netlify user: deploys, site settings and environment variables.',
    severity: 'high',
    confidence: 'high',
    keywords: ['nfp_'],
    pattern: /\b(nfp_[A-Za-z0-9]{36,40})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://docs.netlify.com/api/get-started/#authentication'],
    examples: {
      match: ['NETLIFY_AUTH_TOKEN=nfp_RHLCgzM4VpcbNTLjFeEhJjes47JX9hYPOuWa'],
      noMatch: ['NETLIFY_AUTH_TOKEN=nfp_d2Iz58R0UfMmKf57MMoX'],
    },
  },
  {
    id: 'netlify-access-token-legacy',
    title: 'Netlify access token (unprefixed format)',
    description: 'Acts as the Netlify user: deploys, site settings and environment variables.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['netlify'],
    pattern:
      /netlify[\w.-]{0,20}?(?:token|key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9_-]{40,46})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.netlify.com/api/get-started/#authentication'],
    examples: {
      match: ['NETLIFY_AUTH_TOKEN=bprBGBNV_6448EaoVodX4oW_ohElkhfUtPDMR5qp3VT'],
      noMatch: [
        'NETLIFY_SITE_ID=jOoYQd29jsPYJZtutTyNTqSqGw2LpnfC6Ra5IEZYLa0',
        'NETLIFY_AUTH_TOKEN=zeUSYlxLAyNpXk9KsdBjgxQO5597fa',
      ],
    },
  },
  {
    id: 'vercel-access-token',
    title: 'Vercel access token',
    description:
      'Deploys and manages the Vercel projects, domains and environment variables in scope.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['vercel'],
    pattern:
      /vercel[\w.-]{0,20}?(?:token|key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9]{24})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://vercel.com/docs/rest-api#creating-an-access-token'],
    examples: {
      match: ['VERCEL_TOKEN=EnUBmOLSLUwoUTSuL3YvRmNL', 'vercelToken: "A4eQQ0FOb1c8kfAjtrfx4zvs"'],
      noMatch: ['VERCEL_ORG_ID=team_27SbVAiCZ9ukle2WQXWF91Yt', 'VERCEL_TOKEN=ItStZPz3Z6KbyLml'],
    },
  },
  {
    id: 'render-api-key',
    title: 'Render API key',
    description: 'Manages every service, database and environment group the Render user can reach.',
    severity: 'high',
    confidence: 'high',
    keywords: ['rnd_'],
    pattern: /\b(rnd_[A-Za-z0-9]{28,32})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://render.com/docs/api#1-create-an-api-key'],
    examples: {
      match: ['RENDER_API_KEY=rnd_AJztkTTHC7xXQZEhjx6hAxJmUoRy'],
      noMatch: ['RENDER_API_KEY=rnd_iHECjTJ4t9Rcan88'],
    },
  },
  {
    id: 'supabase-access-token',
    title: 'Supabase personal access token',
    description:
      'Acts as the user on the Supabase Management API for every project they can reach.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sbp_'],
    pattern: /\b(sbp_[a-f0-9]{40})\b/,
    minEntropy: 3,
    references: ['https://supabase.com/docs/reference/api/introduction'],
    examples: {
      match: ['SUPABASE_ACCESS_TOKEN=sbp_994e0358866e05641108958621a64e2309c298d2'],
      noMatch: ['SUPABASE_ACCESS_TOKEN=sbp_4beb9efe882715fcfff3c38fa6829d5d'],
    },
  },
  {
    id: 'supabase-secret-key',
    title: 'Supabase secret API key',
    description: 'Server-side access to the project’s database that bypasses row-level security.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sb_secret_'],
    pattern: /\b(sb_secret_[A-Za-z0-9_-]{30,64})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://supabase.com/docs/guides/api/api-keys'],
    examples: {
      match: ['SUPABASE_SECRET_KEY=sb_secret_lJyptF7Lrg1DKeXPZ85r8uubCnPNPHp'],
      noMatch: ['SUPABASE_SECRET_KEY=sb_secret_1NDeeWXEhTxZ'],
    },
  },
  {
    id: 'deno-deploy-access-token',
    title: 'Deno Deploy access token',
    description: 'Deploys and manages the Deno Deploy projects of the user.',
    severity: 'high',
    confidence: 'high',
    keywords: ['ddp_'],
    pattern: /\b(ddp_[A-Za-z0-9]{36})\b/,
    minEntropy: 3.5,
    references: ['https://docs.deno.com/deploy/manual/api/'],
    examples: {
      match: ['DENO_DEPLOY_TOKEN=ddp_qMuCkwTql5FYYsUpI9r0NCq71zvs9K8usICo'],
      noMatch: ['DENO_DEPLOY_TOKEN=ddp_waiDZe9flQXuf9APjW6Z'],
    },
  },
  {
    id: 'fastly-api-token',
    title: 'Fastly API token',
    description: 'Configures and purges the Fastly services in the token’s scope.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['fastly'],
    pattern:
      /fastly[\w.-]{0,20}?(?:token|key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9_-]{32})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.fastly.com/en/guides/using-api-tokens'],
    examples: {
      match: ['FASTLY_API_TOKEN=4DUF3a-MG_kuufln34ZJ-vFNSANljGZ4'],
      noMatch: [
        'FASTLY_SERVICE_ID=tHRgtfP38TAp7lXIqXvKmVRVaaU_eBGO',
        'FASTLY_API_TOKEN=Tbp33OzNmyNN5gbo19Nn',
      ],
    },
  },

  // Tencent Cloud and Yandex Cloud
  {
    id: 'tencent-cloud-secret-id',
    title: 'Tencent Cloud SecretId',
    description: 'Identifies a Tencent Cloud API key; with its SecretKey it acts as the CAM user.',
    severity: 'high',
    confidence: 'high',
    keywords: ['akid'],
    pattern: /\b(AKID[A-Za-z0-9]{32})\b/,
    minEntropy: 3.5,
    references: ['https://www.tencentcloud.com/document/product/598/32675'],
    examples: {
      match: ['TENCENTCLOUD_SECRET_ID=AKIDt4qUU7yKuId3awSkm2UnZEjGo43YfMID'],
      noMatch: ['TENCENTCLOUD_SECRET_ID=AKIDIikdP8doby4kj45142y2'],
    },
  },
  {
    id: 'tencent-cloud-secret-key',
    title: 'Tencent Cloud SecretKey',
    description: 'Signs Tencent Cloud API requests as the CAM user that owns the key.',
    severity: 'critical',
    confidence: 'medium',
    keywords: ['tencent', 'qcloud', 'tccli'],
    pattern:
      /(?:tencent|qcloud|tccli)[\w.-]{0,20}?secret[\w.-]{0,20}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9]{32})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://www.tencentcloud.com/document/product/598/32675'],
    examples: {
      match: ['TENCENTCLOUD_SECRET_KEY=XuTkMvdkbJFL1xrVmlGH3YuTUxyjVcUx'],
      noMatch: ['TENCENTCLOUD_SECRET_KEY=aPcqY1OogPFD9038b2Lj'],
    },
  },
  {
    id: 'yandex-cloud-api-key',
    title: 'Yandex Cloud API key',
    description: 'Calls Yandex Cloud APIs as the service account that owns the key.',
    severity: 'high',
    confidence: 'high',
    keywords: ['aqvn'],
    pattern: /\b(AQVN[A-Za-z0-9_-]{35,38})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://yandex.cloud/en/docs/iam/concepts/authorization/api-key'],
    examples: {
      match: ['YC_API_KEY=AQVNqsgpOwgXxPct2_0567YrX2CsGasM00Yh4EeC'],
      noMatch: ['YC_API_KEY=AQVN0S-GkLE1SzogvEUaHap0'],
    },
  },
  {
    id: 'yandex-cloud-iam-token',
    title: 'Yandex Cloud IAM token',
    description: 'Acts as the Yandex Cloud account that requested it, for up to 12 hours.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['t1.'],
    pattern: /\b(t1\.[A-Za-z0-9_-]{8,512}={0,2}\.[A-Za-z0-9_-]{86}={0,2})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://yandex.cloud/en/docs/iam/concepts/authorization/iam-token'],
    examples: {
      match: [
        'YC_TOKEN=t1.9euelZvLeFYH3LqftyPZm1WmPaQZlZbY_KaHwPQvTzqGh7jgtzbkyzh45D7SwS8vR2.zGXVE-p2Z-IqDdpf0EKaOa_KkvFyTJeBHrxL5x4_3_Kk15vmyuIcQ_p5uRglru4ncsBxrYLXziNOLHi1Puyw3Y',
      ],
      noMatch: ['version: t1.9euelZhMTz8LJyIjLluOr3dmIs'],
    },
  },
  {
    id: 'yandex-cloud-access-key-id',
    title: 'Yandex Cloud static access key ID',
    description:
      'Identifies an S3-compatible static key; with its secret it acts as the service account.',
    severity: 'medium',
    confidence: 'high',
    keywords: ['ycaj'],
    pattern: /\b(YCAJ[A-Za-z0-9_-]{21})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://yandex.cloud/en/docs/iam/concepts/authorization/access-key'],
    examples: {
      match: ['aws_access_key_id = YCAJtTDxYXyFwP9gbOIkwgzWr'],
      noMatch: ['aws_access_key_id = YCAJZJKKIjNl7A'],
    },
  },
  {
    id: 'yandex-cloud-secret-key',
    title: 'Yandex Cloud static secret key',
    description: 'Signs S3-compatible requests to Yandex Cloud as the service account.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['yandex', 'yc_'],
    pattern:
      /(?:yandex|(?<![a-z])yc)[\w.-]{0,20}?secret[\w.-]{0,20}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}(YC[A-Za-z0-9_-]{38})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://yandex.cloud/en/docs/iam/concepts/authorization/access-key'],
    examples: {
      match: ['YC_SECRET_ACCESS_KEY=YCFXO1wrhnSW9G0Av4B9eJ4yhNbszvlYu8-WQquX'],
      noMatch: ['YC_SECRET_ACCESS_KEY=YCyLRrUGu_lrXex-HhQzri'],
    },
  },
];
