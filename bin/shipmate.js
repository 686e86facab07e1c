#!/usr/bin/env node
/* global console, process, URL -- a plain Node script, linted without the TypeScript project */
// `shipmate` as npm links it (package.json "bin"). A build (`npm run build`, the container image)
// runs dist/src/cli.js. A checkout right after `npm ci` has no dist/ yet, so the TypeScript source
// runs in this process through tsx, a devDependency: `npx shipmate …` works without a build.
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);

if (existsSync(built)) {
  await import(built.href);
} else if (existsSync(source)) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    console.error('shipmate: there is no build (dist/src/cli.js) and tsx is not installed; run `npm ci`, or `npm run build`');
    process.exit(1);
  }
  register();
  await import(source.href);
} else {
  console.error('shipmate: neither dist/src/cli.js nor src/cli.ts is next to this script; reinstall Shipmate');
  process.exit(1);
}
