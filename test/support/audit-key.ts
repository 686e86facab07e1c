/** The SHIPMATE_AUDIT_KEY of every bot the tests start, so tests can verify the chains they write. */
export const TEST_AUDIT_KEY = Buffer.from('test-audit-key-0123456789abcdef-0123456789abcdef', 'utf8');
