import type { CommandName, InvocationOf } from '../core/invocation.js';
import type { ShipmateConfig } from '../config/types.js';

export interface FlagSpec {
  /** Without the leading `--`. */
  name: string;
  /** The placeholder shown in usage (`N`, `1h`); absent for boolean flags. */
  value?: string;
  description: string;
}

/** Tokens after the command name, split into positionals and `--flag[=value]` flags. */
export interface ParsedArgs {
  positionals: readonly string[];
  flags: ReadonlyMap<string, string | true>;
}

export interface ParseContext {
  config: ShipmateConfig;
}

/** One `/k8s` command: data (usage, examples, flags) plus a pure argument parser. */
export interface CommandSpec<C extends CommandName = CommandName> {
  name: C;
  summary: string;
  /** e.g. `rollback <app> <env> [--to N]` (without `/k8s`). */
  usage: string;
  examples: readonly string[];
  /** Changes the cluster or a request (needs a plan and, per policy, approvals). */
  mutates: boolean;
  /** Only reads: runs without approval where the policy has readOnlyWithoutApproval. */
  readOnly: boolean;
  /** The first argument names an app from config (logs/debug also accept a pod name: false). */
  needsApp: boolean;
  /** Whether the command runs in an environment (its policy applies); false for help/cancel. */
  scoped: boolean;
  flags: readonly FlagSpec[];
  /** Builds the invocation; throws ArgProblem with what was wrong. */
  parse(args: ParsedArgs, ctx: ParseContext): InvocationOf<C>;
}

export type AnyCommandSpec = { [C in CommandName]: CommandSpec<C> }[CommandName];
