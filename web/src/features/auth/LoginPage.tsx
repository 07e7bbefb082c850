import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { login, sessionKey } from '../../api/auth.ts';
import { AntdScope } from '../../components/AntdScope.tsx';
import { formatDateTime } from '../../format/number.ts';
import { useLocale } from '../../i18n/index.ts';
import { loginErrorText } from '../account/password-errors.ts';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths: a crafted ?next=https://… must not turn the login into a redirector. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  return (
    <AntdScope>
      <LoginForm />
    </AntdScope>
  );
}

function LoginForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const locale = useLocale();
  const signIn = useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // Reads refused before the login (401) must be asked again with the new session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      queryClient.setQueryData(sessionKey, user);
      const next = safeNext(params.get('next'));
      // SEC (#10): a password set by someone else is changed first
      void navigate(user.mustChangePassword ? `/account/password?next=${encodeURIComponent(next)}` : next, {
        replace: true,
      });
    },
  });
  const error = signIn.error ? loginErrorText(signIn.error, t, (iso) => formatDateTime(iso, locale)) : null;

  return (
    <div className="page login-page">
      <Card title={t('auth.title')} className="login-card">
        {params.get('next') && <Alert type="info" showIcon title={t('auth.needLogin')} className="login-hint" />}
        <Form<Credentials>
          layout="vertical"
          onFinish={(v) => signIn.mutate(v)}
          requiredMark={false}
          data-testid="login-form"
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.required', { field: t('auth.username') }) }]}
          >
            <Input autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.required', { field: t('auth.password') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} className="login-error" data-testid="login-error" />}
          <Button type="primary" htmlType="submit" block loading={signIn.isPending} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
