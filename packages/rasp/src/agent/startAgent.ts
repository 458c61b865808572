/**
 * Installs the agent's hooks, once per process, and puts `config` in force (a later call only
 * replaces the configuration). Each hook group is installed on its own: one that fails is
 * reported and the others still protect the app.
 *
 * @example
 * import { loadRaspConfig, startAgent } from '@vigil/rasp';
 * startAgent(loadRaspConfig().config);
 */

import type { RaspConfig } from '../config/RaspConfig.js';
import { hookChildProcess } from '../hooks/childProcess.js';
import { hookCodeExecution } from '../hooks/codeExecution.js';
import { hookFetch } from '../hooks/fetch.js';
import { hookFs } from '../hooks/fs.js';
import { hookHtmlResponses } from '../hooks/htmlResponse.js';
import { hookHttpServers } from '../hooks/httpServer.js';
import { hookOutboundHttp } from '../hooks/outboundHttp.js';
import { hookPathFunctions } from '../hooks/pathFunctions.js';
import { hookFastify, patchKoa } from '../hooks/frameworks.js';
import { patchMongodb } from '../hooks/mongodb.js';
import { hookNodeSqlite } from '../hooks/nodeSqlite.js';
import { hookPackageLoads } from '../hooks/packageLoads.js';
import { SQL_DRIVER_PATCHES } from '../hooks/sqlDrivers.js';
import { agentState } from './agentState.js';
import { freezeBuiltinPrototypes } from './freezeBuiltinPrototypes.js';
import { reportInternalError } from './reportInternalError.js';

const HOOKS: readonly (readonly [string, (config: RaspConfig) => void])[] = [
  ['http', hookHttpServers],
  ['child_process', hookChildProcess],
  ['fs', hookFs],
  ['path', hookPathFunctions],
  [
    'packages',
    () => {
      hookPackageLoads({ ...SQL_DRIVER_PATCHES, mongodb: patchMongodb, koa: patchKoa });
    },
  ],
  ['node:sqlite', hookNodeSqlite],
  ['outbound-http', hookOutboundHttp],
  ['fetch', hookFetch],
  ['html-response', hookHtmlResponses],
  ['fastify', hookFastify],
  [
    'code',
    (config) => {
      hookCodeExecution({ eval: config.hookEval });
    },
  ],
];

export function startAgent(config: RaspConfig): void {
  const state = agentState();
  state.config = config;
  for (const [name, install] of HOOKS) {
    if (state.installed.has(name)) continue;
    state.installed.add(name);
    try {
      install(config);
    } catch (error) {
      reportInternalError(`installing the ${name} hooks`, error);
    }
  }
  if (config.freezePrototypes && !state.installed.has('frozen-prototypes')) {
    state.installed.add('frozen-prototypes');
    try {
      freezeBuiltinPrototypes();
    } catch (error) {
      reportInternalError('freezing prototypes', error);
    }
  }
  try {
    // ESM named imports of builtins (`import { exec } from 'node:child_process'`) are bindings
    // copied from the module object: this copies the wrapped functions into them.
    process.getBuiltinModule('node:module').syncBuiltinESMExports();
  } catch (error) {
    reportInternalError('syncing builtin ESM exports', error);
  }
}
