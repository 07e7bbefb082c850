import { IndicatorReasonSchema, type IndicatorReason, type IndicatorReasonWrite } from '@gz/shared';
import { z } from 'zod';
import { apiRequest } from './client.ts';

/** 原因说明 and 下一步措施 of indicators (FINAL #11). */
export const reasonKeys = {
  all: ['reasons'] as const,
  of: (planId: string, code: string) => ['reasons', planId, code] as const,
};

const indicatorPath = (planId: string, code: string) =>
  `/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(code)}/reasons`;

export function fetchReasons(planId: string, code: string): Promise<IndicatorReason[]> {
  return apiRequest(indicatorPath(planId, code), { schema: z.array(IndicatorReasonSchema) });
}

/** The unit's reason and measures for a report year: a new entry, pending review. */
export function submitReason(
  planId: string,
  code: string,
  year: number,
  body: IndicatorReasonWrite,
): Promise<IndicatorReason> {
  return apiRequest(`${indicatorPath(planId, code)}/${year}`, {
    method: 'PUT',
    json: body,
    schema: IndicatorReasonSchema,
  });
}

export function approveReason(id: number): Promise<IndicatorReason> {
  return apiRequest(`/reasons/${id}/approve`, { method: 'POST', schema: IndicatorReasonSchema });
}

export function returnReason(id: number, note: string): Promise<IndicatorReason> {
  return apiRequest(`/reasons/${id}/return`, { method: 'POST', json: { note }, schema: IndicatorReasonSchema });
}
