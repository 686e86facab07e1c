/** Replacement for values that must never leave the cluster. */
export const REDACTED = '***REDACTED***';

// Names that usually carry credentials: PASSWORD, DB_PASS, API_TOKEN, CLIENT_SECRET, AWS_SECRET_ACCESS_KEY,
// PRIVATE_KEY, CREDENTIALS, AUTH_HEADER, DATABASE_URL-style DSNs, SESSION_COOKIE…
const SENSITIVE_NAME = /(pass(word|wd)?|pwd|token|secret|(^|[_.-])keys?($|[_.-])|apikey|api[_-]?key|private|credential|auth|cookie|session|dsn|signature|salt|cert)/i;

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) || /key$/i.test(name);
}

// Order matters: specific shapes first, then the generic NAME=value rule.
const TEXT_RULES: [RegExp, string][] = [
  // Authorization headers
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  // JWTs
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, REDACTED],
  // credentials inside URLs: scheme://user:pass@host
  [/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  // PEM private keys
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
  // NAME=value / NAME: value with a sensitive-looking NAME (env dumps, config echoes in logs)
  [/\b([A-Za-z0-9_.-]*(?:pass(?:word|wd)?|pwd|token|secret|api[_-]?key|private[_-]?key|credentials?|auth)[A-Za-z0-9_.-]*)(["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi, `$1$2${REDACTED}`],
];

/** Masks credential-looking fragments in free text (logs, server messages) before it leaves Shipmate. */
export function redactText(text: string): string {
  let out = text;
  for (const [re, replacement] of TEXT_RULES) out = out.replace(re, replacement);
  return out;
}
