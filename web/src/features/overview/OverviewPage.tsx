import { EVALUATION_CLASS_LABELS, EVALUATION_CLASSES, type PlanListItem } from '@gz/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, PageSpin } from '../../components/errors.tsx';
import { PlanGate } from '../../components/PlanGate.tsx';
import { useLocale } from '../../i18n/index.ts';
import { pick } from '../../i18n/messages.ts';
import { AreaProgress } from './components/AreaProgress.tsx';
import { EarlyWarningList } from './components/EarlyWarningList.tsx';
import { useOverviewQuery } from './useOverviewQuery.ts';
import { planYears } from '../../app/plan-years.ts';

/**
 * The leaders' screen: evaluation classes, binding indicators needing attention, then every area at a
 * glance. Plain markup, no antd and no chart library: it is the first screen on a phone.
 */
export function OverviewPage() {
  return (
    <PlanGate>
      {({ plan, plans, year, setYear, setPlan }) => (
        <Overview plan={plan} plans={plans} year={year} onYear={setYear} onPlan={setPlan} />
      )}
    </PlanGate>
  );
}

interface OverviewProps {
  plan: PlanListItem;
  plans: PlanListItem[];
  year: number | undefined;
  onYear: (year: number) => void;
  onPlan: (planId: string) => void;
}

function Overview({ plan, plans, year, onYear, onPlan }: OverviewProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { summary, indicators } = useOverviewQuery(plan.id, year);

  const years = planYears(plan);

  // Without ?year= the API evaluates as of the latest year with data and says which year that is.
  const shownYear = year ?? summary.data?.evaluationYear;
  const failed = summary.error ?? indicators.error;
  return (
    <div className="page overview">
      <header className="page-header">
        {plans.length > 1 ? (
          // A native select: the phone's own picker, and no select component in the overview's first load.
          <select
            className="plan-select"
            value={plan.id}
            onChange={(e) => onPlan(e.target.value)}
            aria-label={t('app.plan')}
            data-testid="plan-select"
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.state === 'draft' ? t('plans.draftTitle', { title: p.title }) : p.title}
              </option>
            ))}
          </select>
        ) : (
          <h1 className="page-title">{plan.title}</h1>
        )}
        <div
          className="year-select"
          role="radiogroup"
          aria-label={t('overview.evaluationYear')}
          data-testid="year-select"
        >
          <span>{t('overview.evaluationYear')}</span>
          {years.map((y) => (
            // biome-ignore lint/a11y/useSemanticElements: a styled radio group of buttons, with roles and aria-checked
            <button
              key={y}
              type="button"
              role="radio"
              aria-checked={y === shownYear}
              className={y === shownYear ? 'year-option selected' : 'year-option'}
              onClick={() => onYear(y)}
              data-testid={`year-${y}`}
            >
              {t('app.yearLabel', { year: y })}
            </button>
          ))}
          {shownYear !== undefined ? (
            <Link className="report-link" to={`/reports/${plan.id}/${shownYear}`} data-testid="report-link">
              {t('overview.report')}
            </Link>
          ) : null}
        </div>
      </header>
      {plan.state === 'draft' && (
        <p className="notice notice-warning draft-notice" role="status" data-testid="draft-notice">
          {t('plans.draftPreview')}
        </p>
      )}

      {failed ? (
        <LoadError error={failed} onRetry={() => void Promise.all([summary.refetch(), indicators.refetch()])} />
      ) : !summary.data || !indicators.data ? (
        <PageSpin />
      ) : (
        <>
          <section aria-label={t('overview.classCounts')} className="class-counts">
            {EVALUATION_CLASSES.map((cls) => (
              <div key={cls} className={`class-count class-${cls}`} data-testid={`class-count-${cls}`}>
                <span className="class-count-value">{summary.data.byClass[cls]}</span>
                <span className="class-count-label">{pick(EVALUATION_CLASS_LABELS[cls], locale)}</span>
              </div>
            ))}
          </section>
          <p className="overview-total muted">
            {t('overview.indicatorCount', { count: summary.data.total })} · {t('overview.evaluationYear')}{' '}
            {t('app.yearLabel', { year: summary.data.evaluationYear })}
          </p>
          <EarlyWarningList items={summary.data.earlyWarning} />
          <AreaProgress summary={summary.data} indicators={indicators.data} />
        </>
      )}
    </div>
  );
}
