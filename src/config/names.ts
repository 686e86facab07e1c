import type { ConfigProblem } from './problems.js';
import { DNS_LABEL } from './schema-primitives.js';

const REF_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

// Environments and apps are typed after /k8s, so they follow the same rules as Kubernetes names.
const RULES = {
  clusters: { pattern: REF_NAME, rule: 'letters, digits, "_", "." or "-" (at most 63)' },
  policies: { pattern: REF_NAME, rule: 'letters, digits, "_", "." or "-" (at most 63)' },
  environments: { pattern: DNS_LABEL, rule: 'a lowercase DNS-1123 label: a-z, 0-9 and "-", at most 63' },
  apps: { pattern: DNS_LABEL, rule: 'a lowercase DNS-1123 label: a-z, 0-9 and "-", at most 63' },
} as const;

/** Checks the names of clusters, environments, apps and policies on the raw document. */
export function nameProblems(doc: unknown): ConfigProblem[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const problems: ConfigProblem[] = [];
  for (const [section, { pattern, rule }] of Object.entries(RULES)) {
    const entries = (doc as Record<string, unknown>)[section];
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) continue;
    for (const name of Object.keys(entries)) {
      if (!pattern.test(name)) problems.push({ path: `${section}.${name}`, message: `"${name}" is not a valid name`, hint: `use ${rule}` });
    }
  }
  return problems;
}
