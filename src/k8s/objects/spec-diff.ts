import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';

/** A unified diff of two objects rendered as YAML; '' when they render the same. */
export function yamlDiff(label: string, before: unknown, after: unknown): string {
  const a = toYaml(before);
  const b = toYaml(after);
  if (a === b) return '';
  const patch = createTwoFilesPatch(`a/${label}`, `b/${label}`, a, b, undefined, undefined, { context: 3 });
  // jsdiff starts with an "=====" separator line that unified diffs (and `git diff`) don't have.
  return patch
    .split('\n')
    .filter((line) => !/^={10,}$/.test(line))
    .join('\n');
}

export function toYaml(value: unknown): string {
  return value === undefined ? '' : stringify(value, { sortMapEntries: true, lineWidth: 0 });
}
