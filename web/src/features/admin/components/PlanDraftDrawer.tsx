import { type Indicator, normaliseDecimalInput, type PlanListItem, TARGET_KINDS, type Thresholds } from '@gz/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { indicatorKeys } from '../../../api/indicators.ts';
import { fetchUnits, unitKeys } from '../../../api/units.ts';
import {
  addPlanIndicator,
  fetchPlan,
  patchPlan,
  patchPlanIndicator,
  planKeys,
  removePlanIndicator,
} from '../../../api/plans.ts';
import { errorText, LoadError, PageSpin } from '../../../components/errors.tsx';
import { formatDecimalText, MISSING } from '../../../format/number.ts';
import { planTargetText } from '../../../format/target.ts';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { specOf, specValues, type SpecValues } from '../form-values.ts';
import { placeFieldErrors, SpecFields } from './form-parts.tsx';

const THRESHOLD_KEYS = [
  'ahead',
  'onTrack',
  'lagging',
  'approxTolerancePct',
  'annualRateTolerance',
  'qualitativeBandPct',
] as const satisfies readonly (keyof Thresholds)[];

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
  const [adding, setAdding] = useState(false);
  const { modal } = App.useApp();

  function confirmRemove(i: Indicator) {
    modal.confirm({
      title: t('final.removeIndicator'),
      content: t('final.removeConfirm', { name: i.name }),
      okText: t('final.removeIndicator'),
      cancelText: t('app.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'remove-indicator-confirm' },
      onOk: async () => {
        try {
          await removePlanIndicator(plan.id, i.code);
          void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
          void queryClient.invalidateQueries({ queryKey: planKeys.one(plan.id) });
          onChanged();
        } catch (error) {
          message.error(errorText(error, t));
        }
      },
    });
  }

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
    {
      key: 'name',
      title: t('indicators.name'),
      render: (_, i) => (
        <span>
          {i.name}（{i.unit}）{i.target.undecided && <Tag color="gold">{t('final.undecided')}</Tag>}
          {i.baseline.pending && <Tag color="orange">{t('final.baselinePending')}</Tag>}
        </span>
      ),
    },
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
    { key: 'target', title: t('indicators.target'), render: (_, i) => planTargetText(i.target, t), responsive: ['sm'] },
    {
      key: 'edit',
      title: '',
      width: 96,
      render: (_, i) => (
        <Space size={0} wrap>
          <Button size="small" type="link" onClick={() => setIndicator(i)} data-testid={`draft-indicator-${i.code}`}>
            {t('plans.editIndicator')}
          </Button>
          <Button
            size="small"
            type="link"
            danger
            onClick={() => confirmRemove(i)}
            data-testid={`draft-remove-${i.code}`}
          >
            {t('final.removeIndicator')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Drawer
      open
      title={t('plans.editTitle', { title: plan.title })}
      onClose={onClose}
      size="large"
      className="plan-drawer"
    >
      {full.isError ? (
        <LoadError error={full.error} onRetry={() => void full.refetch()} />
      ) : !full.data ? (
        <PageSpin />
      ) : (
        <Form<PlanValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{
            ...full.data.thresholds,
            title: full.data.title,
            baselineYear: full.data.baselineYear,
            targetYear: full.data.targetYear,
            outlookYear: full.data.outlookYear,
          }}
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
        <>
          <Button onClick={() => setAdding(true)} className="panel-action" data-testid="draft-add-indicator">
            {t('final.addIndicator')}
          </Button>
          <Table<Indicator>
            rowKey="code"
            size="small"
            loading={list.isPending}
            columns={columns}
            dataSource={list.data ?? []}
            pagination={false}
          />
        </>
      )}
      {adding && full.data && (
        <IndicatorDrawer
          planId={plan.id}
          indicator={null}
          areas={full.data.categories.map((c) => ({ value: c.code, label: c.name }))}
          baselineYear={full.data.baselineYear}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
            void queryClient.invalidateQueries({ queryKey: planKeys.one(plan.id) });
            onChanged();
          }}
        />
      )}
      {indicator && (
        <IndicatorDrawer
          planId={plan.id}
          indicator={indicator}
          areas={[]}
          baselineYear={indicator.baseline.year}
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
  name: string;
  unit: string;
  attribute: 'binding' | 'expected';
  leadUnit?: string | null;
  contributingUnits?: string[];
  categoryCode?: string;
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

interface IndicatorDrawerProps {
  planId: string;
  /** null: a new indicator */
  indicator: Indicator | null;
  /** the areas a new indicator may join */
  areas: Array<{ value: string; label: string }>;
  baselineYear: number;
  onClose: () => void;
  onSaved: () => void;
}

/** A code for a new indicator, so that nobody types one. */
const newCode = () => `ind_${Date.now().toString(36)}`;

/**
 * Edits one indicator of a draft, or adds one: name, unit, attribute, unit in charge, baseline (value and year) and
 * target (kind — a figure, 待省下达 or 仅监测 — and wording).
 */
function IndicatorDrawer({ planId, indicator, areas, baselineYear, onClose, onSaved }: IndicatorDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IndicatorValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const units = useQuery({ queryKey: unitKeys.list, queryFn: fetchUnits });
  const unitOptions = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }));

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
      const fields = {
        name: values.name.trim(),
        unit: values.unit.trim(),
        attribute: values.attribute,
        leadUnit: values.leadUnit ?? null,
        contributingUnits: (values.contributingUnits ?? []).filter((u) => u !== values.leadUnit),
      };
      if (indicator === null) {
        await addPlanIndicator(planId, {
          ...fields,
          code: newCode(),
          categoryCode: values.categoryCode ?? '',
          unitNote: null,
          direction: 1,
          baseline: { valueText, year: values.baselineYear, note: null },
          target: { spec: spec.data, text: values.targetText?.trim() || null, note: null },
          definition: null,
          dataSource: null,
        });
      } else {
        // Baseline and target are replaced whole: their notes are carried over as they were (待定 / 待补录 cleared).
        const note = (n: string | null) => (n === '待定' || n?.startsWith('待补录') ? null : n);
        await patchPlanIndicator(planId, indicator.code, {
          ...fields,
          baseline: {
            valueText,
            year: values.baselineYear,
            note: valueText === null ? indicator.baseline.note : note(indicator.baseline.note),
          },
          target: { spec: spec.data, text: values.targetText?.trim() || null, note: note(indicator.target.note) },
        });
      }
      message.success(t('app.saved'));
      onSaved();
    } catch (error) {
      if (!placeFieldErrors(form, error, INDICATOR_FIELD_OF)) setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open
      title={indicator ? t('plans.indicatorTitle', { name: indicator.name }) : t('final.addIndicator')}
      onClose={onClose}
      size="default"
    >
      <Form<IndicatorValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          name: indicator?.name ?? '',
          unit: indicator?.unit ?? '',
          attribute: indicator?.attribute ?? 'expected',
          leadUnit: indicator?.leadUnit ?? null,
          contributingUnits: indicator?.contributingUnits ?? [],
          categoryCode: areas[0]?.value,
          baselineValue: indicator?.baseline.valueText ?? '',
          baselineYear: indicator?.baseline.year ?? baselineYear,
          ...specValues(indicator?.target.spec ?? { kind: 'none' }),
          targetText: indicator?.target.text ?? '',
        }}
      >
        {indicator?.baseline.pending && (
          <Alert
            type="warning"
            showIcon
            title={indicator.baseline.note ?? t('final.baselinePending')}
            className="form-alert"
          />
        )}
        {indicator?.target.undecided && (
          <Alert type="warning" showIcon title={t('final.undecided')} className="form-alert" />
        )}
        {indicator === null && (
          <Form.Item name="categoryCode" label={t('final.area')} rules={[{ required: true }]}>
            <Select options={areas} data-testid="draft-new-area" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('final.indicatorName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="draft-name" />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="unit" label={t('final.unit')}>
            <Input maxLength={40} data-testid="draft-unit" />
          </Form.Item>
          <Form.Item name="attribute" label={t('final.attribute')}>
            <Select
              options={[
                { value: 'binding', label: t('attribute.binding') },
                { value: 'expected', label: t('attribute.expected') },
              ]}
              style={{ minWidth: 100 }}
              data-testid="draft-attribute"
            />
          </Form.Item>
        </div>
        <Form.Item name="leadUnit" label={t('final.department')}>
          <Select allowClear options={unitOptions} data-testid="draft-department" />
        </Form.Item>
        <Form.Item name="contributingUnits" label={t('final.contributingUnits')}>
          <Select mode="multiple" allowClear options={unitOptions} data-testid="draft-contributing-units" />
        </Form.Item>
        <div className="form-row">
          <Form.Item
            name="baselineValue"
            label={t('app.withUnit', { label: t('plans.baselineValue'), unit: indicator?.unit ?? '' })}
            extra={t('plans.baselineValueHint')}
          >
            <Input inputMode="decimal" data-testid="draft-baseline-value" />
          </Form.Item>
          <Form.Item name="baselineYear" label={t('plans.baselineYear')} rules={[{ required: true }]}>
            <InputNumber min={1949} max={2100} controls={false} />
          </Form.Item>
        </div>
        <SpecFields
          kinds={TARGET_KINDS}
          kind={kind}
          kindLabel={(k) =>
            k === 'assigned' ? t('final.kindAssigned') : k === 'none' ? t('final.kindNone') : t(`admin.kinds.${k}`)
          }
          testId="draft-target"
        />
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
