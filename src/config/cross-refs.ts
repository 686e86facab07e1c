import type { ShipmateConfig } from './types.js';
import type { ConfigProblem } from './problems.js';
import { closestNames } from '../core/closest.js';
import { gitopsReferenceProblems } from './gitops-refs.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keysOf(v: unknown): string[] {
  return isRecord(v) ? Object.keys(v) : [];
}

function unknownRef(path: string, what: string, name: string, known: string[]): ConfigProblem {
  const near = closestNames(name, known);
  const problem: ConfigProblem = { path, message: `unknown ${what} "${name}"; known: ${known.join(', ') || '(none)'}` };
  if (near.length > 0) problem.hint = `did you mean ${near.join(' or ')}?`;
  return problem;
}

/**
 * Checks references between sections on the raw document, so they are reported even when other
 * parts of the file fail the schema (every problem at once).
 */
export function crossReferenceProblems(doc: unknown): ConfigProblem[] {
  if (!isRecord(doc)) return [];
  const clusters = keysOf(doc['clusters']);
  const policies = keysOf(doc['policies']);
  const problems: ConfigProblem[] = [];
  for (const [name, env] of Object.entries(isRecord(doc['environments']) ? doc['environments'] : {})) {
    if (!isRecord(env)) continue;
    const { cluster, policy } = env;
    if (typeof cluster === 'string' && !clusters.includes(cluster)) {
      problems.push(unknownRef(`environments.${name}.cluster`, 'cluster', cluster, clusters));
    }
    if (typeof policy === 'string' && !policies.includes(policy)) {
      problems.push(unknownRef(`environments.${name}.policy`, 'policy', policy, policies));
    }
  }
  for (const [name, policy] of Object.entries(isRecord(doc['policies']) ? doc['policies'] : {})) {
    if (isRecord(policy)) problems.push(...approverProblems(`policies.${name}`, policy));
  }
  problems.push(...gitopsReferenceProblems(doc));
  return problems;
}

function approverProblems(path: string, policy: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const approve = Array.isArray(policy['approve']) ? policy['approve'] : [];
  if (typeof policy['approvals'] === 'number' && policy['approvals'] > 0 && approve.length === 0) {
    problems.push({ path: `${path}.approvals`, message: `${policy['approvals']} approval(s) required but nobody may approve`, hint: 'add user or group ids to approve, or set approvals: 0' });
  }
  for (const [command, o] of Object.entries(isRecord(policy['commands']) ? policy['commands'] : {})) {
    if (!isRecord(o) || typeof o['approvals'] !== 'number' || o['approvals'] === 0) continue;
    const list = Array.isArray(o['approve']) ? o['approve'] : approve;
    if (list.length === 0) {
      problems.push({ path: `${path}.commands.${command}.approvals`, message: `${o['approvals']} approval(s) required but nobody may approve`, hint: `add approve ids to the policy or to commands.${command}` });
    }
  }
  return problems;
}

/** Valid but probably not what was meant: more approvals than the listed people can give. */
export function configWarnings(config: ShipmateConfig): string[] {
  const warnings: string[] = [];
  for (const [name, p] of Object.entries(config.policies)) {
    const lists: [string, number, string[]][] = [[`policies.${name}`, p.approvals, p.approve]];
    for (const [cmd, o] of Object.entries(p.commands)) {
      if (o) lists.push([`policies.${name}.commands.${cmd}`, o.approvals ?? p.approvals, o.approve ?? p.approve]);
    }
    for (const [path, approvals, approve] of lists) {
      const onlyUsers = approve.length > 0 && approve.every((id) => /^[UW]/.test(id));
      const distinct = new Set(approve).size;
      if (onlyUsers && approvals > distinct) {
        warnings.push(`${path}: ${approvals} approvals required but only ${distinct} user(s) may approve; such requests can never be approved`);
      }
    }
  }
  const used = new Set(Object.values(config.environments).map((e) => e.policy));
  for (const name of Object.keys(config.policies)) if (!used.has(name)) warnings.push(`policies.${name}: not used by any environment`);
  return warnings;
}
