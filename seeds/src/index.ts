export { GANZHOU_2021_2025 } from './ganzhou-2021-2025.ts';
export { DOCUMENTED_OBSERVATIONS } from './documented-observations.ts';
export type { DocumentedObservation } from './documented-observations.ts';
export { DEFAULT_UNITS } from './units.ts';
