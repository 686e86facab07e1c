import { InvalidError } from '../../core/errors.js';
import type { Container, PodSpec } from './k8s-object.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export interface ContainerChoice {
  name: string;
  kind: 'containers' | 'initContainers';
  container: Container;
}

function all(spec: PodSpec | undefined): ContainerChoice[] {
  return [
    ...(spec?.containers ?? []).map((c) => ({ name: c.name, kind: 'containers' as const, container: c })),
    ...(spec?.initContainers ?? []).map((c) => ({ name: c.name, kind: 'initContainers' as const, container: c })),
  ];
}

/**
 * The container a command acts on. An explicit name must exist (containers or initContainers,
 * as `kubectl set image` matches both). Otherwise the default-container annotation, then: for
 * `set image` the only container (several → ask), for logs the first one (kubectl's default).
 */
export function chooseContainer(
  spec: PodSpec | undefined,
  annotations: Record<string, string> | undefined,
  requested: string | undefined,
  fallback: 'only' | 'first',
  what: string,
): ContainerChoice {
  const choices = all(spec);
  const names = choices.map((c) => c.name);
  if (requested !== undefined) {
    const hit = choices.find((c) => c.name === requested);
    if (!hit) throw new InvalidError(`${what} has no container "${requested}"; containers: ${names.join(', ') || 'none'}`);
    return hit;
  }
  const main = choices.filter((c) => c.kind === 'containers');
  const annotated = annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  const byAnnotation = main.find((c) => c.name === annotated);
  if (byAnnotation) return byAnnotation;
  const first = main[0];
  if (!first) throw new InvalidError(`${what} has no containers`);
  if (fallback === 'only' && main.length > 1) {
    throw new InvalidError(`${what} has several containers (${main.map((c) => c.name).join(', ')}); choose one with --container`);
  }
  return first;
}
