#!/usr/bin/env node
import { parseArgs } from 'node:util';

const USAGE = `usage: shipmate <command>

  start                          run the bot (environment: see .env.example)
  check-config [file]            validate shipmate.yaml and print a summary
  sandbox [--port N] [--kubeconfig FILE] [--clusters dev,staging,prod] [--seed demo|none|gitops]
          [--self-heal-seconds N] [--git-token T]
                                 serve simulated clusters (kube-sim) for trying kubectl and Shipmate;
                                 --seed gitops adds a Git server and simulated Argo CD and Flux
  demo                           kube-sim + slack-sim web console + the bot, wired together
  audit export [--since T] [--output FILE] | audit verify
                                 export the audit trail as JSONL, or verify its hash chain`;

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { runStart } = await import('./cli/start.js');
      return runStart(io);
    }
    case 'check-config': {
      const { runCheckConfig } = await import('./cli/check-config.js');
      return runCheckConfig(rest, io);
    }
    case 'audit': {
      const { runAuditCommand } = await import('./cli/audit-command.js');
      return runAuditCommand(rest, io);
    }
    case 'sandbox': {
      const { values } = parseArgs({
        args: rest,
        options: {
          port: { type: 'string' },
          kubeconfig: { type: 'string' },
          clusters: { type: 'string' },
          seed: { type: 'string' },
          'self-heal-seconds': { type: 'string' },
          'git-token': { type: 'string' },
        },
      });
      // devkit is imported lazily: production start never loads the simulators.
      const { runSandboxCommand } = await import('./cli/sandbox.js');
      return runSandboxCommand(values, io);
    }
    case 'demo': {
      const { runDemo } = await import('./cli/demo.js');
      return runDemo(rest, io);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.err(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // start, sandbox and demo return once serving; their open servers keep the process alive.
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
