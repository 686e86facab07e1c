import { describe, expect, it } from 'vitest';
import type { DevkitKubeSimModule, DevkitSandboxModule, DevkitSlackSimModule } from '../../../src/cli/devkit.js';
import { loadDevkit } from '../../../src/cli/devkit.js';
import * as kubeSim from '../../../devkit/kube-sim/index.js';
import * as sandbox from '../../../devkit/kube-sim/sandbox.js';
import * as slackSim from '../../../devkit/slack-sim/index.js';

// The CLI loads devkit/ through non-literal specifiers (so the build leaves it out) and declares
// the shapes it relies on; these assignments fail `npm run typecheck` when devkit drifts from them.
const shapes: [DevkitKubeSimModule, DevkitSlackSimModule, DevkitSandboxModule] = [kubeSim, slackSim, sandbox];

describe('loadDevkit in a development checkout', () => {
  it('loads the same modules the static imports see', async () => {
    expect((await loadDevkit('kubeSim', 'demo')).startKubeSim).toBe(shapes[0].startKubeSim);
    expect((await loadDevkit('slackSim', 'demo')).startSlackSim).toBe(shapes[1].startSlackSim);
    expect((await loadDevkit('sandbox', 'sandbox')).runSandbox).toBe(shapes[2].runSandbox);
  });
});
