import { type Indicator, normaliseDecimalInput, type PlanListItem, TARGET_KINDS, type Thresholds } from '@gz/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorKeys } from '../../../api/indicators.ts';
import { fetchPlan, patchPlan, patchPlanIndicator, planKeys } from '../../../api/plans.ts';
import { errorText, LoadError, PageSpin } from '../../../components/errors.tsx';
import { formatDecimalText, MISSING } from '../../../format/number.ts';
import { targetWording } from '../../../format/target.ts';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { specOf, specValues, type SpecValues } from '../form-values.ts';
import { placeFieldErrors, SpecFields } from './form-parts.tsx';

const THRESHOLD_KEYS = ['ahead', 'onTrack', 'lagging', 'approxTolerancePct', 'annualRateTolerance', 'qualitativeBandPct'] as const satisfies readonly (keyof Thresholds)[];

interface PlanValues extends Thresholds {
  title: string;
  baselineYear: number;
  targetYear: number;
  outlookYear?: number | null;
}

const PLAN_FIELD_OF: Record<string, string> = {
  title: 'title',
  baselineYear: 'baselineYear',
  targetYear: 'targetYear',
  outlookYear: 'outlookYear',
  ...Object.fromEntries(THRESHOLD_KEYS.map((k) => [`thresholds.${k}`, k])),
};

interface PlanDraftDrawerProps {
  plan: PlanListItem;
  onClose: () => void;
  /** after any saved change: the plan list and everything computed from the plan are stale */
  onChanged: () => void;
}

