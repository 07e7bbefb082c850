import { type Indicator, normaliseDecimalInput, TARGET_KINDS, type TargetSpec } from '@gz/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { addPlanIndicator, patchPlanIndicator } from '../../../../api/plans.ts';
import { fetchUnits, unitKeys } from '../../../../api/units.ts';
import { specOf, specValues, type SpecValues } from '../../form-values.ts';
import { formFailure, placeFieldErrors, SpecFields } from '../form-parts.tsx';

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
export function IndicatorDrawer({ planId, indicator, areas, baselineYear, onClose, onSaved }: IndicatorDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IndicatorValues>();
  const kind = Form.useWatch('kind', form);
  const units = useQuery({ queryKey: unitKeys.list, queryFn: fetchUnits });
  const unitOptions = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }));

  const write = useMutation({
    mutationFn: async (v: { values: IndicatorValues; spec: TargetSpec; valueText: string | null }) => {
      const { values, spec, valueText } = v;
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
          target: { spec, text: values.targetText?.trim() || null, note: null },
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
          target: { spec, text: values.targetText?.trim() || null, note: note(indicator.target.note) },
        });
      }
    },
    onSuccess: () => {
      message.success(t('app.saved'));
      onSaved();
    },
    onError: (error) => placeFieldErrors(form, error, INDICATOR_FIELD_OF),
  });
  const failure = formFailure(write.error, INDICATOR_FIELD_OF, t);

  function save(values: IndicatorValues) {
    const spec = specOf(values);
    if (!spec.success) {
      write.reset();
      form.setFields([{ name: 'value', errors: [spec.error.issues[0]?.message ?? t('entry.valueInvalid')] }]);
      return;
    }
    const typed = values.baselineValue?.trim() ?? '';
    const valueText = typed === '' ? null : normaliseDecimalInput(typed);
    if (typed !== '' && valueText === null) {
      write.reset();
      form.setFields([{ name: 'baselineValue', errors: [t('entry.valueInvalid')] }]);
      return;
    }
    write.mutate({ values, spec: spec.data, valueText });
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
        onFinish={save}
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
        <Button type="primary" htmlType="submit" loading={write.isPending} data-testid="draft-indicator-save">
          {t('app.save')}
        </Button>
      </Form>
    </Drawer>
  );
}
