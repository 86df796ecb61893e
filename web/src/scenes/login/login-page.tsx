import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, errorMessage, sendData } from '../../api/client.ts';
import { resetSession } from '../../api/queries.ts';
import { LanguageSwitch } from '../../components/language-switch.tsx';

/** How many tries remain before the lockout, when the server said so with a wrong password. */
function attemptsLeft(err: unknown): number | null {
  if (!(err instanceof ApiError) || err.code !== 'LOGIN_FAILED') return null;
  const left = (err.details as { attemptsLeft?: unknown } | undefined)?.attemptsLeft;
  return typeof left === 'number' ? left : null;
}

interface Credentials {
  username: string;
  password: string;
}

/** The login page: username and password, the server's refusal in an alert, then on to the console. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    // Arriving here means the session ended or is about to be replaced: forget the previous user's data.
    resetSession(client);
  }, [client]);
  const login = useMutation({
    mutationFn: (body: Credentials) => sendData<{ ok: boolean }>('POST', '/api/auth/login', body),
    onSuccess: () => {
      // The new user's grants must be fetched fresh, not taken from an earlier session's cache.
      resetSession(client);
      navigate('/', { replace: true });
    },
  });

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch size="small" />
      </div>
      <Card className="login-card">
        {/* Plain elements rather than Typography keep antd's tooltip/ellipsis code out of the login bundle. */}
        <h1 className="login-title">{t('app.title')}</h1>
        <p className="login-subtitle">{t('auth.welcome')}</p>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="login-error"
            className="login-error"
            title={errorMessage(login.error)}
            description={
              attemptsLeft(login.error) === null
                ? undefined
                : t('admin.login.attemptsLeft', { count: attemptsLeft(login.error) ?? 0 })
            }
          />
        )}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          data-testid="login-form"
          onFinish={(values) => login.mutate(values)}
          disabled={login.isPending}
        >
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              autoComplete="username"
              autoFocus
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
