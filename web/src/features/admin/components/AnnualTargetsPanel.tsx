import {
  ANNUAL_TARGET_BASES,
  ANNUAL_TARGET_KINDS,
  type AnnualTarget,
  type AnnualTargetBasis,
  defaultAnnualTargetBasis,
  type PlanListItem,
} from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { annualTargetKeys, fetchPlanAnnualTargets, setAnnualTarget } from '../../../api/annual-targets.ts';
import { indicatorKeys } from '../../../api/indicators.ts';
import { annualTargetWording } from '../../../charts/options/common.ts';
import { LoadError } from '../../../components/errors.tsx';
import { formatDateTime, MISSING } from '../../../format/number.ts';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { specOf, specValues, type SpecValues } from '../form-values.ts';
import { formFailure, placeFieldErrors, SpecFields } from './form-parts.tsx';
import { planYears } from '../../../app/plan-years.ts';

interface AnnualValues extends SpecValues {
  code: string;
  year: number;
  text: string;
  source: string;
  basis: AnnualTargetBasis;
}

const FIELD_OF: Record<string, keyof AnnualValues> = {
  spec: 'value',
  text: 'text',
  source: 'source',
  basis: 'basis',
  year: 'year',
  code: 'code',
};

/**
 * Yearly targets (年度目标): optional, per indicator and year, entered by an admin from the document that sets
 * them (usually that year's government work report). They are drawn on the indicator's chart and judged in the
 * annual evaluation beside the plan's own target. Choosing one in the list loads it into the form to correct it.
 */
