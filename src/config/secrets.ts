import type { ConfigProblem } from './problems.js';
import { formatPath } from './problems.js';

// Key names that carry credentials in other tools' YAML; matched on the key, never the value.
const SECRET_KEY = /(token|secret|password|passw(or)?d|credential|api[-_]?key|private[-_]?key|client[-_]?key|webhook[-_]?url)/i;

const ENV_HINT = 'put secrets in the environment: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN; see .env.example';

const NAMED_SECTIONS = new Set(['clusters', 'environments', 'apps', 'policies']);

/** Keys that are names chosen by the user (an app called "token-service"), not settings. */
function holdsNames(path: readonly PropertyKey[]): boolean {
  return (path.length === 1 && NAMED_SECTIONS.has(String(path[0]))) || (path.length === 3 && path[0] === 'policies' && path[2] === 'commands');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Secrets are never read from the YAML: reports every secret-looking key and returns a copy of the
 * document without them, so the schema does not report the same key again as "unknown".
 */
export function stripSecrets(doc: unknown, path: PropertyKey[] = [], problems: ConfigProblem[] = []): { value: unknown; problems: ConfigProblem[] } {
  if (Array.isArray(doc)) {
    return { value: doc.map((item, i) => stripSecrets(item, [...path, i], problems).value), problems };
  }
  if (!isRecord(doc)) return { value: doc, problems };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    // `tokenEnv: GITOPS_TOKEN` names the variable that holds the secret; the name is not a secret.
    const namesAnEnvVar = key.endsWith('Env') && typeof value === 'string';
    if (!holdsNames(path) && !namesAnEnvVar && SECRET_KEY.test(key)) {
      problems.push({ path: formatPath([...path, key]), message: 'secrets are never read from the configuration file', hint: ENV_HINT });
      continue;
    }
    out[key] = stripSecrets(value, [...path, key], problems).value;
  }
  return { value: out, problems };
}
