export type * from './types.js';
export { loadRuntimeEnv, configPathFromEnv } from './runtime-env.js';
export { loadToolEnv, redisPrefixFrom, type ToolEnv } from './tool-env.js';
export { parseConfig } from './parse-config.js';
export { loadConfig } from './load-config.js';
export { ConfigError, formatProblem, type ConfigProblem, type ConfigResult } from './problems.js';
export { COMMAND_NAMES, isCommandName } from './command-names.js';
export { loadAuditKey } from './audit-key.js';
export { loadDotEnv, type DotEnvResult } from './dotenv.js';
