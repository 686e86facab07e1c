import { describe, expect, it } from 'vitest';
import { ConfigError, loadToolEnv } from '../../../src/config/index.js';

describe('loadToolEnv', () => {
  it('needs no secrets and has defaults', () => {
    expect(loadToolEnv({})).toEqual({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'shipmate', demoPort: 3000, logLevel: 'info' });
    expect(loadToolEnv({ REDIS_URL: '', SHIPMATE_DEMO_PORT: '' }).demoPort).toBe(3000);
  });

  it('reads overrides', () => {
    expect(loadToolEnv({ REDIS_URL: 'rediss://r:6380', SHIPMATE_REDIS_PREFIX: 'sm-test', SHIPMATE_DEMO_PORT: '4000', LOG_LEVEL: 'warn' })).toEqual({
      redisUrl: 'rediss://r:6380', redisPrefix: 'sm-test', demoPort: 4000, logLevel: 'warn',
    });
  });

  it('lists every problem', () => {
    try {
      loadToolEnv({ REDIS_URL: 'http://x', SHIPMATE_REDIS_PREFIX: 'a b', SHIPMATE_DEMO_PORT: '65535', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.path)).toEqual(['REDIS_URL', 'SHIPMATE_REDIS_PREFIX', 'LOG_LEVEL', 'SHIPMATE_DEMO_PORT']);
    }
  });
});
