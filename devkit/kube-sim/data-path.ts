import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where a data file shipped beside kube-sim's sources lives (the .proto definitions, the OpenAPI
 * definitions). tsc does not copy non-TypeScript files into dist/, so when running from dist/ the
 * files are found in the source tree instead.
 */
export function kubeSimDataPath(relative: string): string {
  const candidates = [join(here, relative), resolve(here, '..', '..', '..', 'devkit', 'kube-sim', relative)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`kube-sim data file ${relative} is missing (looked in ${candidates.join(', ')})`);
  return found;
}
