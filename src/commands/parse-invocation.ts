import type { Invocation } from '../core/invocation.js';
import type { ParseContext, AnyCommandSpec } from './spec.js';
import { ArgProblem, UsageError } from './usage-error.js';
import { tokenize } from './tokenize.js';
import { splitArgs, preview } from './args.js';
import { closest } from './suggest.js';
import { COMMAND_ORDER, isCommand } from './command-list.js';
import { commandSpec } from './registry.js';

export type ParseResult = { ok: true; invocation: Invocation } | { ok: false; error: UsageError };

const MAX_TEXT = 4_000;

function usageOf(spec: AnyCommandSpec): string {
  return `Usage: \`/k8s ${spec.usage}\`\nExample: \`/k8s ${spec.examples[0] ?? spec.usage}\``;
}

function unknownCommand(word: string): UsageError {
  const near = closest(word, COMMAND_ORDER);
  const guess = near.length ? ` Did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : '';
  return new UsageError(`Unknown command "${preview(word)}".${guess}\nCommands: ${COMMAND_ORDER.join(', ')}. Try \`/k8s help\`.`, near);
}

/**
 * Parses and validates the text after `/k8s` into an Invocation, checking names against the
 * configuration. Never throws for any input: problems come back as a UsageError that says what was
 * wrong and shows the usage and an example.
 */
export function parseInvocation(text: string, ctx: ParseContext): ParseResult {
  if (text.length > MAX_TEXT) return { ok: false, error: new UsageError(`That is too long (${text.length} characters); commands are short, see \`/k8s help\`.`) };
  let tokens: string[];
  try {
    tokens = tokenize(text);
  } catch (err) {
    if (err instanceof ArgProblem) return { ok: false, error: new UsageError(`${err.message}. Try \`/k8s help\`.`) };
    throw err;
  }
  const [word, ...rest] = tokens;
  if (word === undefined) return { ok: true, invocation: { command: 'help' } };
  const name = word.toLowerCase();
  if (!isCommand(name)) return { ok: false, error: unknownCommand(word) };
  // `/k8s rollback --help` is a request for help, not a usage error.
  if (rest.includes('--help')) return { ok: true, invocation: { command: 'help', topic: name } };
  const spec = commandSpec(name) as AnyCommandSpec;
  try {
    const args = splitArgs(rest, spec.flags);
    return { ok: true, invocation: spec.parse(args, ctx) };
  } catch (err) {
    if (err instanceof ArgProblem) {
      const sentence = /[.?!]$/.test(err.message) ? err.message : `${err.message}.`;
      return { ok: false, error: new UsageError(`\`${spec.name}\`: ${sentence}\n${usageOf(spec)}`, err.suggestions) };
    }
    throw err;
  }
}
