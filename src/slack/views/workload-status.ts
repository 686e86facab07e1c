import type { OperationResult } from '../../core/plan.js';
import type { RunningVersion, TroubledPod, WorkloadStatusReport } from '../../core/workload-status.js';
import { describeOwner } from '../../core/owner.js';

type Section = OperationResult['sections'][number];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function versionLine(v: RunningVersion, current: number): string {
  const rev = v.revision === undefined ? 'revision ?' : `revision ${v.revision}${v.revision === current ? ' (current)' : ''}`;
  return `  ${rev}: ${v.images.join(', ')} — ${plural(v.pods, 'pod')}, ${v.ready} ready`;
}

function podLine(p: TroubledPod): string {
  return `  ${p.name}: ${p.reason}, ${plural(p.restarts, 'restart')}${p.ready ? '' : ', not ready'} (${p.images.join(', ')})`;
}

/**
 * `/k8s status` as thread sections: what the spec asks for, what actually runs, what is failing.
 * Preformatted, so the section renderer escapes every cluster string and breaks up backtick runs.
 */
export function workloadStatusSections(report: WorkloadStatusReport): Section[] {
  const lines = [
    ...(report.owner === undefined ? [] : [`owner: ${typeof report.owner === 'string' ? `unknown (${report.owner})` : describeOwner(report.owner)}`]),
    `rollout: ${report.rollout.message}`,
    `ready: ${report.ready}/${report.desired}`,
    `spec image(s): ${report.specImages.join(', ')} (revision ${report.revision})`,
    'running:',
    ...(report.versions.length ? report.versions.map((v) => versionLine(v, report.revision)) : ['  no pods']),
    ...(report.troubledPods.length ? ['pods in trouble:', ...report.troubledPods.map(podLine)] : []),
    ...(report.warnings.length
      ? ['recent warnings:', ...report.warnings.map((w) => `  ${w.object} ${w.reason} (x${w.count}): ${w.message}`)]
      : ['recent warnings: none']),
  ];
  return [{ title: report.workload, text: lines.join('\n'), preformatted: true }];
}
