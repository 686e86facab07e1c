import type { RequestRecord } from '../../../src/core/request.js';
import { aRecord } from '../../support/record-fixture.js';

/** The records port, in memory: what jobs/' request store does in Redis. */
export class RecordStore {
  readonly map = new Map<string, RequestRecord>();
  get = async (id: string): Promise<RequestRecord | null> => structuredClone(this.map.get(id) ?? null);
  setCardTs = async (id: string, ts: string): Promise<void> => {
    const r = this.map.get(id);
    if (r) this.map.set(id, { ...r, cardTs: ts });
  };
  put(record: RequestRecord): void {
    this.map.set(record.id, record);
  }
  change(id: string, patch: Partial<RequestRecord>): RequestRecord {
    const r = this.map.get(id);
    if (!r) throw new Error(`no record ${id}`);
    const next = { ...r, ...patch, version: r.version + 1 };
    this.map.set(id, next);
    return next;
  }
}

let seq = 0;
/** A request record with no card posted yet, in `channel`; ids are unique within a test file. */
export function newRecord(channel: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  seq += 1;
  const now = new Date().toISOString();
  return aRecord({
    id: `R-TEST${String(seq).padStart(4, '0')}`,
    version: 1,
    scope: { env: 'prod', cluster: 'prod-eu', namespace: 'shop' },
    channel,
    plan: null,
    createdAt: now,
    updatedAt: now,
    expiresAt: null,
    ...overrides,
  });
}
