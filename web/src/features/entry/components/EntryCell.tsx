import { EditOutlined, LockOutlined, StopOutlined } from '@ant-design/icons';
import type { Observation } from '@gz/shared';
import { Popover, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Revision } from '../../../api/observations.ts';
import { useLocale } from '../../../i18n/index.ts';
import { formatPublished } from '../../../format/published.ts';
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
  /** why the user may not enter this indicator (in the UI's language); null when they may */
  refusal: string | null;
  /** the indicator's usual source: offered as a suggestion, never filled in */
  defaultSource: string;
  /** the signed-in user's name: their own pending entry reopens as they left it */
  me: string | null;
}

/**
 * One indicator-year of the grid: the counted value as published, a pending or returned revision beside it
 * (a returned one with its reason), and a click to enter or correct it in place (a popover, so the grid stays
 * in view). Cells the user may not enter are read-only and say why.
 */
export function EntryCell({
  planId,
  code,
  name,
  unit,
  year,
  current,
  newest,
  locked,
  refusal,
  defaultSource,
  me,
}: EntryCellProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const waiting = newest && newest.reviewState !== 'approved' ? newest : undefined;

  const content = (
    <span className="entry-cell-content">
      <span className="num">
        {current ? (
          formatPublished(current.valueText, current.qualifier, locale, t)
        ) : (
          <span className="muted">{t('entry.empty')}</span>
        )}
      </span>
      {waiting?.reviewState === 'pending' && (
        <Tag color="processing" className="entry-flag">
          {t('entry.pending')} {formatPublished(waiting.valueText, waiting.qualifier, locale, t)}
        </Tag>
      )}
      {waiting?.reviewState === 'returned' && (
        <>
          <Tag color="warning" className="entry-flag">
            {t('reviewState.returned')}
          </Tag>
          {waiting.reviewNote && (
            <span className="entry-return-reason" data-testid={`return-reason-${code}-${year}`}>
              {t('values.returnedReason', { reason: waiting.reviewNote })}
            </span>
          )}
        </>
      )}
    </span>
  );

  if (locked) {
    return (
      <Tooltip title={t('entry.yearLocked', { year })}>
        <span
          className="entry-cell locked"
          data-testid={`entry-cell-${code}-${year}`}
          data-locked="true"
          data-readonly="true"
        >
          {content}
          <LockOutlined className="entry-icon" aria-label={t('entry.locked')} />
        </span>
      </Tooltip>
    );
  }

  if (refusal !== null) {
    // Focusable, so that the reason can be had by keyboard and touch as well; it opens nothing.
    return (
      <Tooltip title={refusal} trigger={['hover', 'focus', 'click']}>
        <button
          type="button"
          className="entry-cell locked"
          aria-disabled="true"
          data-testid={`entry-cell-${code}-${year}`}
          data-readonly="true"
          data-reason={refusal}
        >
          {content}
          <StopOutlined className="entry-icon" aria-label={`${t('values.readOnly')}：${refusal}`} />
        </button>
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
        <EntryForm
          planId={planId}
          code={code}
          unit={unit}
          year={year}
          base={newest ?? null}
          defaultSource={defaultSource}
          me={me}
          onDone={() => setOpen(false)}
        />
      }
    >
      <button type="button" className="entry-cell" data-testid={`entry-cell-${code}-${year}`}>
        {content}
        <EditOutlined className="entry-icon" aria-hidden />
      </button>
    </Popover>
  );
}
