import type { Indicator, PlanListItem, TargetKind } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorKeys, setAssignedTarget } from '../../../api/indicators.ts';
import { planKeys } from '../../../api/plans.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { planTargetText } from '../../../format/target.ts';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { specOf, type SpecValues } from '../form-values.ts';
import { formFailure, placeFieldErrors, SpecFields } from './form-parts.tsx';

/** The numeric kinds a province can assign (see the target grammar). */
const ASSIGNABLE: readonly TargetKind[] = [
  'level',
  'approx',
  'annual_rate',
  'cumulative_reduction',
  'floor',
  'maintain',
];

interface TargetValues extends SpecValues {
  code: string;
  text: string;
  documentNo: string;
  issuedOn: Dayjs;
  note?: string;
}

const FIELD_OF: Record<string, keyof TargetValues> = {
  spec: 'value',
  text: 'text',
  documentNo: 'documentNo',
  issuedOn: 'issuedOn',
  note: 'note',
};

/**
 * Province-assigned targets: binding indicators whose value "按省下达任务执行". An admin records the
 * province's figure with its document; the status is then computed against it.
 */
export function TargetsPanel({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useIndicatorList(plan.id, undefined);
  const [form] = Form.useForm<TargetValues>();
  const kind = Form.useWatch('kind', form);
  const locale = useLocale();
  // The date picker is the app's only dayjs user, so its locale is set here rather than in the shell.
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  }, [locale]);

  const binding = (list.data ?? []).filter((i) => i.attribute === 'binding');

  const save = useMutation({
    mutationFn: (v: { code: string; body: Parameters<typeof setAssignedTarget>[2] }) =>
      setAssignedTarget(plan.id, v.code, v.body),
    onSuccess: () => {
      message.success(t('app.saved'));
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      // A target recorded for a "按省下达" indicator changes its status, hence the overview's counts.
      void queryClient.invalidateQueries({ queryKey: planKeys.summaries(plan.id) });
    },
    onError: (error) => placeFieldErrors(form, error, FIELD_OF),
  });
  // A refusal the form fields cannot show is shown above the button.
  const failure = formFailure(save.error, FIELD_OF, t);

  function submit(values: TargetValues) {
    const spec = specOf(values);
    if (!spec.success) {
      save.reset();
      form.setFields([{ name: 'value', errors: [spec.error.issues[0]?.message ?? t('entry.valueInvalid')] }]);
      return;
    }
    save.mutate({
      code: values.code,
      body: {
        spec: spec.data,
        text: values.text,
        documentNo: values.documentNo,
        issuedOn: values.issuedOn.format('YYYY-MM-DD'),
        note: values.note || null,
      },
    });
  }

  const columns: TableColumnsType<Indicator> = [
    { key: 'name', title: t('indicators.name'), dataIndex: 'name' },
    { key: 'kind', title: t('admin.targetKind'), render: (_, i) => t(`admin.kinds.${i.target.spec.kind}`) },
    { key: 'text', title: t('admin.currentTarget'), render: (_, i) => planTargetText(i.target, t) },
    {
      key: 'status',
      title: t('indicators.status'),
      render: (_, i) => <StatusTag progress={i.progress} />,
      responsive: ['sm'],
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.targetsHint')}</Typography.Paragraph>
      <Table<Indicator>
        rowKey="code"
        size="small"
        loading={list.isPending}
        columns={columns}
        dataSource={binding}
        pagination={false}
        className="panel-table"
      />
      <Form<TargetValues>
        form={form}
        layout="vertical"
        className="target-form"
        onFinish={submit}
        initialValues={{ kind: 'level' }}
      >
        <Form.Item name="code" label={t('indicators.name')} rules={[{ required: true }]}>
          <Select options={binding.map((i) => ({ value: i.code, label: i.name }))} data-testid="target-indicator" />
        </Form.Item>
        <SpecFields kinds={ASSIGNABLE} kind={kind} kindLabel={(k) => t(`admin.kinds.${k}`)} testId="target" />
        <Form.Item name="text" label={t('admin.targetText')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="documentNo" label={t('admin.documentNo')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('admin.issuedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('detail.note')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="target-submit">
          {t('admin.setTarget')}
        </Button>
      </Form>
    </>
  );
}
