import type { ReviewItem } from '@gz/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import { cloneElement, isValidElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { indicatorKeys } from '../../../api/indicators.ts';
import { planKeys } from '../../../api/plans.ts';
import { approveRevision, fetchPendingRevisions, returnRevision, revisionKeys } from '../../../api/revisions.ts';
import { useScopedPath } from '../../../app/scope.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import {
  formatChange,
  formatDateTime,
  formatDecimalText,
  formatRelativeChange,
  MISSING,
  withUnit,
} from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';
import { formatPublished } from '../../../format/published.ts';

/**
 * The queue of values awaiting review: each with the value it would replace and the change, to be
 * approved or returned (with a reason) one by one or in bulk.
 */
export function ReviewQueue({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scoped = useScopedPath();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const queue = useQuery({ queryKey: revisionKeys.pending(planId), queryFn: () => fetchPendingRevisions(planId) });
  const [selected, setSelected] = useState<number[]>([]);
  const [returning, setReturning] = useState<number[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  /** Runs one call per revision; reports how many went through and why the others did not. */
  async function settle(ids: number[], action: (id: number) => Promise<void>) {
    setBusy(true);
    const results = await Promise.allSettled(ids.map(action));
    setBusy(false);
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const ok = ids.length - failures.length;
    if (ok > 0) message.success(t('review.done', { ok }));
    if (failures.length > 0)
      message.error(t('review.failed', { count: failures.length, detail: errorText(failures[0], t) }));
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: revisionKeys.pending(planId) });
    void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    // An approval changes the counted values, hence the overview's counts too.
    void queryClient.invalidateQueries({ queryKey: planKeys.summaries(planId) });
  }

  /** Bulk approval asks first, naming how many values it approves. */
  function confirmApprove(ids: number[]) {
    modal.confirm({
      title: t('values.confirmApproveTitle', { count: ids.length }),
      content: t('values.confirmApproveBody'),
      okText: t('values.confirmApproveOk', { count: ids.length }),
      cancelText: t('app.cancel'),
      okButtonProps: { 'data-testid': 'approve-confirm' } as Record<string, string>,
      cancelButtonProps: { 'data-testid': 'approve-cancel' } as Record<string, string>,
      onOk: () => settle(ids, approveRevision),
    });
  }

  async function confirmReturn() {
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    if (!returning) return;
    await settle(returning, (id) => returnRevision(id, reason));
    setReturning(null);
    form.resetFields();
  }

  if (queue.isError) return <LoadError error={queue.error} onRetry={() => void queue.refetch()} />;

  const columns: TableColumnsType<ReviewItem> = [
    {
      key: 'indicator',
      title: t('review.indicator'),
      render: (_, r) => (
        <div className="indicator-name-cell">
          <Link to={scoped(`/indicators/${r.indicatorCode}`)}>{r.indicatorName}</Link>
          <Typography.Text type="secondary" className="cell-sub">
            {t('app.yearLabel', { year: r.year })} · {r.unit}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'value',
      title: t('review.value'),
      align: 'right',
      render: (_, r) => (
        <span className="num">
          {formatPublished(r.valueText, r.qualifier, locale, t)}
          <span className="cell-sub">
            {t(`dataStatus.${r.dataStatus}`)}
            {r.growthRateText !== null ? ` · ${t('values.growthShort', { rate: r.growthRateText })}` : ''}
          </span>
        </span>
      ),
    },
    {
      key: 'previous',
      title: t('review.previous'),
      align: 'right',
      responsive: ['sm'],
      render: (_, r) =>
        r.previous ? <span className="num">{formatDecimalText(r.previous.valueText, locale)}</span> : MISSING,
    },
    {
      key: 'change',
      title: t('review.change'),
      align: 'right',
      render: (_, r) =>
        r.previous ? (
          <span className="num">
            {withUnit(formatChange(r.valueText, r.previous.valueText, locale), r.unit)}
            <span className="cell-sub">{formatRelativeChange(r.value, r.previous.value, locale)}</span>
          </span>
        ) : (
          MISSING
        ),
    },
    { key: 'source', title: t('detail.source'), dataIndex: 'source', ellipsis: true, responsive: ['lg'] },
    {
      key: 'entered',
      title: t('review.enteredBy'),
      responsive: ['md'],
      render: (_, r) => (
        <span>
          {r.enteredBy ?? MISSING}
          <span className="cell-sub">{formatDateTime(r.enteredAt, locale)}</span>
        </span>
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, r) => (
        <Space size={4} wrap>
          <Button
            size="small"
            type="primary"
            disabled={busy}
            onClick={() => void settle([r.id], approveRevision)}
            data-testid={`approve-row-${r.id}`}
          >
            {t('review.approve')}
          </Button>
          <Button
            size="small"
            danger
            disabled={busy}
            onClick={() => setReturning([r.id])}
            data-testid={`return-row-${r.id}`}
          >
            {t('review.return')}
          </Button>
        </Space>
      ),
    },
  ];

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
      <Modal
        open={returning !== null}
        title={t('review.returnReason')}
        onCancel={() => setReturning(null)}
        footer={[
          <Button key="cancel" onClick={() => setReturning(null)}>
            {t('app.cancel')}
          </Button>,
          <Button
            key="return"
            danger
            type="primary"
            loading={busy}
            onClick={() => void confirmReturn()}
            data-testid="return-confirm"
          >
            {t('review.return')}
          </Button>,
        ]}
        destroyOnHidden
      >
        {returning && returning.length > 1 && (
          <Alert type="info" title={t('review.returnSelected', { count: returning.length })} className="modal-alert" />
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
