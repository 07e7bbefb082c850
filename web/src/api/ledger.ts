import {
  AlignmentSchema,
  QueuedReportSchema,
  EvidenceSchema,
  KeyProjectBoxSchema,
  LedgerImportReportSchema,
  MeasureLinkSchema,
  MeasureDetailSchema,
  MeasureSummarySchema,
  PolicyDocumentSchema,
  TaskReportSchema,
  TaskSchema,
  type TaskReportWrite,
  type TaskStatus,
  type TaskWrite,
} from '@gz/shared';
import { z } from 'zod';
import { apiRequest, apiUrl } from './client.ts';

export type { Alignment, QueuedReport } from '@gz/shared';

/** Query keys of the measures ledger. */
export const ledgerKeys = {
  all: ['ledger'] as const,
  documents: () => ['ledger', 'documents'] as const,
  measures: (documentId: string) => ['ledger', 'measures', documentId] as const,
  measure: (id: string) => ['ledger', 'measure', id] as const,
  alignment: () => ['ledger', 'alignment'] as const,
  tasks: (filter: TaskFilter) => ['ledger', 'tasks', filter] as const,
  reports: (taskId: number) => ['ledger', 'reports', taskId] as const,
  queue: () => ['ledger', 'queue'] as const,
  projects: () => ['ledger', 'projects'] as const,
};

/** Filters of the task list. */
export interface TaskFilter {
  unit?: string | undefined;
  status?: TaskStatus | undefined;
  measure?: string | undefined;
}

export const fetchDocuments = () => apiRequest('/documents', { schema: z.array(PolicyDocumentSchema) });
export const fetchMeasures = (documentId: string) =>
  apiRequest(`/documents/${documentId}/measures`, { schema: z.array(MeasureSummarySchema) });
export const fetchMeasure = (id: string) => apiRequest(`/measures/${id}`, { schema: MeasureDetailSchema });
export const fetchAlignment = () => apiRequest('/alignment', { schema: AlignmentSchema });
export const fetchKeyProjects = () => apiRequest('/key-projects', { schema: z.array(KeyProjectBoxSchema) });
export const fetchTasks = (filter: TaskFilter) =>
  apiRequest('/tasks', { query: { ...filter }, schema: z.array(TaskSchema) });
export const fetchTaskReports = (taskId: number) =>
  apiRequest(`/tasks/${taskId}/reports`, { schema: z.array(TaskReportSchema) });
export const fetchReportQueue = () =>
  apiRequest('/task-reports', { query: { state: 'pending' }, schema: z.array(QueuedReportSchema) });

/** Creates a task (the office); the reply carries its computed status. */
export const createTask = (task: TaskWrite) => apiRequest('/tasks', { method: 'POST', json: task, schema: TaskSchema });
/** The lead unit's progress report: a pending report to which evidence is then attached. */
export const submitReport = (taskId: number, report: TaskReportWrite) =>
  apiRequest(`/tasks/${taskId}/reports`, { method: 'POST', json: report, schema: TaskReportSchema });
export const approveReport = (id: number) =>
  apiRequest(`/task-reports/${id}/approve`, { method: 'POST', schema: TaskReportSchema });
export const returnReport = (id: number, reason: string) =>
  apiRequest(`/task-reports/${id}/return`, { method: 'POST', json: { reason }, schema: TaskReportSchema });

/** Uploads one evidence file to a pending report (checked by content on the server). */
export function uploadEvidence(reportId: number, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest(`/task-reports/${reportId}/evidence`, { method: 'POST', body: form, schema: EvidenceSchema });
}

/** Creates tasks from a 台账 workbook; a dry run only checks. */
export function importLedger(file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiRequest('/ledger/import', {
    method: 'POST',
    query: { dryRun },
    body: form,
    schema: LedgerImportReportSchema,
  });
}

/** Links a measure to the higher-level one it passes down (admin). */
export const createLink = (from: string, to: string) =>
  apiRequest('/measure-links', { method: 'POST', json: { from, to }, schema: MeasureLinkSchema });
/** Removes an alignment link, a default one included (admin). */
export const deleteLink = (id: number) => apiRequest(`/measure-links/${id}`, { method: 'DELETE', schema: null });

/** Where an evidence file is downloaded from (an attachment). */
export const evidenceUrl = (id: number) => apiUrl(`/evidence/${id}`);
/** Where the whole ledger is downloaded as the 台账 workbook. */
export const ledgerWorkbookUrl = () => apiUrl('/ledger.xlsx');
