import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { indicatorKeys } from '../../../../api/indicators.ts';
import { planKeys } from '../../../../api/plans.ts';
import { approveRevision, fetchPendingRevisions, returnRevision, revisionKeys } from '../../../../api/revisions.ts';
import { errorText } from '../../../../components/errors.tsx';

interface Settle {
  ids: number[];
  action: (id: number) => Promise<void>;
}

/**
 * The plan's values awaiting review and the two decisions on them. Each runs one call per revision and reports how
 * many went through and why the others did not; the returned promises settle once the report is shown.
 */
export function useReviewQueue(planId: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const queue = useQuery({ queryKey: revisionKeys.pending(planId), queryFn: () => fetchPendingRevisions(planId) });
  const settle = useMutation({
    mutationFn: ({ ids, action }: Settle) => Promise.allSettled(ids.map(action)),
    onSuccess: (results, { ids }) => {
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      const ok = ids.length - failures.length;
      if (ok > 0) message.success(t('review.done', { ok }));
      if (failures.length > 0)
        message.error(t('review.failed', { count: failures.length, detail: errorText(failures[0], t) }));
      void queryClient.invalidateQueries({ queryKey: revisionKeys.pending(planId) });
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      // An approval changes the counted values, hence the overview's counts too.
      void queryClient.invalidateQueries({ queryKey: planKeys.summaries(planId) });
    },
  });
  return {
    queue,
    busy: settle.isPending,
    approve: (ids: number[]) => settle.mutateAsync({ ids, action: approveRevision }),
    sendBack: (ids: number[], reason: string) =>
      settle.mutateAsync({ ids, action: (id) => returnRevision(id, reason) }),
  };
}
