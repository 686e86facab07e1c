import { ShipmateError } from '../core/errors.js';

/**
 * The simulators (devkit/) are loaded only by `sandbox` and `demo`, and only from a development
 * checkout: the build (tsconfig.build.json) and the image leave devkit/ out. The specifiers are not
 * string literals on purpose, so tsc does not pull devkit/ into the build; the shapes the CLI relies
 * on are declared here, and test/unit/cli/devkit-shape.test.ts checks devkit still matches them.
 */
const MODULES = {
  kubeSim: '../../devkit/kube-sim/index.js',
  slackSim: '../../devkit/slack-sim/index.js',
  sandbox: '../../devkit/kube-sim/sandbox.js',
  gitopsWorld: '../../devkit/kube-sim/gitops-world.js',
} as const;

export interface DevkitKubeSim {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export interface DevkitKubeSimModule {
  startKubeSim(options: {
    clusters: string[];
    seed: 'demo' | 'none';
    kubeconfigPath: string;
    timing: { podReadyMs: number; podStartMs: number };
  }): Promise<DevkitKubeSim>;
}

export interface DevkitGitOpsWorld extends DevkitKubeSim {
  gitRepoUrl: string;
  gitToken: string;
  helmPath: string;
  kubectlPath: string;
  seeded(): Promise<void>;
}

export interface DevkitGitOpsWorldModule {
  startGitOpsWorld(
    options: {
      clusters: string[];
      kubeconfigPath: string;
      timing: { podReadyMs: number; podStartMs: number };
      selfHealSeconds: number;
      gitToken: string;
    },
    out: (line: string) => void,
  ): Promise<DevkitGitOpsWorld>;
}

export interface DevkitSlackSimModule {
  startSlackSim(options: {
    port: number;
    users: { id: string; name: string }[];
    usergroups: Record<string, string[]>;
    channels: { id: string; name: string }[];
    consoleUsers: { requester: string; approver: string; bystander: string };
  }): Promise<{ url: string; apiUrl: string; stop(): Promise<void> }>;
}

export interface DevkitSandboxModule {
  runSandbox(
    opts: { port?: number; kubeconfig?: string; clusters: string[]; seed: 'demo' | 'none' | 'gitops'; selfHealSeconds?: number; gitToken?: string },
    out: (line: string) => void,
  ): Promise<{ stop(): Promise<void> }>;
}

interface Modules {
  kubeSim: DevkitKubeSimModule;
  slackSim: DevkitSlackSimModule;
  sandbox: DevkitSandboxModule;
  gitopsWorld: DevkitGitOpsWorldModule;
}

/** Thrown when devkit/ is absent (a build or the image): says how to get a checkout that has it. */
export class DevkitMissingError extends ShipmateError {
  constructor(command: string, cause: unknown) {
    super(
      'unavailable',
      `the ${command} needs a development checkout: the simulators (devkit/) are not part of the build or the container image. ` +
        `Clone the repository, run \`npm ci\`, then \`npx shipmate ${command}\` (or \`npm run ${command}\`).`,
      { cause },
    );
  }
}

export async function loadDevkit<K extends keyof Modules>(name: K, command: 'sandbox' | 'demo'): Promise<Modules[K]> {
  try {
    return (await import(MODULES[name])) as Modules[K];
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes('devkit');
    if (missing) throw new DevkitMissingError(command, err);
    throw err;
  }
}
