import { DATA_STATUSES, normaliseDecimalInput, VALUE_QUALIFIERS } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { indicatorKeys } from '../../../api/indicators.ts';
import { conflictingRevision, putObservation, type Revision } from '../../../api/observations.ts';
import { initialEntry, type EntryValues } from '../entry-access.ts';
import { revisionKeys } from '../../../api/revisions.ts';
import { errorText } from '../../../components/errors.tsx';
import { formatDateTime, formatDecimalText, withUnit } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

const FIELDS = ['value', 'dataStatus', 'qualifier', 'growthRate', 'source', 'note'] as const;

/** The fields of the form an API refusal names (the form shows its messages there); none for a conflict or a lock. */
const fieldsOf = (error: unknown) =>
  error instanceof ApiError && error.status !== 423 && conflictingRevision(error) === null
    ? FIELDS.filter((f) => error.fieldMessage(f))
    : [];

interface EntryFormProps {
  planId: string;
  code: string;
  unit: string;
  year: number;
  /** the newest revision of this year the user is looking at; null when the year is empty */
  base: Revision | null;
  /** the indicator's usual source: a suggestion */
  defaultSource: string;
  /** the signed-in user's name */
  me: string | null;
  onDone: () => void;
}

/**
 * Enters or corrects one year's value. The API's own validation messages land on their fields; a
 * conflict (someone saved in between) shows the value now current and lets the user apply theirs over it.
 */
export function EntryForm({ planId, code, unit, year, base, defaultSource, me, onDone }: EntryFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EntryValues>();
  const [baseRevision, setBaseRevision] = useState<number | null>(base?.revisionId ?? null);
  const save = useMutation({
    mutationFn: (body: Parameters<typeof putObservation>[3]) => putObservation(planId, code, year, body),
    onSuccess: () => {
      message.success(t('entry.submitted'));
      // indicatorKeys.all covers the indicator's values and revisions too (their keys start with it).
      void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
      void queryClient.invalidateQueries({ queryKey: revisionKeys.pending(planId) });
      onDone();
    },
    onError: (error) => {
      const atFields = fieldsOf(error);
      if (atFields.length > 0 && error instanceof ApiError)
        form.setFields(atFields.map((f) => ({ name: f, errors: [error.fieldMessage(f) ?? ''] })));
    },
  });
  const busy = save.isPending;
  // Someone saved in between: the value now current, to apply this one over it.
  const conflict = conflictingRevision(save.error);
  // Anything the form has no field for is still said, above the button.
  const failure =
    !save.error || conflict || fieldsOf(save.error).length > 0
      ? null
      : save.error instanceof ApiError && save.error.status === 423
        ? t('entry.yearLocked', { year })
        : errorText(save.error, t);

  function submit(values: EntryValues, revision: number | null) {
    const value = normaliseDecimalInput(values.value);
    if (value === null) {
      form.setFields([{ name: 'value', errors: [t('entry.valueInvalid')] }]);
      return;
    }
    const growth = values.growthRate?.trim() ? normaliseDecimalInput(values.growthRate) : null;
    if (values.growthRate?.trim() && growth === null) {
      save.reset();
      form.setFields([{ name: 'growthRate', errors: [t('values.growthRateInvalid')] }]);
      return;
    }
    save.mutate({
      value,
      dataStatus: values.dataStatus,
      qualifier: values.qualifier ?? null,
      growthRate: growth,
      source: values.source,
      note: values.note || null,
      baseRevision: revision,
    });
  }

  // Sources offered, never filled in: the newest revision's and the indicator's usual one.
  const suggestions = [...new Set([base?.source ?? '', defaultSource].map((x) => x.trim()).filter((x) => x !== ''))];

  function reapply() {
    if (!conflict) return;
    // The user has now seen the current revision: it becomes the base their value replaces.
    setBaseRevision(conflict.id);
    submit(form.getFieldsValue(), conflict.id);
  }

  return (
    <Form<EntryValues>
      form={form}
      layout="vertical"
      size="small"
      className="entry-form"
      initialValues={initialEntry(base, me)}
      onFinish={(values) => submit(values, baseRevision)}
      data-testid={`entry-form-${code}-${year}`}
    >
      {base?.reviewState === 'returned' && (
        <Alert
          type="warning"
          showIcon
          className="entry-alert"
          data-testid="entry-returned"
          title={t('values.returnedTitle')}
          description={
            <>
              <p className="alert-text">{t('values.returnedReason', { reason: base.reviewNote ?? '' })}</p>
              <p className="alert-text">{t('values.returnedHint')}</p>
            </>
          }
        />
      )}
      <Form.Item
        name="value"
        label={t('app.withUnit', { label: t('entry.value'), unit })}
        rules={[
          { required: true, message: t('entry.valueInvalid') },
          {
            validator: (_, v: string | undefined) =>
              !v || normaliseDecimalInput(v) !== null
                ? Promise.resolve()
                : Promise.reject(new Error(t('entry.valueInvalid'))),
          },
        ]}
      >
        <Input inputMode="decimal" placeholder={t('entry.valuePlaceholder')} autoFocus data-testid="entry-value" />
      </Form.Item>
      <Form.Item name="qualifier" label={t('values.qualifier')}>
        <Select
          allowClear
          options={VALUE_QUALIFIERS.map((q) => ({ value: q, label: t(`values.qualifiers.${q}`) }))}
          data-testid="entry-qualifier"
        />
      </Form.Item>
      <Form.Item name="dataStatus" label={t('entry.dataStatus')}>
        <Select
          options={DATA_STATUSES.map((s) => ({ value: s, label: t(`dataStatus.${s}`) }))}
          data-testid="entry-data-status"
        />
      </Form.Item>
      <Form.Item name="growthRate" label={t('values.growthRate')}>
        <Input inputMode="decimal" placeholder={t('values.growthRatePlaceholder')} data-testid="entry-growth-rate" />
      </Form.Item>
      <Form.Item
        name="source"
        label={t('entry.source')}
        rules={[{ required: true, whitespace: true, message: t('entry.sourceRequired') }]}
      >
        <Input placeholder={t('values.sourcePlaceholder')} data-testid="entry-source" />
      </Form.Item>
      {suggestions.length > 0 && (
        <div className="entry-source-suggestions">
          <span>{t('values.sourceSuggest')}</span>
          {suggestions.map((text, i) => (
            <Button
              key={text}
              size="small"
              type="link"
              onClick={() => form.setFieldValue('source', text)}
              data-testid={`entry-source-suggestion-${i}`}
            >
              {text}
            </Button>
          ))}
        </div>
      )}
      <Form.Item name="note" label={t('entry.note')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="entry-note" />
      </Form.Item>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          className="entry-alert"
          data-testid="entry-conflict"
          title={t('entry.conflictTitle')}
          description={
            <>
              <p className="alert-text">
                {t('entry.conflictBody', {
                  value: withUnit(formatDecimalText(conflict.valueText, locale), unit),
                  state: t(`reviewState.${conflict.reviewState}`),
                  when: formatDateTime(conflict.enteredAt, locale),
                })}
              </p>
              <Button size="small" onClick={reapply} loading={busy} data-testid="entry-reapply">
                {t('entry.reapply')}
              </Button>
            </>
          }
        />
      )}
      {failure && <Alert type="error" showIcon title={failure} className="entry-alert" data-testid="entry-error" />}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="entry-submit">
        {t('entry.submit')}
      </Button>
    </Form>
  );
}
