#!/usr/bin/env node
/* global console, process, URL -- a plain Node script, linted without the TypeScript project */
// `shipmate` as npm links it (package.json "bin"). A build (`npm run build`, the container image)
// runs dist/src/cli.js. A checkout right after `npm ci` has no dist/ yet, so the TypeScript source
// runs in this process through tsx, a devDependency: `npx shipmate …` works without a build.
// `sandbox` and `demo` need devkit/, which the build leaves out, so in a checkout they always run
// the source.
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);

/** Runs src/cli.ts through tsx; false when there is no source or tsx is not installed. */
async function runSource() {
  if (!existsSync(source)) return false;
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    return false;
  }
  register();
  await import(source.href);
  return true;
}

const needsDevkit = ['sandbox', 'demo'].includes(process.argv[2] ?? '');
if (needsDevkit && (await runSource())) {
  // ran from source
} else if (existsSync(built)) {
  await import(built.href);
} else if (!(await runSource())) {
  console.error('shipmate: there is no build (dist/src/cli.js) and no TypeScript source with tsx installed; run `npm ci`, or `npm run build`');
  process.exit(1);
}
