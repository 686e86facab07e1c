import { z } from 'zod';
import { cronProblem, isTimeZone } from './cron.js';
import { parseDurationMs } from './duration.js';

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const refName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'must be letters, digits, "_", "." or "-"');

export const namespace = z.string().regex(DNS_LABEL, 'must be a DNS-1123 label (lowercase a-z, 0-9, "-"; at most 63)');

// Kubernetes' rule for env var names (no '=', no leading digit).
export const envVarName = z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'must be an environment variable name such as LOG_LEVEL');

export const channelId = z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0PRODOPS (not #name)');
export const groupId = z.string().regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id such as S0PAYMENTS');
export const principal = z
  .string()
  .regex(/^(\*|[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,})$/, 'must be a user id (U…/W…), a user group id (S…) or "*"');

export const count = z.int('must be a whole number').min(0, 'must be 0 or more');

/** `30m`, `1h`, `90s`, `2h30m`, `1d` → milliseconds. */
export const duration = z.string('must be a duration such as 90s, 30m, 1h or 2h30m').transform((text, ctx) => {
  const ms = parseDurationMs(text);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration`, params: { hint: 'use e.g. 90s, 30m, 1h or 2h30m' } });
    return z.NEVER;
  }
  return ms;
});

export const cron = z.string().superRefine((expr, ctx) => {
  const problem = cronProblem(expr);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { hint: 'e.g. "0 9 * * 1-5" for 09:00 on weekdays' } });
});

export const timezone = z.string().refine(isTimeZone, { error: 'unknown time zone', params: { hint: 'use an IANA name such as Europe/Berlin or UTC' } });

/** A strict object: unknown keys are errors (turned into "did you mean" problems by parse-config). */
export function strict<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape);
}
