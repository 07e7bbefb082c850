import type { Task } from '@gz/shared';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../../../api/ledger.ts';
import { useUnits } from '../use-units.ts';
import { StatusLight } from './StatusLight.tsx';

/** One task as a compact card: title, lead unit, due date, light, latest report (phone-friendly). */
export function TaskItem({ task }: { task: Task }) {
  const { t } = useTranslation();
  const latest = task.latestReport;
  const { name } = useUnits();
  return (
    <div className="ledger-task" data-testid={`task-${task.id}`}>
      <div className="ledger-task-head">
        <strong>{task.title}</strong>
        <StatusLight status={task.status.status} colour={task.status.colour} rule={task.status.rule} />
      </div>
      <div className="ledger-task-meta">
        <span>
          {t('ledger.leadUnit')}：
          {name(task.leadUnit) ?? <Typography.Text type="danger">{t('ledger.noLead')}</Typography.Text>}
        </span>
        {task.contributingUnits.length > 0 && (
          <span>
            {t('ledger.contributingUnits')}：{task.contributingUnits.map((u) => name(u)).join('、')}
          </span>
        )}
        <span>
          {t('ledger.dueDate')}：{task.dueDate}
        </span>
        {task.indicatorCodes.length > 0 && (
          <span>
            {t('ledger.indicators')}：{task.indicatorCodes.join('、')}
          </span>
        )}
      </div>
      {latest && (
        <div className="ledger-task-report" data-testid="latest-report">
          {t('ledger.latestReport')}（{latest.period}，{t(`reviewState.${latest.state}`)}）：{latest.progress}
          {latest.evidence.map((e) => (
            <a key={e.id} href={evidenceUrl(e.id)} download={e.filename} className="ledger-evidence">
              {' '}
              {e.filename}
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
