export { validateOutput, isModelled, isBeyondCrd } from './builtin/validate.js';
export { checkByBundledCrd } from './crd/gateway-api-crds.js';
export { loadCrds, parseCrds, type Crd, type CrdSet } from './crd/load.js';
export {
  validateWithCrds,
  inventoryRules,
  type CrdValidationResult,
  type RuleInventoryEntry,
} from './crd/validate.js';
export { validateManifests, outputFindings, type ValidateAgainst } from './manifests.js';
export { CHECK_FINDINGS } from './findings.js';
export type { Violation, UncheckedRule, ObjectRef, ViolationOrigin } from './violation.js';
