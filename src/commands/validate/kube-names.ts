import { ArgProblem } from '../usage-error.js';
import { preview } from '../args.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label as Kubernetes uses it (namespaces, container names): at most 63 characters. */
export function isDnsLabel(s: string): boolean {
  return s.length <= 63 && LABEL.test(s);
}

/** RFC 1123 subdomain (pod and node names): dot-separated labels, at most 253 characters. */
export function isDnsSubdomain(s: string): boolean {
  return s.length > 0 && s.length <= 253 && s.split('.').every((part) => LABEL.test(part));
}

function why(s: string): string {
  if (/[A-Z]/.test(s)) return 'Kubernetes names are lowercase';
  if (/^[-.]|[-.]$/.test(s)) return 'it must start and end with a letter or digit';
  return 'use lowercase letters, digits and "-"';
}

/** Validates a Kubernetes name, throwing an ArgProblem that says which kind of name was wrong and why. */
export function kubeName(value: string, what: string, kind: 'label' | 'subdomain'): string {
  const ok = kind === 'label' ? isDnsLabel(value) : isDnsSubdomain(value);
  if (ok) return value;
  const max = kind === 'label' ? 63 : 253;
  const reason = value.length > max ? `it is longer than ${max} characters` : why(value);
  throw new ArgProblem(`"${preview(value)}" is not a valid ${what}: ${reason}`);
}
