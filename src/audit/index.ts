export { createAuditLog, type AuditLog, type AuditLogOptions, type AuditReadOptions } from './audit-log.js';
export { type AuditEvent, type AuditRecord, type AuditAction, type AuditKey, canonicalJson, hashRecord, GENESIS_HASH } from './audit-record.js';
export { type AuditAnchor, type AnchorPolicy, type AnchorPoster, DEFAULT_ANCHOR_POLICY, anchorText } from './audit-anchor.js';
export { exportLines, verifyExport } from './audit-export.js';
export { verifyChain, type AuditProblem, type AuditVerifyResult, type AuditProblemKind, type VerifyOptions } from './audit-verify.js';
export { recordSafely } from './record-safely.js';
