import type { CommandName } from '../core/invocation.js';
import type { OperationLimits } from '../core/operation.js';
import { IMPERATIVE_DEFAULTS } from '../core/owner.js';
import type { Denial, Policy, PolicySource } from './types.js';
import { isGroupId } from './principals.js';
import { APPROVE_CHECKS, RUN_CHECKS, envPolicy, listFor, runList, type EnvPolicy } from './rules.js';

function isDenial(v: EnvPolicy | Denial): v is Denial {
  return 'rule' in v;
}

function first<C>(checks: readonly ((p: EnvPolicy, ctx: C) => Denial | null)[], p: EnvPolicy, ctx: C): Denial | null {
  for (const check of checks) {
    const denial = check(p, ctx);
    if (denial) return denial;
  }
  return null;
}

/**
 * Builds the pure policy over the configuration (ShipmateConfig fits PolicySource). Unknown
 * environments deny in the check* methods; the numeric queries throw a RangeError for them, since
 * guessing a number of approvals would be unsafe and callers resolve the scope first.
 */
export function createPolicy(config: PolicySource): Policy {
  const resolve = (env: string): EnvPolicy | null => {
    const p = envPolicy(config, env);
    return isDenial(p) ? null : p;
  };
  const mustResolve = (env: string): EnvPolicy => {
    const p = resolve(env);
    if (!p) throw new RangeError(`unknown environment "${env}"`);
    return p;
  };
  return {
    checkRun(ctx) {
      const p = envPolicy(config, ctx.env);
      return isDenial(p) ? p : first(RUN_CHECKS, p, ctx);
    },
    checkRunner(ctx) {
      const p = envPolicy(config, ctx.env);
      return isDenial(p) ? p : runList(p, { ...ctx, channel: '' });
    },
    checkApprove(ctx) {
      const p = envPolicy(config, ctx.env);
      return isDenial(p) ? p : first(APPROVE_CHECKS, p, ctx);
    },
    approvalsRequired(env, command, mutates) {
      const p = mustResolve(env);
      const override = p.rules.commands[command]?.approvals;
      if (override !== undefined) return override;
      if (!mutates && p.rules.readOnlyWithoutApproval) return 0;
      // Stopping a request must never wait for a vote; anyone allowed to run may cancel.
      if (command === 'cancel' || command === 'help') return 0;
      return p.rules.approvals;
    },
    approvalTtlMs(env: string, _command: CommandName) {
      return mustResolve(env).rules.approvalTtlMs;
    },
    limits(env): OperationLimits {
      const { rules } = mustResolve(env);
      return { rolloutTimeoutMs: rules.rolloutTimeoutMs, drainTimeoutMs: rules.drainTimeoutMs, minReplicas: rules.scale.min, maxReplicas: rules.scale.max };
    },
    groupsToResolve(env) {
      const p = resolve(env);
      if (!p) return [];
      const ids = [...p.rules.run, ...p.rules.approve];
      for (const o of Object.values(p.rules.commands)) ids.push(...(o?.run ?? []), ...(o?.approve ?? []));
      return [...new Set(ids.filter(isGroupId))].sort();
    },
    approversOf(env, command) {
      const p = resolve(env);
      return p ? listFor(p, command, 'approve').list : [];
    },
    imperativeOnOwned(env, owner) {
      // An unknown environment gets the strictest answer rather than a guess.
      const p = resolve(env);
      return p ? (p.rules.imperativeOnOwned?.[owner] ?? IMPERATIVE_DEFAULTS[owner]) : 'refuse';
    },
  };
}
