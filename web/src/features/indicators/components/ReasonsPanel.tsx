import { type Indicator, mayEnterValues } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approveReason, fetchReasons, reasonKeys, returnReason, submitReason } from '../../../api/reasons.ts';
import { useSession } from '../../../app/session.ts';
import { errorText } from '../../../components/errors.tsx';
import { formatDateTime } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

const STATE_COLOURS = { pending: 'gold', approved: 'green', returned: 'red' } as const;

/**
 * 原因说明 and 下一步措施 (FINAL #11): the responsible unit explains, for a report year, why the indicator is not
 * achieved, lagging or without data; a reviewer approves or returns it; the report quotes the approved one.
 */
export function ReasonsPanel({ planId, indicator }: { planId: string; indicator: Indicator }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const user = useSession().data;
  const reasons = useQuery({
    queryKey: reasonKeys.of(planId, indicator.code),
    queryFn: () => fetchReasons(planId, indicator.code),
  });
  const [form] = Form.useForm<{ year: number; reason: string; measures: string }>();
  const [notes, setNotes] = useState<Record<number, string>>({});
  const refresh = () =>
    queryClient
      .invalidateQueries({ queryKey: reasonKeys.all })
      .then(() => queryClient.invalidateQueries({ queryKey: ['reports'] }));
  const submit = useMutation({
    mutationFn: (v: { year: number; reason: string; measures: string }) =>
      submitReason(planId, indicator.code, v.year, { reason: v.reason, measures: v.measures }),
    onSuccess: () => {
      form.resetFields(['reason', 'measures']);
      void refresh();
    },
  });
  const review = useMutation({
    mutationFn: (a: { id: number; approve: boolean }) =>
      a.approve ? approveReason(a.id) : returnReason(a.id, notes[a.id]?.trim() || '请补充完善'),
    onSuccess: () => void refresh(),
  });
  const mayEnter = mayEnterValues(user ?? null, indicator).allowed;
  const mayReview = user?.role === 'admin' || user?.role === 'reviewer';
  const year = indicator.progress.evaluationYear;

  return (
    <Card size="small" title={t('final.reasons')} className="reasons-card" data-testid="reasons-panel">
      {reasons.data && reasons.data.length === 0 && (
        <Typography.Paragraph type="secondary">{t('final.noReasons')}</Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={reasons.data ?? []}
        renderItem={(r) => (
          <List.Item key={r.id} data-testid={`reason-${r.id}`}>
            <div>
              <Space wrap>
                <strong>{r.year}</strong>
                <Tag color={STATE_COLOURS[r.reviewState]}>{t(`final.reviewStates.${r.reviewState}`)}</Tag>
                <span>{r.unitName ?? ''}</span>
                <Typography.Text type="secondary">
                  {r.enteredBy ?? ''} {formatDateTime(r.enteredAt, locale)}
                </Typography.Text>
              </Space>
              <Typography.Paragraph className="reason-text">
                {t('final.reason')}：{r.reason}
                <br />
                {t('final.measures')}：{r.measures}
              </Typography.Paragraph>
              {r.reviewNote && <Typography.Text type="secondary">{r.reviewNote}</Typography.Text>}
              {mayReview && r.reviewState === 'pending' && (
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => review.mutate({ id: r.id, approve: true })}
                    data-testid={`reason-approve-${r.id}`}
                  >
                    {t('final.approve')}
                  </Button>
                  <Input
                    size="small"
                    placeholder={t('final.returnNote')}
                    value={notes[r.id] ?? ''}
                    onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
                    style={{ width: 160 }}
                  />
                  <Button size="small" danger onClick={() => review.mutate({ id: r.id, approve: false })}>
                    {t('final.returnReason')}
                  </Button>
                </Space>
              )}
            </div>
          </List.Item>
        )}
      />
      {review.isError && <Alert type="error" showIcon title={errorText(review.error, t)} />}
      {mayEnter && (
        <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} initialValues={{ year }}>
          <Form.Item name="year" label={t('final.reasonYear')} rules={[{ required: true }]}>
            <InputNumber min={1949} max={2100} controls={false} />
          </Form.Item>
          <Form.Item name="reason" label={t('final.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="reason-text" />
          </Form.Item>
          <Form.Item name="measures" label={t('final.measures')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="reason-measures" />
          </Form.Item>
          {submit.isError && <Alert type="error" showIcon title={errorText(submit.error, t)} className="form-alert" />}
          {submit.isSuccess && (
            <Alert type="success" showIcon title={t('final.reasonSubmitted')} className="form-alert" />
          )}
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="reason-submit">
            {t('final.submitReason')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
