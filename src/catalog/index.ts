/** Device classification: model identifiers and names, User-Agents, OS support and exploited vulnerabilities. */
export { classifyModel } from './model-classifier.ts';
export type { CatalogModel, Confidence, ModelClassification, ModelQuery } from './model-classification.ts';
export { classifyUserAgent } from './ua-classifier.ts';
export type { UaClassification, UaConfidence } from './ua-classification.ts';
export { parseClientHints, type ClientHints } from './client-hints-parser.ts';
export { osSupport } from './os-support-rules.ts';
export { exploitedVulnerabilityCount } from './kev-catalog.ts';
export { catalogModels, type ModelKind } from './catalog-models.ts';
