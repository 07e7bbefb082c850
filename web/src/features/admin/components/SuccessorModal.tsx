import type { Plan, PlanListItem } from '@gz/shared';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createSuccessor } from '../../../api/plans.ts';
import { formFailure, placeFieldErrors } from './form-parts.tsx';

interface SuccessorValues {
  title: string;
  baselineYear: number;
  targetYear: number;
  outlookYear?: number | null;
}

const FIELD_OF: Record<string, keyof SuccessorValues> = {
  title: 'title',
  baselineYear: 'baselineYear',
  targetYear: 'targetYear',
  outlookYear: 'outlookYear',
};

/** The usual next period: the next five-year plan (五年规划), from the source plan's target year. */
function nextPeriod(source: PlanListItem): Pick<SuccessorValues, 'baselineYear' | 'targetYear'> {
  return { baselineYear: source.targetYear, targetYear: source.targetYear + 5 };
}

/**
 * Creates a draft successor of `source`: its title and period (the id is generated). Areas and indicators are
 * copied; targets start 待定 and baselines are the source's target-year values (待补录 where none).
 */
export function SuccessorModal({
  source,
  onClose,
  onCreated,
}: {
  source: PlanListItem;
  onClose: () => void;
  onCreated: (plan: Plan) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SuccessorValues>();
  const create = useMutation({
    mutationFn: (values: SuccessorValues) =>
      createSuccessor(source.id, { ...values, outlookYear: values.outlookYear ?? null }),
    onSuccess: onCreated,
    onError: (error) => placeFieldErrors(form, error, FIELD_OF),
  });
  const failure = formFailure(create.error, FIELD_OF, t);

  return (
    <Modal
      open
      title={t('plans.successorOf', { title: source.title })}
      okText={t('plans.successor')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'successor-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('plans.successorHint')}</Typography.Paragraph>
      <Form<SuccessorValues>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={nextPeriod(source)}
      >
        <Form.Item name="title" label={t('plans.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="successor-title" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="baselineYear" label={t('plans.baselineYear')} rules={[{ required: true }]}>
            <InputNumber min={1949} max={2100} controls={false} data-testid="successor-baseline-year" />
          </Form.Item>
          <Form.Item name="targetYear" label={t('plans.targetYear')} rules={[{ required: true }]}>
            <InputNumber min={1949} max={2100} controls={false} data-testid="successor-target-year" />
          </Form.Item>
          <Form.Item name="outlookYear" label={t('plans.outlookYear')}>
            <InputNumber min={1949} max={2100} controls={false} />
          </Form.Item>
        </div>
        {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
      </Form>
    </Modal>
  );
}
