import { Alert, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** Asks the reason for returning one or more values; `onReturn` settles once they are returned. */
export function ReturnModal(props: {
  /** the revisions to return; null: closed */
  returning: number[] | null;
  busy: boolean;
  onReturn: (ids: number[], reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { returning, busy, onReturn, onClose } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();

  async function confirmReturn() {
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return; // the form shows what is missing
    }
    if (!returning) return;
    await onReturn(returning, reason);
    onClose();
    form.resetFields();
  }

  return (
    <Modal
      open={returning !== null}
      title={t('review.returnReason')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('app.cancel')}
        </Button>,
        <Button
          key="return"
          danger
          type="primary"
          loading={busy}
          onClick={() => void confirmReturn()}
          data-testid="return-confirm"
        >
          {t('review.return')}
        </Button>,
      ]}
      destroyOnHidden
    >
      {returning && returning.length > 1 && (
        <Alert type="info" title={t('review.returnSelected', { count: returning.length })} className="modal-alert" />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
