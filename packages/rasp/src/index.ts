export {
  tokenizeSql,
  type SqlDialect,
  type SqlToken,
  type SqlTokenType,
} from './sql/tokenizeSql.js';
export {
  detectSqlInjection,
  type SqlInjectionReason,
  type SqlInjectionVerdict,
} from './sql/detectSqlInjection.js';
export { tokenizeShell, type ShellToken, type ShellTokenType } from './shell/tokenizeShell.js';
export {
  detectShellInjection,
  type ShellInjectionReason,
  type ShellInjectionVerdict,
} from './shell/detectShellInjection.js';
export {
  detectPathTraversal,
  type PathTraversalOptions,
  type PathTraversalReason,
  type PathTraversalVerdict,
} from './path/detectPathTraversal.js';
export { classifyIp, parseIpv4Loose, type IpClass } from './ssrf/classifyAddress.js';
export {
  detectSsrf,
  userInputChoosesHost,
  type SsrfReason,
  type SsrfVerdict,
} from './ssrf/detectSsrf.js';
export {
  ATTACK_KINDS,
  attackSettings,
  defaultRaspConfig,
  DEFAULT_ACTIONS,
  type AlertSettings,
  type AttackKind,
  type AttackSetting,
  type AttackWaveSettings,
  type RaspActions,
  type RateLimit,
  type SessionTermination,
  type RaspConfig,
  type RaspLimits,
  type RaspMode,
} from './config/RaspConfig.js';
export {
  loadRaspConfig,
  type LoadRaspConfigOptions,
  type RaspConfigResult,
} from './config/loadRaspConfig.js';
export { assertRaspConfigFile, type RaspConfigFile } from './config/assertRaspConfigFile.js';
export { RaspConfigError, type RaspConfigErrorCode } from './config/RaspConfigError.js';
export { getRequestContext } from './context/requestStore.js';
export {
  RequestContext,
  type FrameworkView,
  type ServerRequest,
  type ServerResponseLike,
} from './context/RequestContext.js';
export type { UserInput } from './context/collectUserInput.js';
export { parseCookies } from './context/parseCookies.js';
export { decodeJwtClaims } from './context/decodeJwtClaims.js';
export { VigilRaspBlockedError } from './actions/VigilRaspBlockedError.js';
export { startAgent } from './agent/startAgent.js';
export { inspectSink, type SinkCheck } from './agent/inspectSink.js';
export type { AttackEvent, Detection } from './actions/handleDetection.js';
export { tokenizeJs, type JsToken, type JsTokenType } from './code/tokenizeJs.js';
export {
  detectCodeInjection,
  type CodeInjectionReason,
  type CodeInjectionVerdict,
} from './code/detectCodeInjection.js';
export { tokenizeHtml, type HtmlToken, type HtmlTokenType } from './xss/tokenizeHtml.js';
export { detectXss, type XssReason, type XssVerdict } from './xss/detectXss.js';
export {
  detectPollutingKey,
  detectPrototypePollution,
  type PrototypePollutionLimits,
  type PrototypePollutionReason,
  type PrototypePollutionVerdict,
} from './prototype/detectPrototypePollution.js';
export {
  detectNoSqlInjection,
  type NoSqlInjectionReason,
  type NoSqlInjectionVerdict,
} from './nosql/detectNoSqlInjection.js';
export { setUser } from './agent/setUser.js';
export {
  cookieSessionTerminator,
  expressSessionTerminator,
  setSessionTerminator,
  type SessionTerminator,
} from './actions/sessionTerminators.js';
export { AlertQueue, type AlertTransport } from './actions/AlertQueue.js';
export { SlidingWindowCounter } from './actions/SlidingWindowCounter.js';
export type { AttackWaveEvent } from './actions/attackWave.js';
export type { RateLimitedEvent } from './actions/gateRequest.js';
