import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './render.js';

/**
 * STATIC CHECK ONLY: Docker cannot run on the build machine, so this reads the Dockerfile and
 * checks its instructions; it does not build or run the image.
 */

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  body: Instruction[];
}

/** Dockerfile → stages of instructions; joins `\` continuations and drops comments. */
function parseDockerfile(text: string): { args: Instruction[]; stages: Stage[] } {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const preamble: Instruction[] = [];
  const stages: Stage[] = [];
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const ins = { op: m[1].toUpperCase(), args: (m[2] ?? '').replace(/\s+/g, ' ') };
    if (ins.op === 'FROM') {
      const f = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ from: f?.[1] ?? ins.args, ...(f?.[2] ? { name: f[2] } : {}), body: [] });
    } else if (stages.length === 0) preamble.push(ins);
    else stages[stages.length - 1]?.body.push(ins);
  }
  return { args: preamble, stages };
}

const of = (stage: Stage | undefined, op: string) => (stage?.body ?? []).filter((i) => i.op === op);

let parsed: ReturnType<typeof parseDockerfile>;
let dockerignore: string[];
beforeAll(async () => {
  parsed = parseDockerfile(await readFile(join(repoRoot, 'Dockerfile'), 'utf8'));
  dockerignore = (await readFile(join(repoRoot, '.dockerignore'), 'utf8')).split('\n').map((l) => l.trim());
});

describe('Dockerfile (static check; the image is not built here)', () => {
  it('is multi-stage on node 20 bookworm-slim', () => {
    expect(parsed.args).toContainEqual({ op: 'ARG', args: 'NODE_IMAGE=node:20-bookworm-slim' });
    expect(parsed.stages.map((s) => [s.from, s.name])).toEqual([
      ['${NODE_IMAGE}', 'build'],
      ['${NODE_IMAGE}', 'runtime'],
    ]);
  });

  it('builds with npm ci, npm run build and a production prune', () => {
    const runs = of(parsed.stages[0], 'RUN').map((i) => i.args).join(' && ');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev\b/);
    expect(runs.indexOf('npm ci')).toBeLessThan(runs.indexOf('npm run build'));
  });

  it('copies every folder the build compiles into the build stage', async () => {
    const build = JSON.parse(await readFile(join(repoRoot, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    // COPY <src>... <dest>: every token but the last is a source.
    const copied = of(parsed.stages[0], 'COPY').flatMap((i) => i.args.split(' ').slice(0, -1));
    for (const dir of build.include) expect(copied).toContain(dir);
    expect(copied).toEqual(expect.arrayContaining(['package.json', 'tsconfig.json', 'tsconfig.build.json']));
  });

  it('leaves the simulators (devkit/) out of the image', () => {
    const copied = parsed.stages.flatMap((stage) => of(stage, 'COPY').flatMap((i) => i.args.split(' ').slice(0, -1)));
    expect(copied.filter((c) => /devkit/.test(c))).toEqual([]);
  });

  it('ships only package.json, node_modules, dist/ and the helm and kubectl binaries into the runtime stage', () => {
    const copies = of(parsed.stages[1], 'COPY').map((i) => i.args);
    expect(copies.every((c) => c.startsWith('--from=build '))).toBe(true);
    const sources = copies.map((c) => c.split(' ')[1]).sort();
    expect(sources).toEqual(['/app/dist', '/app/node_modules', '/app/package.json', '/opt/helm/helm', '/opt/kubectl/kubectl']);
    // Helm-owned apps are operated through it (SHIPMATE_HELM_PATH), with its state under the writable /tmp.
    const env = of(parsed.stages[1], 'ENV').map((i) => i.args).join(' ');
    expect(env).toContain('SHIPMATE_HELM_PATH=/usr/local/bin/helm');
    expect(env).toContain('HELM_CACHE_HOME=/tmp/helm/cache');
    // Flux `/k8s diff` renders the source with its `kustomize` (SHIPMATE_KUBECTL_PATH).
    expect(env).toContain('SHIPMATE_KUBECTL_PATH=/usr/local/bin/kubectl');
  });

  it('installs git in the runtime stage: GitOps changes run the git binary (issue 14)', () => {
    const runs = of(parsed.stages[1], 'RUN').map((i) => i.args).join('\n');
    expect(runs).toMatch(/apt-get install -y --no-install-recommends git ca-certificates/);
  });

  it('runs as the non-root uid 10001 and starts `node dist/src/cli.js start`', async () => {
    const runtime = parsed.stages[1];
    const users = of(runtime, 'USER');
    expect(users.at(-1)?.args).toBe('10001:10001');
    const workdir = of(runtime, 'WORKDIR').at(-1)?.args;
    expect(workdir).toBe('/app');
    expect(JSON.parse(of(runtime, 'ENTRYPOINT').at(-1)?.args ?? 'null')).toEqual(['node', 'dist/src/cli.js']);
    expect(JSON.parse(of(runtime, 'CMD').at(-1)?.args ?? 'null')).toEqual(['start']);
    // The same file package.json's bin runs once built, i.e. where tsc puts src/cli.ts.
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(await readFile(join(repoRoot, pkg.bin['shipmate'] ?? ''), 'utf8')).toContain("'../dist/src/cli.js'");
    expect(of(runtime, 'EXPOSE').map((i) => i.args)).toEqual(['3000']);
    expect(of(runtime, 'HEALTHCHECK').map((i) => i.args)).toEqual(['NONE']);
  });

  it('keeps secrets and local state out of the build context', () => {
    expect(dockerignore).toEqual(expect.arrayContaining(['.env', '.env.*', '.git', 'node_modules', 'dist', '.tools']));
  });
});
