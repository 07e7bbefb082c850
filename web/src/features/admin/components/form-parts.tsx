import { QUALITATIVE_RULES, type TargetKind } from '@gz/shared';
import { Form, type FormInstance, type FormProps, Input, Modal, Select } from 'antd';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/errors.tsx';
import { fieldErrorsOf } from '../form-values.ts';

/**
 * The kind, value or rate, tolerance and qualitative rule of a target, as fields of the enclosing form;
 * only the fields the chosen kind has are shown. `kindLabel` names the kinds as the screen calls them, and
 * `rateLabel` the rate of an annual_rate target (default: the plan's 年均增速).
 */
export function SpecFields(props: {
  kinds: readonly TargetKind[];
  kind: TargetKind | undefined;
  kindLabel: (kind: TargetKind) => string;
  rateLabel?: string;
  testId: string;
}) {
  const { kinds, kind, kindLabel, testId } = props;
  const { t } = useTranslation();
  const numeric = kind !== undefined && kind !== 'qualitative' && kind !== 'assigned' && kind !== 'none';
  return (
    <>
      <Form.Item name="kind" label={t('admin.targetKind')} rules={[{ required: true }]}>
        <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} data-testid={`${testId}-kind`} />
      </Form.Item>
      {numeric && (
        <Form.Item
          name="value"
          label={kind === 'annual_rate' ? (props.rateLabel ?? t('admin.targetRate')) : t('admin.targetValue')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input inputMode="decimal" data-testid={`${testId}-value`} />
        </Form.Item>
      )}
      {(kind === 'approx' || kind === 'annual_rate') && (
        <Form.Item name="tolerance" label={t('admin.targetTolerance')}>
          <Input inputMode="decimal" data-testid={`${testId}-tolerance`} />
        </Form.Item>
      )}
      {kind === 'qualitative' && (
        <Form.Item name="rule" label={t('plans.targetRule')} rules={[{ required: true }]}>
          <Select options={QUALITATIVE_RULES.map((r) => ({ value: r, label: t(`plans.rules.${r}`) }))} />
        </Form.Item>
      )}
    </>
  );
}

/** Shows an API refusal at the form fields it names (see {@link fieldErrorsOf}); false when none could be placed. */
export function placeFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldOf: Readonly<Record<string, string>>,
): boolean {
  const placed = fieldErrorsOf(error, fieldOf);
  // antd's setFields is typed by the form's own paths; the names here come from the caller's map.
  if (placed.length > 0) form.setFields(placed as Parameters<FormInstance<T>['setFields']>[0]);
  return placed.length > 0;
}

/** What a form shows above its buttons for a failed save: the refusal, unless it names fields the form shows. */
export function formFailure(error: unknown, fieldOf: Readonly<Record<string, string>>, t: TFunction): string | null {
  return error && fieldErrorsOf(error, fieldOf).length === 0 ? errorText(error, t) : null;
}

/**
 * The dialog that adds one thing (a user, a token, a unit, a webhook): a vertical form, 保存 submits it, 取消 closes
 * it, the save button spins while `busy`, and the form is dropped on closing.
 */
export function FormModal<T>(props: {
  open: boolean;
  title: string;
  form: FormInstance<T>;
  busy: boolean;
  onCancel: () => void;
  onFinish: (values: T) => void;
  initialValues?: FormProps<T>['initialValues'];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      onOk={() => props.form.submit()}
      confirmLoading={props.busy}
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      destroyOnHidden
    >
      <Form<T> form={props.form} layout="vertical" onFinish={props.onFinish} initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}
