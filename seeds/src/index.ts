export { GANZHOU_2021_2025 } from './ganzhou-2021-2025.ts';
export { DOCUMENTED_OBSERVATIONS } from './documented-observations.ts';
export type { DocumentedObservation } from './documented-observations.ts';
export { DEFAULT_UNITS } from './units.ts';
export { KEY_PROJECT_BOXES_2021_2025, URBAN_MEASURE_LINKS, URBAN_OPINIONS_2026 } from './urban-opinions-2026.ts';
export { DOCUMENTED_ANNUAL_TARGETS, WORK_REPORT_2023_TARGET_SENTENCE } from './annual-targets-2023.ts';
export type { DocumentedAnnualTarget } from './annual-targets-2023.ts';
