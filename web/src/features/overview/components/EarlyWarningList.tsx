import { WarningOutlined } from '@ant-design/icons';
import type { EarlyWarningItem } from '@gz/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useScopedPath } from '../../../app/scope.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { useLocale } from '../../../i18n/index.ts';
import { pick } from '../../../i18n/messages.ts';

/**
 * Binding indicators that are yellow or red, worst first, then those with a pending target or no current figure
 * (with the reason), as the API orders them: what leaders read first.
 */
export function EarlyWarningList({ items }: { items: readonly EarlyWarningItem[] }) {
  const { t } = useTranslation();
  const scoped = useScopedPath();
  const locale = useLocale();
  return (
    <section className="panel early-warning" data-testid="early-warning">
      <h2 className="panel-title">
        <span>
          <WarningOutlined className="early-warning-icon" /> {t('overview.earlyWarning')}
        </span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">{t('overview.earlyWarningEmpty')}</p>
      ) : (
        <ul className="plain-list">
          {items.map((item) => (
            <li key={item.code}>
              <Link
                to={scoped(`/indicators/${item.code}`)}
                className="warning-row"
                data-testid={`early-warning-${item.code}`}
              >
                <span className="warning-name">{item.name}</span>
                <span className="warning-area">{item.category.name}</span>
                {item.reason === 'status' ? (
                  <StatusTag progress={item} />
                ) : (
                  <span
                    className="status-tag status-grey"
                    data-testid="status-tag"
                    data-reason={item.reason}
                    title={pick(item.label, locale)}
                  >
                    {pick(item.reasonLabel, locale)}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
