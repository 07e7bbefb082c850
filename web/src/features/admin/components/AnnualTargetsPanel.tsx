import type { AnnualTarget, PlanListItem } from '@gz/shared';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { planYears } from '../../../app/plan-years.ts';
import { LoadError } from '../../../components/errors.tsx';
import { useIndicatorList } from '../../../hooks/shared-queries.ts';
import { useLocale } from '../../../i18n/index.ts';
import { AnnualTargetForm } from './annual/AnnualTargetForm.tsx';
import { annualTargetColumns } from './annual/annual-target-columns.tsx';
import { useAnnualTargetEditor, usePlanAnnualTargets } from './annual/use-annual-targets.ts';

/**
 * Yearly targets (年度目标): optional, per indicator and year, entered by an admin from the document that sets
 * them (usually that year's government work report). They are drawn on the indicator's chart and judged in the
 * annual evaluation beside the plan's own target. Choosing one in the list loads it into the form to correct it.
 */
export function AnnualTargetsPanel({ plan }: { plan: PlanListItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useIndicatorList(plan.id, undefined);
  const targets = usePlanAnnualTargets(plan.id);
  const indicators = list.data ?? [];
  const editor = useAnnualTargetEditor(plan, indicators);
  const nameOf = (code: string) => indicators.find((i) => i.code === code)?.name ?? code;
  const years = planYears(plan);
  // A work report sets the targets of its own year: this year, kept inside the plan period.
  const defaultYear = Math.min(Math.max(new Date().getFullYear(), plan.baselineYear + 1), plan.targetYear);
  const columns = annualTargetColumns({ t, locale, nameOf, edit: editor.edit });

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
      <AnnualTargetForm editor={editor} indicators={indicators} years={years} defaultYear={defaultYear} />
    </>
  );
}
