/**
 * `npm run bench`: runs every benchmark module under bench/ (each exports `run()` and prints its
 * own figures). Figures are medians/percentiles over repeated runs on this machine; compare ratios
 * rather than absolute numbers across machines.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.ts') && f !== 'run-all.ts' && !f.startsWith('_') && !f.endsWith('-child.ts')).sort();
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  console.log(`\n=== ${name} ===`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    console.log(`(skipped: ${file} exports no run())`);
    continue;
  }
  try {
    await mod.run();
  } catch (err) {
    failed++;
    console.log(`FAILED: ${err instanceof Error ? err.stack : String(err)}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