/** Edits a draft plan: title, period and thresholds, then any indicator's baseline and target. */
export function PlanDraftDrawer({ plan, onClose, onChanged }: PlanDraftDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const full = useQuery({ queryKey: planKeys.one(plan.id), queryFn: () => fetchPlan(plan.id) });
  const list = useIndicatorList(plan.id, undefined);
  const [form] = Form.useForm<PlanValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [indicator, setIndicator] = useState<Indicator | null>(null);

  async function save(values: PlanValues) {
    setFailure(null);
    setBusy(true);
    try {
      const { title, baselineYear, targetYear, outlookYear, ...thresholds } = values;
      await patchPlan(plan.id, { title, baselineYear, targetYear, outlookYear: outlookYear ?? null, thresholds });
      message.success(t('app.saved'));
      void queryClient.invalidateQueries({ queryKey: planKeys.one(plan.id) });
      onChanged();
    } catch (error) {
      if (!placeFieldErrors(form, error, PLAN_FIELD_OF)) setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Indicator> = [
    { key: 'name', title: t('indicators.name'), render: (_, i) => `${i.name}（${i.unit}）` },
    {
      key: 'baseline',
      title: t('plans.baselineValue'),
      render: (_, i) => (
        <span className="nowrap">
          {i.baseline.valueText === null ? MISSING : formatDecimalText(i.baseline.valueText, locale)}
          {t('indicators.baselineYear', { year: i.baseline.year })}
        </span>
      ),
    },
    { key: 'target', title: t('indicators.target'), render: (_, i) => targetWording(i.target, t), responsive: ['sm'] },
    {
      key: 'edit',
      title: '',
      width: 64,
      render: (_, i) => (
        <Button size="small" type="link" onClick={() => setIndicator(i)} data-testid={`draft-indicator-${i.code}`}>
          {t('plans.editIndicator')}
        </Button>
      ),
    },
  ];

  return (
    <Drawer open title={t('plans.editTitle', { title: plan.title })} onClose={onClose} size="large" className="plan-drawer">
      {full.isError ? (
        <LoadError error={full.error} onRetry={() => void full.refetch()} />
      ) : !full.data ? (
        <PageSpin />
      ) : (
        <Form<PlanValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{ ...full.data.thresholds, title: full.data.title, baselineYear: full.data.baselineYear, targetYear: full.data.targetYear, outlookYear: full.data.outlookYear }}
        >
          <Form.Item name="title" label={t('plans.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} data-testid="draft-title" />
          </Form.Item>
          <div className="form-row">
            <Form.Item name="baselineYear" label={t('plans.baselineYear')} rules={[{ required: true }]}>
              <InputNumber min={1949} max={2100} controls={false} />
            </Form.Item>
            <Form.Item name="targetYear" label={t('plans.targetYear')} rules={[{ required: true }]}>
              <InputNumber min={1949} max={2100} controls={false} />
            </Form.Item>
            <Form.Item name="outlookYear" label={t('plans.outlookYear')}>
              <InputNumber min={1949} max={2100} controls={false} />
            </Form.Item>
          </div>
          <Typography.Title level={5}>{t('plans.thresholds')}</Typography.Title>
          <div className="form-row">
            {THRESHOLD_KEYS.map((key) => (
              <Form.Item key={key} name={key} label={t(`plans.${key}`)} rules={[{ required: true }]}>
                <InputNumber min={0} step={0.1} controls={false} data-testid={`draft-${key}`} />
              </Form.Item>
            ))}
          </div>
          {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="draft-save">
            {t('plans.savePlan')}
          </Button>
        </Form>
      )}
      <Typography.Title level={5} className="drawer-section">
        {t('plans.indicators')}
      </Typography.Title>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Indicator> rowKey="code" size="small" loading={list.isPending} columns={columns} dataSource={list.data ?? []} pagination={false} />
      )}
      {indicator && (
        <IndicatorDrawer
          planId={plan.id}
          indicator={indicator}
          onClose={() => setIndicator(null)}
          onSaved={() => {
            setIndicator(null);
            void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

interface IndicatorValues extends SpecValues {
  baselineValue?: string;
  baselineYear: number;
  targetText?: string;
}

const INDICATOR_FIELD_OF: Record<string, keyof IndicatorValues> = {
  baseline: 'baselineValue',
  'baseline.year': 'baselineYear',
  target: 'value',
  'target.text': 'targetText',
};

/** Edits one indicator of a draft: its baseline (value and year) and its target (kind, figure, wording). */
function IndicatorDrawer({ planId, indicator, onClose, onSaved }: { planId: string; indicator: Indicator; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IndicatorValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  async function save(values: IndicatorValues) {
    setFailure(null);
    const spec = specOf(values);
    if (!spec.success) {
      form.setFields([{ name: 'value', errors: [spec.error.issues[0]?.message ?? t('entry.valueInvalid')] }]);
      return;
    }
    const typed = values.baselineValue?.trim() ?? '';
    const valueText = typed === '' ? null : normaliseDecimalInput(typed);
    if (typed !== '' && valueText === null) {
      form.setFields([{ name: 'baselineValue', errors: [t('entry.valueInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      // Baseline and target are replaced whole: their notes are carried over as they were.
      await patchPlanIndicator(planId, indicator.code, {
        baseline: { valueText, year: values.baselineYear, note: indicator.baseline.note },
        target: { spec: spec.data, text: values.targetText?.trim() || null, note: indicator.target.note },
      });
      message.success(t('app.saved'));
      onSaved();
    } catch (error) {
      if (!placeFieldErrors(form, error, INDICATOR_FIELD_OF)) setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open title={t('plans.indicatorTitle', { name: indicator.name })} onClose={onClose} size="default">
      <Form<IndicatorValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          baselineValue: indicator.baseline.valueText ?? '',
          baselineYear: indicator.baseline.year,
          ...specValues(indicator.target.spec),
          targetText: indicator.target.text ?? '',
        }}
      >
        <div className="form-row">
          <Form.Item name="baselineValue" label={t('app.withUnit', { label: t('plans.baselineValue'), unit: indicator.unit })} extra={t('plans.baselineValueHint')}>
            <Input inputMode="decimal" data-testid="draft-baseline-value" />
          </Form.Item>
          <Form.Item name="baselineYear" label={t('plans.baselineYear')} rules={[{ required: true }]}>
            <InputNumber min={1949} max={2100} controls={false} />
          </Form.Item>
        </div>
        <SpecFields kinds={TARGET_KINDS} kind={kind} kindLabel={(k) => t(`admin.kinds.${k}`)} testId="draft-target" />
        <Form.Item name="targetText" label={t('plans.targetText')}>
          <Input maxLength={200} data-testid="draft-target-text" />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="draft-indicator-save">
          {t('app.save')}
        </Button>
      </Form>
    </Drawer>
  );
}
