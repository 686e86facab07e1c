import type { RespondArguments } from '@slack/bolt';
import { parseInvocation, resolveScope, helpText } from '../../commands/index.js';
import type { CommandName, Invocation } from '../../core/invocation.js';
import { userMessageOf } from '../../core/errors.js';
import { describeTarget } from '../../core/target.js';
import { renderBusy, renderDenial, renderHelp, renderReceipt, renderUsageError, renderJobsList, renderAuditEntries, renderPlainEphemeral } from '../views/index.js';
import type { ListenerDeps } from './deps.js';
import { recordRefusal } from './refusal-audit.js';

export interface SlashCommandInput {
  text: string;
  user: string;
  /** The sender's handle (`user_name`), already in safe form; absent when Slack sent none usable. */
  userHandle?: string | undefined;
  channel: string;
  /** Unique per invocation and repeated on a retried delivery: the idempotency key. */
  triggerId: string;
}

/**
 * Answer one `/k8s …` invocation. Runs before the ack, so it touches only Redis (and the cached
 * user-group lookup): no cluster I/O. What it returns is the ephemeral ack response.
 */
export async function answerSlashCommand(deps: ListenerDeps, input: SlashCommandInput): Promise<RespondArguments> {
  const parsed = parseInvocation(input.text, { config: deps.config });
  if (!parsed.ok) {
    deps.metrics.request('unknown', 'usage_error');
    return renderUsageError(parsed.error.userMessage, parsed.error.suggestions);
  }
  const invocation = parsed.invocation;
  try {
    return await route(deps, input, invocation);
  } catch (err) {
    deps.logger.error({ err, command: invocation.command, user: input.user }, 'slash command failed');
    deps.metrics.request(invocation.command, 'error');
    return renderPlainEphemeral(`Shipmate could not take that request: ${userMessageOf(err)}`);
  }
}

async function route(deps: ListenerDeps, input: SlashCommandInput, invocation: Invocation): Promise<RespondArguments> {
  switch (invocation.command) {
    case 'help':
      return answerHelp(deps, input, invocation.topic);
    case 'cancel': {
      const record = await deps.pipeline.get(invocation.requestId);
      const env = record?.scope?.env;
      const groups = env ? await deps.groups.groupsOf(input.user, deps.policy.groupsToResolve(env)) : new Set<string>();
      const r = await deps.pipeline.cancel(invocation.requestId, input.user, groups);
      if (record && !r.ok && r.refusal) await recordRefusal(deps, record, { user: input.user, action: 'cancel', refusal: r.refusal });
      deps.metrics.request('cancel', r.ok ? 'accepted' : 'rejected');
      return renderPlainEphemeral(r.message);
    }
    case 'jobs': {
      const records = await deps.pipeline.list({ active: true, limit: 20, ...(invocation.env ? { env: invocation.env } : {}) });
      deps.metrics.request('jobs', 'accepted');
      return renderJobsList(records);
    }
    case 'audit':
      return answerAudit(deps, invocation);
    default:
      return submit(deps, input, invocation);
  }
}

async function answerHelp(deps: ListenerDeps, input: SlashCommandInput, topic: CommandName | undefined): Promise<RespondArguments> {
  const envs = Object.keys(deps.config.environments);
  const groups = await deps.groups.groupsOf(input.user, envs.flatMap((e) => deps.policy.groupsToResolve(e)));
  deps.metrics.request('help', 'accepted');
  return renderHelp(helpText(topic, { user: input.user, userGroups: groups, policy: deps.policy, config: deps.config }));
}

async function answerAudit(deps: ListenerDeps, invocation: Extract<Invocation, { command: 'audit' }>): Promise<RespondArguments> {
  const scoped = resolveScope(invocation, deps.config);
  if (!scoped.ok) return renderUsageError(scoped.error.userMessage, scoped.error.suggestions);
  const workload = scoped.scope?.workload;
  if (!scoped.scope || !workload) return renderPlainEphemeral(`${invocation.app} has no workload in ${invocation.env}`);
  const target = describeTarget({ cluster: scoped.scope.cluster, namespace: scoped.scope.namespace, kind: workload.kind, name: workload.name });
  const entries = await deps.audit.read({ target, limit: 20 });
  deps.metrics.request('audit', 'accepted');
  return renderAuditEntries(entries, `${invocation.app} in ${invocation.env}`);
}

async function submit(deps: ListenerDeps, input: SlashCommandInput, invocation: Invocation): Promise<RespondArguments> {
  const scoped = resolveScope(invocation, deps.config);
  if (!scoped.ok) {
    deps.metrics.request(invocation.command, 'usage_error');
    return renderUsageError(scoped.error.userMessage, scoped.error.suggestions);
  }
  const scope = scoped.scope;
  const env = scope?.env;
  if (env !== undefined) {
    const userGroups = await deps.groups.groupsOf(input.user, deps.policy.groupsToResolve(env));
    const replicas = invocation.command === 'scale' ? { replicas: invocation.replicas } : {};
    const denial = deps.policy.checkRun({ user: input.user, userGroups, env, command: invocation.command, channel: input.channel, ...replicas });
    if (denial) {
      deps.metrics.request(invocation.command, 'denied');
      await deps.audit.append({ requestId: '-', actor: input.user, action: 'refused', command: invocation.command, target: `${env}`, decision: denial.rule, detail: denial.message }).catch((err: unknown) => deps.logger.error({ err }, 'audit append failed'));
      return renderDenial(denial);
    }
  }
  const unreachable = scope ? deps.clusters.unreachable(scope.cluster) : null;
  if (scope && unreachable !== null) {
    deps.metrics.request(invocation.command, 'rejected');
    return renderPlainEphemeral(`cluster ${scope.cluster} is unreachable: ${unreachable}. Nothing was started; try again once it answers.`);
  }
  const channel = (env !== undefined ? deps.config.environments[env]?.channel : undefined) ?? input.channel;
  const outcome = await deps.pipeline.submit({
    invocation,
    text: input.text,
    scope,
    requester: input.user,
    ...(input.userHandle ? { requesterHandle: input.userHandle } : {}),
    channel,
    idempotencyKey: `trigger:${input.triggerId}`,
  });
  if ('rejected' in outcome) {
    deps.metrics.request(invocation.command, 'rejected');
    return outcome.busy ? renderBusy(outcome.busy) : renderPlainEphemeral(outcome.rejected);
  }
  deps.metrics.request(invocation.command, outcome.created ? 'accepted' : 'duplicate');
  return renderReceipt(outcome.request);
}
