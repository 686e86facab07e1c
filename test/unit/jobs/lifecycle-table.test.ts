import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestState } from '../../../src/core/request.js';
import { NEXT, STEPS, TRANSITIONS, INLINE_STEPS } from '../../../src/jobs/lifecycle.js';

const SRC = join(import.meta.dirname, '../../../src');
const STATES = Object.keys(NEXT) as RequestState[];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const stateLiteral = `'(?:${STATES.join('|')})'`;

describe('the lifecycle table', () => {
  it('allows every named transition, and every allowed edge has a name', () => {
    const named = new Set<string>();
    for (const [name, t] of Object.entries(TRANSITIONS)) {
      for (const from of t.from) {
        expect(NEXT[from], `${name}: ${from} → ${t.to}`).toContain(t.to);
        named.add(`${from}→${t.to}`);
      }
    }
    const edges = STATES.flatMap((from) => NEXT[from].map((to) => `${from}→${to}`));
    expect(edges.filter((e) => !named.has(e))).toEqual([]);
  });

  it('names every transition in exactly one step, queued or inline', () => {
    const used = [...Object.values(STEPS).flatMap((s) => s.transitions), ...Object.values(INLINE_STEPS).flat()];
    expect(new Set(used)).toEqual(new Set(Object.keys(TRANSITIONS)));
  });

  it('is the only place in src/ that writes a from → to pair', () => {
    // A transition call with an inline list of states, or a `from: [...]` / `to: '…'` pair.
    const patterns = [
      new RegExp(`\\.transition\\([^)]*\\[\\s*${stateLiteral}`),
      new RegExp(`from:\\s*\\[\\s*${stateLiteral}`),
      new RegExp(`\\bto:\\s*${stateLiteral}`),
      new RegExp(`\\.addApproval\\([^)]*${stateLiteral}`),
    ];
    const offenders = sources(SRC)
      .filter((f) => !f.endsWith(join('jobs', 'lifecycle.ts')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (patterns.some((p) => p.test(line)) ? [`${relative(SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });

  it('detects the pattern it forbids (the scan is not vacuous)', () => {
    const line = "await deps.store.transition(id, ['queued'], 'running', {});";
    expect(new RegExp(`\\.transition\\([^)]*\\[\\s*${stateLiteral}`).test(line)).toBe(true);
  });
});

describe('infrastructure is built in main.ts', () => {
  it('opens Redis connections only in main.ts (and the CLI tools, which are their own roots)', () => {
    const offenders = sources(SRC)
      .map((f) => relative(SRC, f))
      .filter((f) => f !== 'main.ts' && !f.startsWith('cli/'))
      .filter((f) => /new Redis\(/.test(readFileSync(join(SRC, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
