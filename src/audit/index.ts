export { createAuditLog, type AuditLog, type AuditLogOptions, type AuditReadOptions } from './audit-log.js';
export { type AuditEvent, type AuditRecord, type AuditAction, canonicalJson, hashRecord, GENESIS_HASH } from './audit-record.js';
export { verifyChain, type AuditProblem, type AuditVerifyResult, type AuditProblemKind } from './audit-verify.js';
export { recordSafely } from './record-safely.js';