export function AnnualTargetsPanel({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useIndicatorList(plan.id, undefined);
  const targets = useQuery({
    queryKey: annualTargetKeys.ofPlan(plan.id),
    queryFn: () => fetchPlanAnnualTargets(plan.id),
  });
  const [form] = Form.useForm<AnnualValues>();
  const kind = Form.useWatch('kind', form);

  const save = useMutation({
    mutationFn: (v: { code: string; year: number; body: Parameters<typeof setAnnualTarget>[3] }) =>
      setAnnualTarget(plan.id, v.code, v.year, v.body),
    onSuccess: () => {
      message.success(t('app.saved'));
      // The year and source stay: a work report sets several targets for the same year.
      form.resetFields(['code', 'kind', 'value', 'tolerance', 'text']);
      void queryClient.invalidateQueries({ queryKey: annualTargetKeys.all });
      // Trajectories carry the targets' positions on the chart.
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    },
    onError: (error) => placeFieldErrors(form, error, FIELD_OF),
  });
  const failure = formFailure(save.error, FIELD_OF, t);

  const indicators = list.data ?? [];
  const nameOf = (code: string) => indicators.find((i) => i.code === code)?.name ?? code;
  const years = planYears(plan);
  // A work report sets the targets of its own year: this year, kept inside the plan period.
  const defaultYear = Math.min(Math.max(new Date().getFullYear(), plan.baselineYear + 1), plan.targetYear);

  // The basis the API would choose, offered as the default: growth for a rate target on a level indicator.
  function suggestBasis(values: Partial<AnnualValues>) {
    const indicator = indicators.find((i) => i.code === values.code);
    if (values.kind !== 'annual_rate' || !indicator) return;
    // Only the kinds decide the default; the rate itself plays no part.
    form.setFieldValue('basis', defaultAnnualTargetBasis({ kind: 'annual_rate', rate: 0 }, indicator.target.spec.kind));
  }

  function edit(target: AnnualTarget) {
    save.reset();
    form.resetFields();
    form.setFieldsValue({
      code: target.code,
      year: target.year,
      ...specValues(target.spec),
      text: target.text ?? '',
      source: target.source,
      basis: target.basis,
    });
  }

  function submit(values: AnnualValues) {
    const spec = specOf(values);
    if (!spec.success) {
      save.reset();
      form.setFields([{ name: 'value', errors: [spec.error.issues[0]?.message ?? t('entry.valueInvalid')] }]);
      return;
    }
    save.mutate({
      code: values.code,
      year: values.year,
      body: {
        spec: spec.data,
        text: values.text,
        source: values.source,
        // Only a rate can be compared with growth; anything else is compared with the value itself.
        basis: spec.data.kind === 'annual_rate' ? values.basis : 'value',
      },
    });
  }

  const columns: TableColumnsType<AnnualTarget> = [
    { key: 'indicator', title: t('annual.indicator'), render: (_, a) => nameOf(a.code) },
    { key: 'year', title: t('annual.year'), dataIndex: 'year', width: 64 },
    { key: 'text', title: t('annual.text'), render: (_, a) => annualTargetWording(a) },
    { key: 'basis', title: t('annual.basis'), render: (_, a) => t(`annual.bases.${a.basis}`), responsive: ['md'] },
    { key: 'source', title: t('annual.source'), dataIndex: 'source', responsive: ['sm'] },
    {
      key: 'setBy',
      title: t('annual.setBy'),
      render: (_, a) => `${a.createdBy ?? MISSING} · ${formatDateTime(a.createdAt, locale)}`,
      responsive: ['lg'],
    },
    {
      key: 'edit',
      title: '',
      width: 64,
      render: (_, a) => (
        <Button size="small" type="link" onClick={() => edit(a)} data-testid={`annual-edit-${a.code}-${a.year}`}>
          {t('annual.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('annual.hint')}</Typography.Paragraph>
      <div className="annual-examples">
        {t('annual.examplesTitle')}
        <ul>
          <li>{t('annual.example1')}</li>
          <li>{t('annual.example2')}</li>
          <li>{t('annual.example3')}</li>
        </ul>
      </div>
      <Typography.Title level={5}>{t('annual.list', { title: plan.title })}</Typography.Title>
      {targets.isError ? (
        <LoadError error={targets.error} onRetry={() => void targets.refetch()} />
      ) : (
        <Table<AnnualTarget>
          rowKey={(a) => `${a.code}-${a.year}`}
          size="small"
          loading={targets.isPending || list.isPending}
          columns={columns}
          dataSource={targets.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('annual.empty') }}
          className="panel-table"
          data-testid="annual-target-list"
        />
      )}
      <Form<AnnualValues>
        form={form}
        layout="vertical"
        className="target-form"
        onFinish={submit}
        onValuesChange={(changed: Partial<AnnualValues>, all) => {
          if ('kind' in changed || 'code' in changed) suggestBasis(all);
        }}
        initialValues={{ kind: 'annual_rate', basis: 'value', year: defaultYear }}
      >
        <Form.Item name="code" label={t('annual.indicator')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={indicators.map((i) => ({ value: i.code, label: i.name }))}
            data-testid="annual-indicator"
          />
        </Form.Item>
        <Form.Item name="year" label={t('annual.year')} rules={[{ required: true }]}>
          <Select
            options={years.map((y) => ({ value: y, label: t('app.yearLabel', { year: y }) }))}
            data-testid="annual-year"
          />
        </Form.Item>
        <SpecFields
          kinds={ANNUAL_TARGET_KINDS}
          kind={kind}
          kindLabel={(k) => t(`annual.kinds.${k as (typeof ANNUAL_TARGET_KINDS)[number]}`)}
          rateLabel={t('annual.rate')}
          testId="annual"
        />
        {kind === 'annual_rate' && (
          <Form.Item name="basis" label={t('annual.basis')} extra={t('annual.basisHint')} rules={[{ required: true }]}>
            <Radio.Group
              options={ANNUAL_TARGET_BASES.map((b) => ({ value: b, label: t(`annual.bases.${b}`) }))}
              data-testid="annual-basis"
            />
          </Form.Item>
        )}
        <Form.Item name="text" label={t('annual.text')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t('annual.textPlaceholder')} maxLength={200} data-testid="annual-text" />
        </Form.Item>
        <Form.Item name="source" label={t('annual.source')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder={t('annual.sourcePlaceholder')} maxLength={500} data-testid="annual-source" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="annual-submit">
          {t('annual.submit')}
        </Button>
      </Form>
    </>
  );
}
