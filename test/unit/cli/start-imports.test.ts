import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The src modules that loading `entry` loads: every import and export-from that is not `import type`
 * / `export type` (tsconfig sets verbatimModuleSyntax, so exactly those reach the emitted code),
 * followed transitively. `import()` is not followed: that is what loads code on first use.
 */
function loadedWith(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2023);
    for (const s of source.statements) {
      const runtime = (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly) || (ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined && !s.isTypeOnly);
      if (!runtime || !ts.isStringLiteral(s.moduleSpecifier!) || !s.moduleSpecifier.text.startsWith('.')) continue;
      const target = relative(root, resolve(root, dirname(file), s.moduleSpecifier.text.replace(/\.js$/, '.ts')));
      if (existsSync(join(root, target))) pending.push(target);
    }
  }
  return seen;
}

// Code a started bot does not need until a request meets a Helm or GitOps owner, a Git change, a
// preflight or a Helm/GitOps scan. Left out on purpose: helm-cli (start-up checks the binary's
// version), gitops-owner (whether an app has a GitOps owner at all), the GitOps status/history
// wrappers that ask it, and the registry's layers (create-*-operations.ts), which load the rest lazily.
const ON_FIRST_USE = [
  /^src\/git\//,
  /^src\/k8s\/gitops\/(?!gitops-owner\.ts$)/,
  /^src\/k8s\/helm\/(?!helm-cli\.ts$|helm-for-config\.ts$)/,
  /^src\/k8s\/operations\/helm-/,
  /^src\/k8s\/operations\/gitops-(?!owned-operations\.ts$|scope\.ts$)/,
  /^src\/k8s\/operations\/(flux-source-diff|preflight-operation)\.ts$/,
  /^src\/k8s\/preflight\//,
  /^src\/k8s\/scans\/(helm|gitops)-scan\.ts$/,
];

describe('shipmate start', () => {
  it('loads no Helm, GitOps, Git-change or preflight code until a request needs it (idle memory, bench/startup.ts)', () => {
    const loaded = [...loadedWith('src/cli/start.ts')];
    expect(loaded.length).toBeGreaterThan(100);
    expect(loaded.filter((f) => ON_FIRST_USE.some((r) => r.test(f))).sort()).toEqual([]);
  });
});
