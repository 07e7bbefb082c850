import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { changePassword } from '../../api/account.ts';
import { sessionKey } from '../../api/auth.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { useSession } from '../../app/session.ts';
import { passwordErrorText } from './password-errors.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Only same-site paths as the next page. */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : '/');

/** SEC (#10): the signed-in user changes their own password (forced after someone else set it). */
export function PasswordPage() {
  return (
    <AntdScope>
      <PasswordCard />
    </AntdScope>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const session = useSession();
  const [form] = Form.useForm<PasswordForm>();
  const mutation = useMutation({
    mutationFn: (v: PasswordForm) => changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: (user) => {
      queryClient.setQueryData(sessionKey, user);
      form.resetFields();
      if (params.get('next')) void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const forced = session.data?.mustChangePassword === true;

  return (
    <div className="page login-page">
      <Card title={t('security.changePassword')} className="login-card">
        {forced && (
          <Alert
            type="warning"
            showIcon
            title={t('security.mustChange')}
            className="login-hint"
            data-testid="password-must-change"
          />
        )}
        <p className="password-policy">{t('security.policy')}</p>
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => mutation.mutate(v)}
          data-testid="password-form"
        >
          <Form.Item
            name="currentPassword"
            label={t('security.currentPassword')}
            rules={[{ required: true, message: t('auth.required', { field: t('security.currentPassword') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('security.newPassword')}
            rules={[{ required: true, message: t('auth.required', { field: t('security.newPassword') }) }]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('security.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.required', { field: t('security.confirmPassword') }) },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('security.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          {mutation.isError && (
            <Alert type="error" showIcon title={passwordErrorText(mutation.error, t)} data-testid="password-error" />
          )}
          {mutation.isSuccess && (
            <Alert type="success" showIcon title={t('security.changed')} data-testid="password-changed" />
          )}
          <Button type="primary" htmlType="submit" block loading={mutation.isPending} data-testid="password-submit">
            {t('security.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
