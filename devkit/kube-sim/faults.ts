/** Injected failures for tests: match by method and path, answer with a Status error, a delay, or never. */
export interface FaultSpec {
  method?: string;
  path: RegExp;
  status: number;
  reason?: string;
  message?: string;
  /** How many requests it applies to (default: unlimited). */
  times?: number;
  delayMs?: number;
  /** Never answer (the socket stays open until the client gives up or the sim stops). */
  hang?: boolean;
}

export interface FaultInjector {
  add(spec: FaultSpec): string;
  remove(id: string): void;
  clear(): void;
}

interface ActiveFault extends FaultSpec {
  id: string;
  remaining: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonForCode(code: number): string {
  return REASONS[code] ?? 'Unknown';
}

export class Faults implements FaultInjector {
  private readonly faults: ActiveFault[] = [];
  private next = 1;

  add(spec: FaultSpec): string {
    const id = `fault-${this.next++}`;
    this.faults.push({ ...spec, id, remaining: spec.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  remove(id: string): void {
    const i = this.faults.findIndex((f) => f.id === id);
    if (i >= 0) this.faults.splice(i, 1);
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first fault matching this request, consuming one of its uses. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && f.path.test(path));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.remove(fault.id);
    return fault;
  }
}
