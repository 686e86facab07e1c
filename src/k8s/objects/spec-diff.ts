import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { Sanitizer } from './sanitize.js';

/**
 * A unified diff of two objects rendered as YAML; '' when they render the same. Both sides pass
 * the sanitiser first: a diff's context lines would otherwise show env values that did not change.
 */
export function yamlDiff(sanitizer: Sanitizer, label: string, before: unknown, after: unknown): string {
  const a = toYaml(sanitizer, before);
  const b = toYaml(sanitizer, after);
  if (a === b) return '';
  const patch = createTwoFilesPatch(`a/${label}`, `b/${label}`, a, b, undefined, undefined, { context: 3 });
  // jsdiff starts with an "=====" separator line that unified diffs (and `git diff`) don't have.
  return patch
    .split('\n')
    .filter((line) => !/^={10,}$/.test(line))
    .join('\n');
}

/** An object as YAML for a capture or a card, sanitised on the way. */
export function toYaml(sanitizer: Sanitizer, value: unknown): string {
  return value === undefined ? '' : stringify(sanitizer.value(value), { sortMapEntries: true, lineWidth: 0 });
}
