import { EditOutlined, LockOutlined } from '@ant-design/icons';
import type { Observation } from '@gz/shared';
import { Popover, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Revision } from '../../../api/observations.ts';
import { formatDecimalText } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';
import { EntryForm } from './EntryForm.tsx';

interface EntryCellProps {
  planId: string;
  code: string;
  name: string;
  unit: string;
  year: number;
  /** the counted value of the year */
  current: Observation | undefined;
  /** the newest revision of the year in any review state: what an edit replaces */
  newest: Revision | undefined;
  locked: boolean;
  defaultSource: string;
}

/**
 * One indicator-year of the grid: the counted value, a pending or returned revision beside it, and
 * a click to enter or correct it in place (a popover, so the grid stays in view).
 */
export function EntryCell({ planId, code, name, unit, year, current, newest, locked, defaultSource }: EntryCellProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const waiting = newest && newest.reviewState !== 'approved' ? newest : undefined;

  const content = (
    <span className="entry-cell-content">
      <span className="num">{current ? formatDecimalText(current.valueText, locale) : <span className="muted">{t('entry.empty')}</span>}</span>
      {waiting?.reviewState === 'pending' && (
        <Tag color="processing" className="entry-flag">
          {t('entry.pending')} {formatDecimalText(waiting.valueText, locale)}
        </Tag>
      )}
      {waiting?.reviewState === 'returned' && (
        <Tooltip title={waiting.reviewNote}>
          <Tag color="warning" className="entry-flag">
            {t('reviewState.returned')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );

  if (locked) {
    return (
      <Tooltip title={t('entry.yearLocked', { year })}>
        <span className="entry-cell locked" data-testid={`entry-cell-${code}-${year}`} data-locked="true">
          {content}
          <LockOutlined className="entry-icon" aria-label={t('entry.locked')} />
        </span>
      </Tooltip>
    );
  }

  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      destroyOnHidden
      title={`${name} · ${t('app.yearLabel', { year })}`}
      content={
        <EntryForm planId={planId} code={code} unit={unit} year={year} base={newest ?? null} defaultSource={defaultSource} onDone={() => setOpen(false)} />
      }
    >
      <button type="button" className="entry-cell" data-testid={`entry-cell-${code}-${year}`}>
        {content}
        <EditOutlined className="entry-icon" aria-hidden />
      </button>
    </Popover>
  );
}
