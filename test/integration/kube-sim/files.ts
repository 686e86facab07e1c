import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Write objects as a JSON manifest file for `kubectl apply -f` / `create -f` and return its path. */
export async function manifest(...objects: object[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sim-manifest-'));
  const path = join(dir, 'objects.json');
  const body = objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects };
  await writeFile(path, JSON.stringify(body));
  return path;
}

/** Poll a condition the test depends on (not a timing assertion); fails after about ten seconds. */
export async function until<T>(fn: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1_000; i++) {
    const v = fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
