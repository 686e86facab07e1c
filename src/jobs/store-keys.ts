/** Redis key names of the request store, all under one prefix so a test or a tenant is isolated. */
export interface StoreKeys {
  record(id: string): string;
  idempotency(key: string): string;
  activeAll(): string;
  activeEnv(env: string): string;
  recentAll(): string;
  recentTarget(targetKey: string): string;
  /** Requests whose `requested` audit record is not known to be written: id → lease deadline (ms). */
  unaudited(): string;
}

export function storeKeys(prefix: string): StoreKeys {
  return {
    record: (id) => `${prefix}:req:${id}`,
    idempotency: (key) => `${prefix}:req-idem:${key}`,
    activeAll: () => `${prefix}:req-active`,
    activeEnv: (env) => `${prefix}:req-active-env:${env}`,
    recentAll: () => `${prefix}:req-recent`,
    recentTarget: (targetKey) => `${prefix}:req-target:${targetKey}`,
    unaudited: () => `${prefix}:req-unaudited`,
  };
}
