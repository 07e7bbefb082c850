import type { PlanListItem } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { indicatorKeys } from '../../../../api/indicators.ts';
import {
  archivePlan,
  fetchPlans,
  importPlanDefinition,
  type PlanImportResult,
  planKeys,
  publishPlan,
} from '../../../../api/plans.ts';
import { errorText } from '../../../../components/errors.tsx';
import { type CellProblem, cellProblems } from './cell-problems.ts';

/** What a definition workbook's check found: the plan it would create, or the problems at their cells. */
export type ImportState =
  | { file: File; definition: Extract<PlanImportResult, { dryRun: true }>['definition'] }
  | { problems: CellProblem[] }
  | null;

/** Every plan-scoped cache entry hangs under ['plans'], and indicators are read per plan. */
export function usePlansRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: planKeys.list }),
      queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
    ]);
}

/** The plans and the import of a definition workbook (checked first, imported only after a clean check). */
export function usePlanImport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = usePlansRefresh();
  const [imported, setImported] = useState<ImportState>(null);
  const run = useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) => importPlanDefinition(v.file, v.dryRun),
    onSuccess: (result, { file }) => {
      if (result.dryRun) setImported({ file, definition: result.definition });
      else {
        message.success(t('plans.imported', { title: result.plan.title }));
        setImported(null);
        void refresh();
      }
    },
    onError: (error) => {
      if (error instanceof ApiError && error.errors.length > 0) setImported({ problems: cellProblems(error) });
      else {
        setImported(null);
        message.error(errorText(error, t));
      }
    },
  });
  return {
    imported,
    busy: run.isPending,
    check: (file: File) => run.mutate({ file, dryRun: true }),
    commit: (file: File) => run.mutate({ file, dryRun: false }),
  };
}

/** Publishing and archiving a plan, each after a confirmation naming the plan. */
export function usePlanLifecycle() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = usePlansRefresh();
  const plans = useQuery({ queryKey: planKeys.list, queryFn: fetchPlans });
  const archive = useMutation({
    mutationFn: (plan: PlanListItem) => archivePlan(plan.id),
    onSuccess: (_, plan) => {
      message.success(t('final.archived', { title: plan.title }));
      return refresh();
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const publish = useMutation({
    mutationFn: (plan: PlanListItem) => publishPlan(plan.id),
    onSuccess: (_, plan) => {
      message.success(t('plans.published', { title: plan.title }));
      return refresh();
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  function confirmArchive(plan: PlanListItem) {
    modal.confirm({
      title: t('final.archive'),
      content: t('final.archiveConfirm', { title: plan.title }),
      okText: t('final.archive'),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'archive-confirm' },
      // the dialog waits for the call; a failure shows as a message
      onOk: () => archive.mutateAsync(plan).catch(() => undefined),
    });
  }

  function confirmPublish(plan: PlanListItem) {
    modal.confirm({
      title: t('plans.publish'),
      content: t('plans.publishConfirm', { title: plan.title }),
      okText: t('plans.publish'),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'publish-confirm' },
      onOk: () => publish.mutateAsync(plan).catch(() => undefined),
    });
  }

  return { plans, refresh, confirmArchive, confirmPublish };
}
