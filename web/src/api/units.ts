import {
  type CreateUnitBodySchema,
  type IndicatorUnitsBody,
  IndicatorUnitsSchema,
  type IndicatorUnits,
  type Unit,
  UnitSchema,
  type UpdateUnitBody,
} from '@gz/shared';
import { z } from 'zod';
import { apiRequest } from './client.ts';

export const unitKeys = { list: ['units'] as const };

export type NewUnit = z.input<typeof CreateUnitBodySchema>;

/** The unit directory (单位), inactive units included. */
export function fetchUnits(): Promise<Unit[]> {
  return apiRequest('/units', { schema: z.array(UnitSchema) });
}

export function createUnit(body: NewUnit): Promise<Unit> {
  return apiRequest('/units', { method: 'POST', json: body, schema: UnitSchema });
}

export function updateUnit(code: string, change: UpdateUnitBody): Promise<Unit> {
  return apiRequest(`/units/${encodeURIComponent(code)}`, { method: 'PATCH', json: change, schema: UnitSchema });
}

/** Sets an indicator's 牵头单位 and 配合单位. */
export function assignIndicatorUnits(planId: string, code: string, body: IndicatorUnitsBody): Promise<IndicatorUnits> {
  return apiRequest(`/indicators/${encodeURIComponent(code)}/units`, { method: 'PUT', query: { plan: planId }, json: body, schema: IndicatorUnitsSchema });
}
