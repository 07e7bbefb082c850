import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  approveReport,
  evidenceUrl,
  fetchReportQueue,
  ledgerKeys,
  returnReport,
  type QueuedReport,
} from '../../api/ledger.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { PageSpin } from '../../components/errors.tsx';
import { PageShell } from '../../components/PageShell.tsx';
import { LedgerTabs } from './components/LedgerTabs.tsx';
import { ledgerErrorText } from './ledger-text.ts';
import { useUnits } from './use-units.ts';

export function ReviewReportsPage() {
  return (
    <AntdScope>
      <ReviewReports />
    </AntdScope>
  );
}

/** The office reviews task reports: approve, or return with a reason (like values). */
function ReviewReports() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const queue = useQuery({ queryKey: ledgerKeys.queue(), queryFn: fetchReportQueue });
  const [returning, setReturning] = useState<QueuedReport | null>(null);
  const directory = useUnits();
  const [form] = Form.useForm<{ reason: string }>();
  const settle = {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ledgerKeys.all }),
    onError: (error: unknown) => message.error(ledgerErrorText(error, t)),
  };
  const approve = useMutation({
    mutationFn: (id: number) => approveReport(id),
    ...settle,
    onSuccess: () => {
      message.success(t('ledger.approved'));
      settle.onSuccess();
    },
  });
  const sendBack = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => returnReport(id, reason),
    ...settle,
    onSuccess: () => {
      message.success(t('ledger.returned'));
      setReturning(null);
      form.resetFields();
      settle.onSuccess();
    },
  });
  return (
    <PageShell title={t('ledger.reviewTitle')} className="ledger-page" reads={[queue]} spinWhileLoading={false}>
      <LedgerTabs />
      {queue.data === undefined ? (
        <PageSpin />
      ) : queue.data.length === 0 ? (
        <Empty description={t('ledger.reviewEmpty')} />
      ) : (
        queue.data.map((r) => (
          <div key={r.id} className="ledger-measure" data-testid={`review-${r.id}`}>
            <div className="ledger-task-head">
              <strong>{r.taskTitle}</strong>
              <span>
                {t('ledger.leadUnit')}：{directory.name(r.leadUnit) ?? t('ledger.noLead')}
              </span>
            </div>
            <div>
              {t('ledger.period')}：{r.period} · {t('ledger.submittedBy')}：{r.submittedBy ?? ''}
            </div>
            <Typography.Paragraph>
              {t('ledger.progress')}：{r.progress}
            </Typography.Paragraph>
            {r.problems && (
              <Typography.Paragraph>
                {t('ledger.problems')}：{r.problems}
              </Typography.Paragraph>
            )}
            {r.nextSteps && (
              <Typography.Paragraph>
                {t('ledger.nextSteps')}：{r.nextSteps}
              </Typography.Paragraph>
            )}
            {r.evidence.length > 0 && (
              <div>
                {t('ledger.evidence')}：
                {r.evidence.map((e) => (
                  <a
                    key={e.id}
                    href={evidenceUrl(e.id)}
                    download={e.filename}
                    className="ledger-evidence"
                    data-testid="evidence-link"
                  >
                    {e.filename}
                  </a>
                ))}
              </div>
            )}
            <Space style={{ marginTop: 8 }}>
              <Button
                type="primary"
                loading={approve.isPending}
                onClick={() => approve.mutate(r.id)}
                data-testid={`approve-${r.id}`}
              >
                {t('ledger.approve')}
              </Button>
              <Button danger onClick={() => setReturning(r)} data-testid={`return-${r.id}`}>
                {t('ledger.return')}
              </Button>
            </Space>
          </div>
        ))
      )}
      <Modal
        open={returning !== null}
        title={t('ledger.return')}
        onCancel={() => setReturning(null)}
        onOk={() =>
          void form
            .validateFields()
            .then(({ reason }) => returning && sendBack.mutate({ id: returning.id, reason }))
            .catch(() => undefined)
        }
        okText={t('ledger.return')}
        cancelText={t('app.cancel')}
        confirmLoading={sendBack.isPending}
        okButtonProps={{ id: 'return-confirm' }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('ledger.reason')}
            rules={[{ required: true, whitespace: true, message: t('ledger.reasonRequired') }]}
          >
            <Input.TextArea rows={3} data-testid="return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </PageShell>
  );
}
