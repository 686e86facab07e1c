import { z } from 'zod';
import type { ConfigProblem } from './problems.js';
import { formatPath } from './problems.js';
import { closestNames } from '../core/closest.js';

/** The keys a strict object at `path` accepts, found by walking the schema (records consume a key). */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (let i = 0; node && i <= path.length; ) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodDefault || node instanceof z.ZodNullable) node = node.unwrap() as z.ZodType;
    else if (node instanceof z.ZodPipe) node = node.in as z.ZodType;
    else if (i === path.length) break;
    else if (node instanceof z.ZodObject) node = node.shape[String(path[i++])] as z.ZodType | undefined;
    else if (node instanceof z.ZodRecord) {
      node = node.valueType as z.ZodType;
      i++;
    } else if (node instanceof z.ZodArray) {
      node = node.element as z.ZodType;
      i++;
    }
    else return [];
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

const EXPECTED: Partial<Record<string, string>> = { record: 'a mapping', object: 'a mapping', array: 'a list', int: 'a whole number' };

function describeType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  return `${typeof input} ${JSON.stringify(input)}`;
}

/** zod issues → problems people can act on: unknown keys get "did you mean", missing keys say "required". */
export function issuesToProblems(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const near = closestNames(key, known);
        problems.push({
          path: formatPath([...issue.path, key]),
          message: `unknown key "${key}"`,
          hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : `allowed: ${known.join(', ')}`,
        });
      }
      continue;
    }
    const path = formatPath(issue.path);
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      problems.push({ path, message: 'is required' });
    } else if (issue.code === 'invalid_type') {
      problems.push({ path, message: `expected ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, got ${describeType(issue.input)}` });
    } else {
      const hint = issue.code === 'custom' ? (issue.params?.['hint'] as string | undefined) : undefined;
      problems.push(hint ? { path, message: issue.message, hint } : { path, message: issue.message });
    }
  }
  return problems;
}
