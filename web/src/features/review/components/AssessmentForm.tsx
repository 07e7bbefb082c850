import { type PlanListItem, type Status, STATUS_LABELS, STATUSES } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { indicatorKeys, recordAssessment } from '../../../api/indicators.ts';
import { errorText } from '../../../components/errors.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { pick } from '../../../i18n/messages.ts';
import { planYears } from '../../../app/plan-years.ts';

interface AssessmentValues {
  code: string;
  year: number;
  status: Status;
  justification: string;
}

const FIELDS = ['year', 'status', 'justification'] as const;

/** Whether the API named a field of the form (then the form shows it there). */
const atFields = (error: Error) => error instanceof ApiError && FIELDS.some((f) => error.fieldMessage(f));

/** A reviewer's judgement of one indicator and year, recorded beside the computed status (never replacing it). */
export function AssessmentForm({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AssessmentValues>();
  const list = useIndicatorList(plan.id, undefined);
  const code = Form.useWatch('code', form);
  const chosen = list.data?.find((i) => i.code === code);

  const years = planYears(plan);

  const record = useMutation({
    mutationFn: ({ code: target, ...body }: AssessmentValues) => recordAssessment(plan.id, target, body),
    onSuccess: () => {
      message.success(t('review.recorded'));
      form.resetFields(['justification']);
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    },
    onError: (error) => {
      const atFields = error instanceof ApiError ? FIELDS.filter((f) => error.fieldMessage(f)) : [];
      if (error instanceof ApiError && atFields.length > 0)
        form.setFields(atFields.map((f) => ({ name: f, errors: [error.fieldMessage(f) ?? ''] })));
    },
  });
  // A refusal the fields cannot show is shown above the button.
  const failure = record.error && !atFields(record.error) ? errorText(record.error, t) : null;

  return (
    <Form<AssessmentValues>
      form={form}
      layout="vertical"
      className="assessment-form"
      onFinish={(v) => record.mutate(v)}
      initialValues={{ year: plan.targetYear }}
    >
      <Alert type="info" showIcon title={t('review.assessmentHint')} className="form-alert" />
      <Form.Item name="code" label={t('review.assessmentIndicator')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={list.isPending}
          options={(list.data ?? []).map((i) => ({ value: i.code, label: i.name }))}
          data-testid="assessment-indicator"
        />
      </Form.Item>
      {chosen && (
        <div className="assessment-current">
          <StatusTag progress={chosen.progress} /> {pick(chosen.progress.explanation, locale)}
        </div>
      )}
      <Form.Item name="year" label={t('review.assessmentYear')} rules={[{ required: true }]}>
        <Select options={years.map((y) => ({ value: y, label: t('app.yearLabel', { year: y }) }))} />
      </Form.Item>
      <Form.Item name="status" label={t('review.assessmentStatus')} rules={[{ required: true }]}>
        <Select
          options={STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s], locale) }))}
          data-testid="assessment-status"
        />
      </Form.Item>
      <Form.Item
        name="justification"
        label={t('review.justification')}
        rules={[{ required: true, whitespace: true, message: t('review.justificationRequired') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} data-testid="assessment-justification" />
      </Form.Item>
      {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
      <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="assessment-submit">
        {t('app.save')}
      </Button>
    </Form>
  );
}
