export { GANZHOU_2021_2025 } from './ganzhou-2021-2025.ts';
export { DOCUMENTED_OBSERVATIONS } from './documented-observations.ts';
export type { DocumentedObservation } from './documented-observations.ts';
export { DOCUMENTED_ANNUAL_TARGETS, WORK_REPORT_2023_TARGET_SENTENCE } from './annual-targets-2023.ts';
export type { DocumentedAnnualTarget } from './annual-targets-2023.ts';
