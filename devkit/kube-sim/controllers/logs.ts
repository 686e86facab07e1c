/** Plausible container output, generated deterministically from the pod name and the instance's start time. */
export interface Instance {
  startedAt: number;
  finishedAt?: number;
  crashed: boolean;
  /** What a command that ran to completion printed (e.g. a test pod's wget), instead of server-like lines. */
  output?: string[];
}

export interface LogLine {
  at: number;
  text: string;
}

const PATHS = ['/api/v1/orders', '/api/v1/cart', '/healthz', '/api/v1/products?page=2', '/metrics', '/api/v1/users/me'];
const MAX_LINES = 300;

function seeded(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) ^ Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>> 0) % 10000) / 10000;
  };
}

function stamp(at: number): string {
  return new Date(at).toISOString();
}

function accessLine(at: number, rnd: () => number): string {
  const path = PATHS[Math.floor(rnd() * PATHS.length)] ?? '/';
  const status = rnd() < 0.95 ? 200 : 503;
  const ms = Math.floor(rnd() * 120) + 2;
  return `${stamp(at)} INFO http request method=GET path=${path} status=${status} duration=${ms}ms remote=10.244.${Math.floor(rnd() * 4)}.${Math.floor(rnd() * 250)}`;
}

function version(image: string): string {
  const tag = image.includes(':') ? image.slice(image.lastIndexOf(':') + 1) : 'latest';
  return tag;
}

/** The log lines one container instance has written up to `now`. */
export function instanceLog(podName: string, container: string, image: string, instance: Instance, now: number): LogLine[] {
  const rnd = seeded(`${podName}/${container}/${instance.startedAt}`);
  const t0 = instance.startedAt;
  if (instance.output) return instance.output.map((text, i) => ({ at: t0 + i, text }));
  const lines: LogLine[] = [
    { at: t0, text: `${stamp(t0)} INFO starting ${container} version=${version(image)}` },
    { at: t0 + 5, text: `${stamp(t0 + 5)} INFO loaded configuration from /etc/${container}/config.yaml` },
    { at: t0 + 12, text: `${stamp(t0 + 12)} INFO connected to database host=orders-db-0.orders-db port=5432` },
  ];
  if (instance.crashed) {
    const end = instance.finishedAt ?? now;
    lines.push({ at: end, text: `${stamp(end)} ERROR failed to initialise payment client: connection refused (dial tcp 10.96.14.2:443)` });
    lines.push({ at: end, text: 'panic: runtime error: invalid memory address or nil pointer dereference' });
    lines.push({ at: end, text: '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6f1c2a]' });
    return lines;
  }
  lines.push({ at: t0 + 20, text: `${stamp(t0 + 20)} INFO listening on :8080` });
  const end = instance.finishedAt ?? now;
  for (let at = t0 + 1000; at <= end && lines.length < MAX_LINES; at += 700 + Math.floor(rnd() * 1600)) lines.push({ at, text: accessLine(at, rnd) });
  return lines;
}

export interface LogRender {
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

export function renderLog(lines: LogLine[], opts: LogRender, now: number): string {
  let out = lines;
  if (opts.sinceSeconds !== undefined) out = out.filter((l) => l.at >= now - opts.sinceSeconds! * 1000);
  if (opts.tailLines !== undefined) out = opts.tailLines === 0 ? [] : out.slice(-opts.tailLines);
  let text = out.map((l) => `${opts.timestamps ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ` : ''}${l.text}\n`).join('');
  if (opts.limitBytes !== undefined) text = Buffer.from(text).subarray(0, opts.limitBytes).toString('utf8');
  return text;
}
