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
