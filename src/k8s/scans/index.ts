export { parseQuantity, tryParseQuantity, formatQuantity, compareQuantities, type Quantity, type QuantityFormat } from './quantity.js';
export { parsePemChain, assessValidity, parseOpenSslDate, type CertificateInfo, type ParsedChain, type ChainRole } from './certificates.js';
export { describeFinding, sortFindings, type Finding, type Severity, type ClusterScanResult, type CertThresholds, type QuotaThresholds, type HelmThresholds } from './finding.js';
export { findingItems, findingPlainLines, fitItems } from './finding-lines.js';
export type { ScanClients } from './clients.js';
export { scanCertificates, type CertScanOptions } from './cert-scan.js';
export { scanQuotas, DEFAULT_IGNORED_NAMESPACES, type QuotaScanOptions } from './quota-scan.js';
export type { HelmScanOptions, HelmScanPlace } from './helm-scan.js';
export { fetchServingChain, apiServerFindings, type ServingChain } from './api-server-cert.js';
export { createHygieneScanner, type HygieneScanner, type HygieneScanRequest, type HygieneScannerOptions, type ScanKind } from './hygiene-scanner.js';
export {
  createScanOperations,
  certsOperation,
  quotaOperation,
  DEFAULT_THRESHOLDS,
  type ScanOperationsOptions,
  type ScanThresholds,
} from '../operations/scan-operation.js';
