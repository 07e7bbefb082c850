import type { ReviewItem } from '@gz/shared';
import { App, Button, Space, Table } from 'antd';
import { cloneElement, isValidElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useScopedPath } from '../../../app/scope.ts';
import { LoadError } from '../../../components/errors.tsx';
import { useLocale } from '../../../i18n/index.ts';
import { ReturnModal } from './queue/ReturnModal.tsx';
import { reviewColumns } from './queue/review-columns.tsx';
import { useReviewQueue } from './queue/use-review-queue.ts';

/**
 * The queue of values awaiting review: each with the value it would replace and the change, to be
 * approved or returned (with a reason) one by one or in bulk.
 */
export function ReviewQueue({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scoped = useScopedPath();
  const { modal } = App.useApp();
  const { queue, busy, approve, sendBack } = useReviewQueue(planId);
  const [selected, setSelected] = useState<number[]>([]);
  const [returning, setReturning] = useState<number[] | null>(null);

  /** Approves or returns, then clears the selection (whatever went through). */
  const approveNow = (ids: number[]) => approve(ids).finally(() => setSelected([]));
  const sendBackNow = (ids: number[], reason: string) => sendBack(ids, reason).finally(() => setSelected([]));

  /** Bulk approval asks first, naming how many values it approves. */
  function confirmApprove(ids: number[]) {
    modal.confirm({
      title: t('values.confirmApproveTitle', { count: ids.length }),
      content: t('values.confirmApproveBody'),
      okText: t('values.confirmApproveOk', { count: ids.length }),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'approve-confirm' } as Record<string, string>,
      cancelButtonProps: { 'data-testid': 'approve-cancel' } as Record<string, string>,
      onOk: () => approveNow(ids),
    });
  }

  if (queue.isError) return <LoadError error={queue.error} onRetry={() => void queue.refetch()} />;

  const columns = reviewColumns({
    t,
    locale,
    scoped,
    busy,
    approve: (r: ReviewItem) => void approveNow([r.id]),
    sendBack: (r: ReviewItem) => setReturning([r.id]),
  });

  return (
    <>
      <Space wrap className="bulk-actions">
        <Button
          type="primary"
          disabled={selected.length === 0}
          loading={busy}
          onClick={() => confirmApprove(selected)}
          data-testid="approve-selected"
        >
          {t('review.approveSelected', { count: selected.length })}
        </Button>
        <Button
          danger
          disabled={selected.length === 0 || busy}
          onClick={() => setReturning(selected)}
          data-testid="return-selected"
        >
          {t('review.returnSelected', { count: selected.length })}
        </Button>
      </Space>
      <Table<ReviewItem>
        rowKey="id"
        size="small"
        loading={queue.isPending}
        columns={columns}
        dataSource={queue.data ?? []}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          // antd labels its checkboxes in English whatever the locale
          columnTitle: (checkbox) =>
            isValidElement<{ 'aria-label'?: string }>(checkbox)
              ? cloneElement(checkbox, { 'aria-label': t('a11y.selectAll') })
              : checkbox,
          getCheckboxProps: (item) => ({
            'aria-label': t('a11y.selectRow', { name: item.indicatorName, year: item.year }),
          }),
        }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('review.empty') }}
        data-testid="review-queue"
      />
      <ReturnModal returning={returning} busy={busy} onReturn={sendBackNow} onClose={() => setReturning(null)} />
    </>
  );
}
