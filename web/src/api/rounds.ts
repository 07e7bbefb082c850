import {
  CompletenessSchema,
  type Completeness,
  type CreateRoundBody,
  RoundSchema,
  type Round,
  TodoSchema,
  type Todo,
} from '@gz/shared';
import { z } from 'zod';
import { apiRequest, apiUrl } from './client.ts';

export const roundKeys = {
  all: ['rounds'] as const,
  list: ['rounds', 'list'] as const,
  completeness: (id: number) => ['rounds', id, 'completeness'] as const,
  todo: ['todo'] as const,
};

/** Reporting rounds (填报任务), newest first. */
export function fetchRounds(): Promise<Round[]> {
  return apiRequest('/rounds', { schema: z.array(RoundSchema) });
}

export function openRound(body: CreateRoundBody): Promise<Round> {
  return apiRequest('/rounds', { method: 'POST', json: body, schema: RoundSchema });
}

export function closeRound(id: number): Promise<Round> {
  return apiRequest(`/rounds/${id}/close`, { method: 'POST', schema: RoundSchema });
}

/** Asked, filled, approved and overdue per lead unit. */
export function fetchCompleteness(id: number): Promise<Completeness> {
  return apiRequest(`/rounds/${id}/completeness`, { schema: CompletenessSchema });
}

/** Where the 催报表 workbook downloads from (a plain link: the browser sends the session cookie). */
export const reminderSheetUrl = (id: number) => apiUrl(`/rounds/${id}/completeness.xlsx`);

/** My to-do: open rounds' items, indicators to assign (admins), values to review. */
export function fetchTodo(): Promise<Todo> {
  return apiRequest('/me/todo', { schema: TodoSchema });
}
