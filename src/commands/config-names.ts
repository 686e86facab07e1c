import type { ShipmateConfig } from '../config/types.js';
import { ArgProblem } from './usage-error.js';
import { closest } from './suggest.js';
import { preview } from './args.js';
import { isDnsSubdomain } from './validate/kube-names.js';

function pick(kind: 'app' | 'environment', value: string, known: string[]): string {
  if (known.includes(value)) return value;
  const lower = value.toLowerCase();
  if (known.includes(lower)) return lower;
  const near = closest(value, known);
  const list = known.length ? known.join(', ') : '(none configured)';
  const guess = near.length ? `did you mean ${near.join(', ')}? ` : '';
  throw new ArgProblem(`unknown ${kind} "${preview(value)}"; ${guess}known ${kind}s: ${list}`, near);
}

/** An app name from config (case-insensitive), or an ArgProblem listing the closest ones. */
export function appName(value: string, config: ShipmateConfig): string {
  return pick('app', value, Object.keys(config.apps));
}

/** An environment name from config (case-insensitive), or an ArgProblem listing the closest ones. */
export function envName(value: string, config: ShipmateConfig): string {
  return pick('environment', value, Object.keys(config.environments));
}

/** logs/debug: an app from config, else a pod name (a DNS-1123 subdomain that is not an app). */
export function appOrPod(value: string, config: ShipmateConfig): string {
  const apps = Object.keys(config.apps);
  if (apps.includes(value) || apps.includes(value.toLowerCase())) return value.toLowerCase();
  if (isDnsSubdomain(value)) return value;
  const near = closest(value, apps);
  throw new ArgProblem(
    `"${preview(value)}" is neither an app (${apps.join(', ') || 'none configured'}) nor a valid pod name (lowercase letters, digits, "-" and ".")`,
    near,
  );
}
