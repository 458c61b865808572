import type { SecretRule } from '../rule.js';

/**
 * Source hosting, CI/CD and code-quality services. Azure DevOps lives with the Azure rules in
 * `cloud.ts`; GitHub has its own file.
 */

const GITLAB_DOCS = 'https://docs.gitlab.com/security/tokens/';
const SONAR_DOCS =
  'https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/';

interface PrefixedToken {
  id: string;
  title: string;
  description: string;
  severity: SecretRule['severity'];
  /** The literal prefix, as printed by the provider. */
  prefix: string;
  /** Regex source of what follows the prefix. */
  body: string;
  references: readonly string[];
  match: readonly string[];
  noMatch: readonly string[];
}

/** A token with a fixed literal prefix, bounded on both sides by non-token characters. */
function prefixedToken(token: PrefixedToken): SecretRule {
  const prefix = token.prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return {
    id: token.id,
    title: token.title,
    description: token.description,
    severity: token.severity,
    confidence: 'high',
    keywords: [token.prefix.toLowerCase()],
    pattern: new RegExp(`(?<![\\w-])(${prefix}${token.body})(?![\\w-])`),
    minEntropy: 3,
    references: token.references,
    examples: { match: token.match, noMatch: token.noMatch },
  };
}

export const vcsRules: SecretRule[] = [
  // GitLab
  prefixedToken({
    id: 'gitlab-pat',
    title: 'GitLab personal access token',
    description: 'Acts as the user on the GitLab API, git and the registries within its scopes.',
    severity: 'critical',
    prefix: 'glpat-',
    body: '[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: [
      'GITLAB_TOKEN=glpat-nSWnOjxVrkfVzOk3UVdv',
      'git clone https://oauth2:glpat-xcCVeX3pRo_7Mzn6qv83@gitlab.com/acme/api.git',
    ],
    noMatch: ['GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx', 'GITLAB_TOKEN=glpat-cdCOa9fOMbxc'],
  }),
  prefixedToken({
    id: 'gitlab-pat-routable',
    title: 'GitLab personal access token (routable format)',
    description: 'Acts as the user on the GitLab API, git and the registries within its scopes.',
    severity: 'critical',
    prefix: 'glpat-',
    body: String.raw`[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{7,9}`,
    references: [GITLAB_DOCS],
    match: [
      'GITLAB_TOKEN=glpat-USYAmoYjOuf2eaABOLWMriMCBem2lPr7Sm.01.54jannqyc',
      'GITLAB_TOKEN=glpat-W9rLZwoFQniZUoDC3nbPjGD8U9F3yLXfLJqJDFBI.0ht7j29as',
    ],
    noMatch: ['GITLAB_TOKEN=glpat-VI7Kk6lkamcVMtianuu73Obgd5bEHNKTkl.01'],
  }),
  prefixedToken({
    id: 'gitlab-deploy-token',
    title: 'GitLab deploy token',
    description: 'Reads (or writes) the project’s repository, packages and container registry.',
    severity: 'high',
    prefix: 'gldt-',
    body: '[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: ['CI_DEPLOY_PASSWORD=gldt-jThboyP--NiIHH0eM8yx'],
    noMatch: ['CI_DEPLOY_PASSWORD=gldt-5HnMAeBZfx'],
  }),
  prefixedToken({
    id: 'gitlab-runner-token',
    title: 'GitLab runner authentication token',
    description: 'Registers as the runner and picks up its jobs, with their CI/CD variables.',
    severity: 'high',
    prefix: 'glrt-',
    body: String.raw`(?:[0-9A-Za-z_-]{20}|t\d_[0-9A-Za-z_-]{27,300}\.(?:[0-9a-z]{2}\.)?[0-9a-z]{7,9})`,
    references: [GITLAB_DOCS],
    match: [
      'token = "glrt-GiFxLI5wasG8_-IGCpGD"',
      'token = "glrt-t1_2iESJw0h7Y4cW0zuS8r5-5WGwoWySs.01.2rvwl1i2v"',
    ],
    noMatch: ['token = "glrt-YFRgGE43p55d"'],
  }),
  prefixedToken({
    id: 'gitlab-runner-registration-token',
    title: 'GitLab runner registration token',
    description:
      'Registers new runners to the project, group or instance, which then receive jobs.',
    severity: 'high',
    prefix: 'GR1348941',
    body: '[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: ['gitlab-runner register --registration-token GR1348941fehSgbvmyzlsMIPe-cgk'],
    noMatch: ['--registration-token GR1348941xxxxxxxxxxxxxxxxxxxx'],
  }),
  prefixedToken({
    id: 'gitlab-pipeline-trigger-token',
    title: 'GitLab pipeline trigger token',
    description: 'Triggers pipelines of the project as the token’s owner.',
    severity: 'high',
    prefix: 'glptt-',
    body: '[0-9a-f]{40}',
    references: [GITLAB_DOCS],
    match: [
      'curl -X POST -F token=glptt-60d8a3d15d432b4cfc8ba419ef72451a65448cb0 -F ref=main https://gitlab.com/api/v4/projects/42/trigger/pipeline',
    ],
    noMatch: ['token=glptt-f13d6c05d4942f8172a5'],
  }),
  prefixedToken({
    id: 'gitlab-cicd-job-token',
    title: 'GitLab CI/CD job token',
    description: 'Calls some GitLab APIs as the user who started the job, while the job runs.',
    severity: 'medium',
    prefix: 'glcbt-',
    body: '[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: ['JOB_TOKEN=glcbt-VV_roF-I9jJ75oUGrMeyfl-'],
    noMatch: ['JOB_TOKEN=glcbt-yc_bZ4K1ugU'],
  }),
  prefixedToken({
    id: 'gitlab-oauth-app-secret',
    title: 'GitLab OAuth application secret',
    description: 'Authenticates an OAuth application registered on GitLab.',
    severity: 'high',
    prefix: 'gloas-',
    body: '[0-9A-Za-z_-]{64}',
    references: [GITLAB_DOCS],
    match: [
      'GITLAB_OAUTH_SECRET=gloas-sr9FYVF4rQSBW6Y1nY8D4upIDCRsdtymM4XtyXS7oxaIeAcSlVQx_ln0cJRRmAjU',
    ],
    noMatch: ['GITLAB_OAUTH_SECRET=gloas-UUXn6UwZFshGme53OI7dF_sdHAGtM2wM'],
  }),
  prefixedToken({
    id: 'gitlab-scim-token',
    title: 'GitLab SCIM token',
    description: 'Provisions and deprovisions users of the group or instance through SCIM.',
    severity: 'high',
    prefix: 'glsoat-',
    body: '[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: ['scim_token: glsoat-Y8kkglkfq7o1E50UqLIB'],
    noMatch: ['scim_token: glsoat-DxuhBUg118'],
  }),
  prefixedToken({
    id: 'gitlab-feed-token',
    title: 'GitLab feed token',
    description:
      'Reads the user’s RSS/Atom feeds and calendar, which can include private activity.',
    severity: 'medium',
    prefix: 'glft-',
    body: '[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: ['https://gitlab.com/dashboard/projects.atom?feed_token=glft-pVpY6FuKXDKgWq6HPkIl'],
    noMatch: ['feed_token=glft-sq5W5UPgjN'],
  }),
  prefixedToken({
    id: 'gitlab-incoming-mail-token',
    title: 'GitLab incoming mail token',
    description: 'Creates issues and merge requests by e-mail as the user.',
    severity: 'medium',
    prefix: 'glimt-',
    body: '[0-9A-Za-z_-]{25}',
    references: [GITLAB_DOCS],
    match: ['GITLAB_INCOMING_EMAIL_TOKEN=glimt-6HN3UsbvttMLCeBfcCutSJazo'],
    noMatch: ['glimt-xIe2R7wzKn'],
  }),
  prefixedToken({
    id: 'gitlab-agent-token',
    title: 'GitLab agent for Kubernetes token',
    description:
      'Connects as the cluster agent, reaching the projects and registries it is authorized for.',
    severity: 'high',
    prefix: 'glagent-',
    body: '[0-9A-Za-z_-]{50}',
    references: [GITLAB_DOCS],
    match: [
      'helm upgrade --install agent gitlab/gitlab-agent --set config.token=glagent-NNqHJSvqemlXuCG6OBz43F5sHPVUVI-QEZiMB5kDyoDkAcDatK',
    ],
    noMatch: ['config.token=glagent-hTqfmX9crrBcjePjq1hS3HER0fjcRw'],
  }),
  prefixedToken({
    id: 'gitlab-feature-flags-client-token',
    title: 'GitLab feature flags client token',
    description: 'Reads the project’s feature flags and user lists.',
    severity: 'low',
    prefix: 'glffct-',
    body: '[0-9A-Za-z_-]{20}',
    references: [GITLAB_DOCS],
    match: ['UNLEASH_INSTANCE_ID=glffct-hvqIzr1ZYj5oxQrWNU2Y'],
    noMatch: ['UNLEASH_INSTANCE_ID=glffct-qWntRCKfyW'],
  }),
  {
    id: 'gitlab-session-cookie',
    title: 'GitLab session cookie',
    description: 'A signed-in browser session: acts as the user until the session ends.',
    severity: 'high',
    confidence: 'high',
    keywords: ['_gitlab_session='],
    pattern: /\b_gitlab_session=([0-9a-f]{32})\b/,
    minEntropy: 3,
    references: [GITLAB_DOCS],
    examples: {
      match: ['Cookie: _gitlab_session=e7bb1a51c05d90b4146b37183e4e4de0; preferred_language=en'],
      noMatch: ['Cookie: _gitlab_session=87db21a7aec493e4'],
    },
  },

  // Atlassian and Bitbucket
  prefixedToken({
    id: 'atlassian-api-token',
    title: 'Atlassian API token',
    description: 'Acts as the Atlassian account on Jira, Confluence and Bitbucket Cloud APIs.',
    severity: 'high',
    prefix: 'ATATT3',
    body: '[A-Za-z0-9_=-]{186}',
    references: [
      'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    ],
    match: [
      'JIRA_API_TOKEN=ATATT3xFfGF0PsxDIi8XcljzIbjE9lH-edi0tS7bkHX7PEJJR-qMl8d9nnxN1kKKUixJDav_HhWalImGf6c03UWH6Yf03EUXGos7zX57QS7a9L4yT4HL1UAZRTrZSFpfzZB-pGSbTakXoNd19SNeP76Pltz-FFPfdDpWyv6SrUPMbQxV085eGtF=C14CCBA7',
    ],
    noMatch: ['JIRA_API_TOKEN=ATATT3xFfGF027gKehHnr9EfxIy3-gfqXUtnId-t35Tn_Abawf17'],
  }),
  prefixedToken({
    id: 'bitbucket-app-password',
    title: 'Bitbucket app password',
    description: 'Acts as the Bitbucket user on the API and git with the password’s permissions.',
    severity: 'high',
    prefix: 'ATBB',
    body: '[A-Za-z0-9]{32}',
    references: ['https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/'],
    match: [
      'git clone https://deploy:ATBBqMDS1gUd1uQ9BV4yJTkk7JdL75715361@bitbucket.org/acme/api.git',
    ],
    noMatch: ['BITBUCKET_APP_PASSWORD=ATBBNL7zzjtYLmZbrdZc'],
  }),
  prefixedToken({
    id: 'bitbucket-access-token',
    title: 'Bitbucket repository, project or workspace access token',
    description: 'Acts on the repository, project or workspace it belongs to, within its scopes.',
    severity: 'high',
    prefix: 'ATCTT3',
    body: '[A-Za-z0-9_=-]{100,300}',
    references: ['https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/'],
    match: [
      'BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0SGUGlC-IsaqDBHXquRAFPkLDxoC9wkqFSXtatrcSsNKKMAi3wbnKzDeTHaxJ1PZ6A5v0QokDZYUiuQoGP-FBmRyFP0CzYYty0BxR3GWlTUOrga8gU-kmt0n9vYIPxs81SoUDy-sQAckCq7xoXz3O9pS6btR8Ljq2LRUVNdxls=F7141DF5',
    ],
    noMatch: ['BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0b3lrN0w3FmGb6Ql3o6Tz'],
  }),
  {
    id: 'bitbucket-client-secret',
    title: 'Bitbucket OAuth consumer secret',
    description: 'Authenticates a Bitbucket OAuth consumer, letting others act as the integration.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['bitbucket'],
    pattern:
      /bitbucket[\w.-]{0,20}?secret[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9_-]{32,64})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: [
      'https://support.atlassian.com/bitbucket-cloud/docs/use-oauth-on-bitbucket-cloud/',
    ],
    examples: {
      match: [
        'BITBUCKET_CLIENT_SECRET=ZhgRahFLiwRceVFyyfUn5cxbrrJElpyO',
        'bitbucket_oauth_secret: "0vhxlOWDLGEOodXXIqTUUQ54EanPk7MF6DtMGi_Sc9xz9ARoMVAIwKuDkojn3583"',
      ],
      noMatch: [
        'BITBUCKET_CLIENT_ID=5NOmYaonDKoI9EKDJazYGMGHibOSN2IL',
        'BITBUCKET_CLIENT_SECRET=d36Q1LG4VUHxb0eW',
      ],
    },
  },

  // Self-hosted forges
  {
    id: 'gitea-access-token',
    title: 'Gitea / Forgejo access token',
    description: 'Acts as the user on the Gitea or Forgejo API and git within the token’s scopes.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['gitea', 'forgejo'],
    pattern:
      /(?:gitea|forgejo)[\w.-]{0,20}?(?:token|key|pat|password)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-f0-9]{40})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://docs.gitea.com/development/api-usage'],
    examples: {
      match: [
        'GITEA_TOKEN=85c309364d44da8d4d18354a430f2ee9a385983f',
        'forgejo_access_token: "827eb0ac9760b8d8a55a612d0091fbc0dac6e272"',
      ],
      noMatch: [
        'GITEA_COMMIT=e32b30b01022c22078b7380404c6e3cf2254238d',
        'GITEA_TOKEN=9280ada0c408c953fbc0a2986ed6aae8',
      ],
    },
  },

  // CI/CD services
  prefixedToken({
    id: 'circleci-personal-token',
    title: 'CircleCI personal API token',
    description:
      'Acts as the CircleCI user: pipelines, project settings and environment variables.',
    severity: 'high',
    prefix: 'CCIPAT_',
    body: '[A-Za-z0-9]{20,24}_[a-f0-9]{40}',
    references: ['https://circleci.com/docs/managing-api-tokens/'],
    match: [
      'CIRCLECI_TOKEN=CCIPAT_YYqy5Eg9BGjyVo1EVqz3Sq_4e7586dc764a57ee6eafa0de8fd85d741e231a2e',
    ],
    noMatch: ['CIRCLECI_TOKEN=CCIPAT_2U0NEvemhFpAUXX0x9G3of_ce2fae0e09903634432e'],
  }),
  prefixedToken({
    id: 'circleci-project-token',
    title: 'CircleCI project API token',
    description: 'Reads or triggers the builds of one CircleCI project, per its scope.',
    severity: 'medium',
    prefix: 'CCIPRJ_',
    body: '[A-Za-z0-9]{20,24}_[a-f0-9]{40}',
    references: ['https://circleci.com/docs/managing-api-tokens/'],
    match: [
      'CIRCLE_PROJECT_TOKEN=CCIPRJ_c2KD5iHfBJ85tR3moZ9oZJ_ef6bb9fbe079f4fcf1a86bfc61c669d5d33fe64c',
    ],
    noMatch: ['CIRCLE_PROJECT_TOKEN=CCIPRJ_Fb2XK1AnwkHaKQoFzJ9Wdf'],
  }),
  {
    id: 'circleci-api-token-legacy',
    title: 'CircleCI API token (unprefixed format)',
    description:
      'Acts as the CircleCI user: pipelines, project settings and environment variables.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['circle'],
    pattern:
      /circle(?:ci)?[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-f0-9]{40})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://circleci.com/docs/managing-api-tokens/'],
    examples: {
      match: [
        'CIRCLE_TOKEN=8033f01612051a48451a4a16736a92f3f4611676',
        'circleci_api_token: bcf661c5d6d6bc6d68b462dec7ac623eddff9880',
      ],
      noMatch: ['CIRCLE_SHA1=05b8b4189ac6a3ea8983bead6f48183109b01473'],
    },
  },
  {
    id: 'travis-ci-token',
    title: 'Travis CI API token',
    description: 'Acts as the Travis CI user: triggers builds and reads or changes settings.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['travis'],
    pattern:
      /travis[\w.-]{0,20}?(?:token|key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9_-]{22})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.travis-ci.com/user/triggering-builds/'],
    examples: {
      match: ['TRAVIS_API_TOKEN=OEesI3OUysYS0EHuLk5iC9'],
      noMatch: ['TRAVIS_BUILD_ID=SlS8fkNueO1PsCW4p7b2DC', 'TRAVIS_API_TOKEN=vu0kPj2vUpCE'],
    },
  },
  prefixedToken({
    id: 'buildkite-api-token',
    title: 'Buildkite API access token',
    description: 'Acts as the Buildkite user on the REST and GraphQL APIs within its scopes.',
    severity: 'high',
    prefix: 'bkua_',
    body: '[a-f0-9]{40}',
    references: ['https://buildkite.com/docs/apis/managing-api-tokens'],
    match: ['BUILDKITE_API_TOKEN=bkua_4bca63d56ca5c82194b2ced24265af531c78ff72'],
    noMatch: ['BUILDKITE_API_TOKEN=bkua_ec5240b50bc62b47942f'],
  }),
  {
    id: 'drone-ci-token',
    title: 'Drone CI access token',
    description: 'Acts as the Drone user: repositories, builds and secrets it administers.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['drone'],
    pattern:
      /drone[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([A-Za-z0-9]{32})(?![\w+/=-])/i,
    minEntropy: 3.5,
    references: ['https://docs.drone.io/cli/setup/'],
    examples: {
      match: ['DRONE_TOKEN=hMnk99eLODkNfZXXHjDiaaxFVCo7B2vG'],
      noMatch: ['DRONE_SERVER=https://drone.acme.internal', 'DRONE_TOKEN=RYP2IQO3Qdb0opvfwS0U'],
    },
  },
  {
    id: 'codecov-token',
    title: 'Codecov upload token',
    description:
      'Uploads coverage reports to the Codecov repository (or organization) it belongs to.',
    severity: 'medium',
    confidence: 'medium',
    keywords: ['codecov'],
    pattern:
      /codecov[\w.-]{0,20}?token[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}|[0-9a-f]{32})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://docs.codecov.com/docs/codecov-tokens'],
    examples: {
      match: ['CODECOV_TOKEN=35084d3b-ec48-4d2d-93b1-67402038b56d'],
      noMatch: ['CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}'],
    },
  },
  prefixedToken({
    id: 'sonarqube-user-token',
    title: 'SonarQube user token',
    description:
      'Acts as the SonarQube user: analyses, project settings and (for admins) the server.',
    severity: 'high',
    prefix: 'squ_',
    body: '[a-f0-9]{40}',
    references: [SONAR_DOCS],
    match: ['SONAR_TOKEN=squ_209b8abc265e7e22480cfbfd35aaf1e49c4d7e50'],
    noMatch: ['SONAR_TOKEN=squ_a190475a53802328b877'],
  }),
  prefixedToken({
    id: 'sonarqube-global-analysis-token',
    title: 'SonarQube global analysis token',
    description: 'Runs analyses on every project of the SonarQube server.',
    severity: 'high',
    prefix: 'sqa_',
    body: '[a-f0-9]{40}',
    references: [SONAR_DOCS],
    match: ['sonar.token=sqa_9b90c81cc416e43e76eebf838088eb21244a7511'],
    noMatch: ['sonar.token=sqa_ddad165e21a98b4f8b160e10c9c8033d812944c'],
  }),
  prefixedToken({
    id: 'sonarqube-project-analysis-token',
    title: 'SonarQube project analysis token',
    description: 'Runs analyses on one SonarQube project.',
    severity: 'medium',
    prefix: 'sqp_',
    body: '[a-f0-9]{40}',
    references: [SONAR_DOCS],
    match: ['sonar.login=sqp_35bdddcfc3a5d8abbb0f0c860be3d5a0f88e1772'],
    noMatch: ['sonar.login=sqp_a744d64392735a393b4721bc450ea6'],
  }),
  {
    id: 'sonar-token-legacy',
    title: 'SonarQube / SonarCloud token (unprefixed format)',
    description: 'Acts as the SonarQube or SonarCloud user that created it.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['sonar'],
    pattern:
      /sonar[\w.-]{0,20}?(?:token|login)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([a-f0-9]{40})(?![\w+/=-])/i,
    minEntropy: 3,
    references: [SONAR_DOCS],
    examples: {
      match: [
        'SONAR_TOKEN=b630e1f08a37c81a31f51f7fd3f0d260fd6c8ab9',
        'sonar.login=7df8353ffa1a985ec01813e67a244703f8763fbe',
      ],
      noMatch: ['SONAR_SCM_REVISION=09972adca1207dd98566d72d8c3b71602077fd9c'],
    },
  },
  {
    id: 'snyk-api-token',
    title: 'Snyk API token',
    description:
      'Acts as the Snyk user or service account: projects, issues and organization settings.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['snyk'],
    pattern:
      /snyk[\w.-]{0,20}?(?:token|key)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}([0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://docs.snyk.io/snyk-api/authentication-for-api'],
    examples: {
      match: ['SNYK_TOKEN=fc52d4a2-14e0-4244-b8c3-61b82992329e'],
      noMatch: ['SNYK_ORG_ID=16853d95-7d81-4fc4-b8dd-2f8907214fa5'],
    },
  },
  {
    id: 'jfrog-api-key',
    title: 'JFrog Artifactory API key',
    description: 'Acts as the JFrog user on Artifactory: reads and deploys artifacts.',
    severity: 'high',
    confidence: 'high',
    keywords: ['akcp'],
    pattern: /(?<![A-Za-z0-9])(AKCp[A-Za-z0-9]{69})(?![A-Za-z0-9])/,
    minEntropy: 4,
    references: ['https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key'],
    examples: {
      match: [
        'ARTIFACTORY_API_KEY=AKCp86yQaSr19eedp6xsrUSmAk4TiH85ZXiB0TeCxHlsvudYoSG9UyqpjsABGdrQYCpciRmfm',
      ],
      noMatch: ['ARTIFACTORY_API_KEY=AKCp83VPTtVpQ9TGrVFgc6hh6ClAOcUgCAvowoMnOx2wj'],
    },
  },
  {
    id: 'jfrog-reference-token',
    title: 'JFrog reference token',
    description: 'Acts as the JFrog user or service the access token was issued to.',
    severity: 'high',
    confidence: 'high',
    keywords: ['cmvmdgtu'],
    // base64("reftkn…")
    pattern: /(?<![A-Za-z0-9])(cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9])/,
    minEntropy: 4,
    references: [
      'https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens',
    ],
    examples: {
      match: [
        'JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjYB1H3M36xg8K3Kwlp8ONo8q1C0C1K5BDcJYmgao97VnSC4G6w1',
      ],
      noMatch: ['JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjwA3wtjIWvDkmlB6IeIV4'],
    },
  },
  {
    id: 'jenkins-api-token',
    title: 'Jenkins API token',
    description:
      'Acts as the Jenkins user on the remote API and CLI: jobs, builds and credentials.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['jenkins'],
    pattern:
      /jenkins[\w.-]{0,20}?(?:token|password|pass)[\w.-]{0,5}?[\s'"]{0,5}(?:=>|:=|[:=])[\s'"]{0,5}((?:11)?[0-9a-f]{32})(?![\w+/=-])/i,
    minEntropy: 3,
    references: ['https://www.jenkins.io/doc/book/using/remote-access-api/'],
    examples: {
      match: [
        'JENKINS_API_TOKEN=11963aba12bc8430bd78ae41b36895ce38',
        'jenkins_token: b7f47779ec61713321a2afafcee434be',
      ],
      noMatch: [
        'JENKINS_BUILD_HASH=373b72fbb8943586f92b3588812b829c',
        'JENKINS_API_TOKEN=e2bb123b0d979a7ae862',
      ],
    },
  },
  {
    id: 'harness-api-token',
    title: 'Harness personal or service account token',
    description:
      'Acts as the Harness user or service account on the account’s pipelines and secrets.',
    severity: 'high',
    confidence: 'high',
    keywords: ['pat.', 'sat.'],
    pattern:
      /(?<![\w.-])((?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})(?![\w.-])/,
    minEntropy: 3.5,
    references: [
      'https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/',
    ],
    examples: {
      match: [
        'HARNESS_API_KEY=pat.Q0fxrHSX3MWx0-QIXGlqOb.5d5c7ad3947c19aae0319e29.0uluTpTvYMIa6A4KJvjG',
      ],
      noMatch: ['HARNESS_API_KEY=pat.7p3WIBbI0lj7uVUtWYzg_g.9d0cb340bd4c3e20592e2813'],
    },
  },
  {
    id: 'teamcity-access-token',
    title: 'TeamCity access token',
    description: 'Acts as the TeamCity user on the REST API: builds, projects and parameters.',
    severity: 'high',
    confidence: 'high',
    keywords: ['eyj0exaioiaivenwmij9'],
    // A JWT-like token whose header is {"typ": "TCV2"}.
    pattern:
      /(?<![\w-])(eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{20,100}\.[A-Za-z0-9_-]{20,200})(?![\w-])/,
    minEntropy: 3.5,
    references: [
      'https://www.jetbrains.com/help/teamcity/configure-personal-settings.html#Managing+Access+Tokens',
    ],
    examples: {
      match: [
        'TEAMCITY_TOKEN=eyJ0eXAiOiAiVENWMiJ9.Y2AnSSn3vA-L1Kt9Efk85SdJvf3473IQyHL4.WuNxqZInPcCU7PBpaydqfUWgNUqHz4lAi1YHKhx8Q51UEZhM',
      ],
      noMatch: ['TEAMCITY_TOKEN=eyJ0eXAiOiAiVENWMiJ9.Y8pxdJu6'],
    },
  },
  {
    id: 'octopus-deploy-api-key',
    title: 'Octopus Deploy API key',
    description: 'Acts as the Octopus Deploy user: releases, deployments and project variables.',
    severity: 'high',
    confidence: 'medium',
    keywords: ['api-'],
    pattern: /(?<![\w-])(API-[A-Z0-9]{26,32})(?![\w-])/,
    minEntropy: 3.5,
    references: ['https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key'],
    examples: {
      match: ['OCTOPUS_API_KEY=API-IPTUE9QLFAQTIXLG2RT8I844TJ'],
      noMatch: ['X-API-VERSION=2', 'OCTOPUS_API_KEY=API-C4WO9Y0GL09XR077'],
    },
  },
  {
    id: 'sourcegraph-access-token',
    title: 'Sourcegraph access token',
    description: 'Acts as the Sourcegraph user: code search across every repository they can read.',
    severity: 'high',
    confidence: 'high',
    keywords: ['sgp_'],
    pattern: /\b(sgp_(?:(?:[a-f0-9]{16}|local)_)?[a-f0-9]{40})\b/,
    minEntropy: 3,
    references: ['https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token'],
    examples: {
      match: [
        'SRC_ACCESS_TOKEN=sgp_7cfb181865e8cf89_a6247f7f6a12b52d2c4e053960eaf306921063cd',
        'SRC_ACCESS_TOKEN=sgp_11268bf24fa17bde9e890683579ba52551774474',
      ],
      noMatch: ['SRC_ACCESS_TOKEN=sgp_bff83c263ea85dabacae'],
    },
  },
];
