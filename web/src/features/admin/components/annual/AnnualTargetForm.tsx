import { ANNUAL_TARGET_BASES, ANNUAL_TARGET_KINDS, type Indicator } from '@gz/shared';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SpecFields } from '../form-parts.tsx';
import type { AnnualTargetEditor, AnnualValues } from './use-annual-targets.ts';

/** The form of one annual target: indicator, year, kind and figure, basis (for a rate), wording and source. */
export function AnnualTargetForm(props: {
  editor: AnnualTargetEditor;
  indicators: readonly Indicator[];
  years: readonly number[];
  defaultYear: number;
}) {
  const { editor, indicators, years, defaultYear } = props;
  const { t } = useTranslation();
  const kind = Form.useWatch('kind', editor.form);
  return (
    <Form<AnnualValues>
      form={editor.form}
      layout="vertical"
      className="target-form"
      onFinish={editor.submit}
      onValuesChange={(changed: Partial<AnnualValues>, all) => {
        if ('kind' in changed || 'code' in changed) editor.suggestBasis(all);
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
      {editor.failure && <Alert type="error" showIcon title={editor.failure} className="form-alert" />}
      <Button type="primary" htmlType="submit" loading={editor.busy} data-testid="annual-submit">
        {t('annual.submit')}
      </Button>
    </Form>
  );
}
