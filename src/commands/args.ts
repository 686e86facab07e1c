import type { FlagSpec, ParsedArgs } from './spec.js';
import { ArgProblem } from './usage-error.js';
import { closest } from './suggest.js';

// macOS and Slack autocorrect "--" into an em or en dash; accept what people actually send.
const DASHES = /^(?:--|\u2014|\u2013)(?=[^-\u2014\u2013])/;

/** Splits tokens into positionals and known flags; unknown, repeated or valueless flags are errors. */
export function splitArgs(tokens: readonly string[], flags: readonly FlagSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const found = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!DASHES.test(token)) {
      positionals.push(token);
      continue;
    }
    const body = token.replace(DASHES, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = flags.find((f) => f.name === name);
    if (!spec) throw unknownFlag(name, flags);
    if (found.has(name)) throw new ArgProblem(`--${name} is given twice`);
    if (spec.value === undefined) {
      if (eq >= 0) throw new ArgProblem(`--${name} takes no value`);
      found.set(name, true);
      continue;
    }
    let value = eq >= 0 ? body.slice(eq + 1) : tokens[i + 1];
    if (eq < 0) i++;
    if (value === undefined || value === '' || DASHES.test(value)) throw new ArgProblem(`--${name} needs a value (--${name} ${spec.value})`);
    value = value.trim();
    found.set(name, value);
  }
  return { positionals, flags: found };
}

function unknownFlag(name: string, flags: readonly FlagSpec[]): ArgProblem {
  const near = closest(name, flags.map((f) => f.name)).map((n) => `--${n}`);
  const allowed = flags.length ? `this command takes ${flags.map((f) => `--${f.name}`).join(', ')}` : 'this command takes no flags';
  return new ArgProblem(`unknown flag --${name.slice(0, 40)}${near.length ? `; did you mean ${near.join(' or ')}?` : ''} (${allowed})`, near);
}

/**
 * Exactly the named positionals (`required`), then up to `optional.length` more. Returns them in
 * order; a missing one is named, an extra one is quoted.
 */
export function positionals(args: ParsedArgs, required: readonly string[], optional: readonly string[] = []): string[] {
  const given = args.positionals;
  if (given.length < required.length) {
    const missing = required.slice(given.length).map((n) => `<${n}>`).join(' ');
    throw new ArgProblem(`missing ${missing}`);
  }
  const max = required.length + optional.length;
  if (given.length > max) throw new ArgProblem(`unexpected argument "${preview(given[max]!)}"`);
  return [...given];
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Long or odd user text, shortened for echoing back in a message. */
export function preview(text: string): string {
  const clean = [...text].map((ch) => (/\p{Cc}/u.test(ch) ? '?' : ch)).join('');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
