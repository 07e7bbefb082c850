import { statusWithBasis, type Indicator, type PlanProgressSummary } from '@gz/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useScopedPath } from '../../../app/scope.ts';
import { useLocale } from '../../../i18n/index.ts';
import { pick } from '../../../i18n/messages.ts';

interface AreaProgressProps {
  summary: PlanProgressSummary;
  indicators: readonly Indicator[];
}

/**
 * One compact card per area: how many of its indicators are on schedule, then each indicator as a
 * coloured dot with its status written out (colour is never the only signal), linking to its page.
 */
export function AreaProgress({ summary, indicators }: AreaProgressProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const scoped = useScopedPath();
  return (
    <section className="areas" aria-label={t('overview.areas')}>
      {summary.byCategory.map((area) => {
        const members = indicators.filter((i) => i.category.code === area.code).sort((a, b) => a.position - b.position);
        const onSchedule = area.byClass.achieved + area.byClass.ahead + area.byClass.on_track;
        return (
          <section key={area.code} className="panel area-card" data-testid={`area-${area.code}`}>
            <h2 className="panel-title">
              {area.name}
              <span className="area-tally">
                {t('overview.areaSummary', { green: onSchedule, attention: area.byClass.lagging })}
              </span>
            </h2>
            <ul className="plain-list">
              {members.map((indicator) => (
                <li key={indicator.code}>
                  <Link
                    to={scoped(`/indicators/${indicator.code}`)}
                    className="area-indicator"
                    data-testid={`area-indicator-${indicator.code}`}
                  >
                    <span className={`status-dot dot-${indicator.progress.colour}`} aria-hidden />
                    <span className="area-indicator-name">
                      {indicator.name}
                      {indicator.attribute === 'binding' && (
                        <span className="binding-mark">{t('attribute.binding')}</span>
                      )}
                    </span>
                    <span
                      className={`area-indicator-status text-${indicator.progress.colour}`}
                      data-testid="status-tag"
                      data-status={indicator.progress.status}
                    >
                      {pick(
                        indicator.finalVerdict ? indicator.finalVerdict.label : statusWithBasis(indicator.progress),
                        locale,
                      )}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
