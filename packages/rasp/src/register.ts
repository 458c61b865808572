/**
 * The agent's entry point, loaded before the app:
 * `node --import @vigil/rasp/register app.mjs`, `node --require @vigil/rasp/register app.cjs`,
 * or `import '@vigil/rasp/register'` as the app's first import. Reads the configuration from
 * `VIGIL_RASP_*` variables and `vigil-rasp.json`; a bad configuration is reported on one stderr
 * line and the agent runs in monitor mode. Nothing here can stop the app from starting.
 */

import { reportInternalError } from './agent/reportInternalError.js';
import { startAgent } from './agent/startAgent.js';
import { loadRaspConfig } from './config/loadRaspConfig.js';

try {
  const { enabled, config, problems } = loadRaspConfig();
  if (problems.length > 0) {
    process.stderr.write(
      `vigil-rasp: configuration ignored, running in monitor mode with defaults: ${problems.join('; ')}\n`,
    );
  }
  if (enabled) startAgent(config);
} catch (error) {
  reportInternalError('starting the agent', error);
}
