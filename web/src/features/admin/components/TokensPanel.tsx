import { type ApiToken, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES, type TokenScope } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './form-parts.tsx';
import { createToken, fetchTokens, revokeToken, tokenKeys } from '../../../api/tokens.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import { formatDateTime, MISSING } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

interface NewToken {
  name: string;
  scope: TokenScope;
  /** SEC (#10): lifetime in days */
  expiresInDays: number;
}

/** API tokens for other systems: created with a scope, shown exactly once, revoked when no longer used. */
export function TokensPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: tokenKeys.list, queryFn: fetchTokens });
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<NewToken>();

  const scopeLabel = (scope: TokenScope) => (scope === 'read' ? t('admin.scopeRead') : t('admin.scopeWrite'));

  const refresh = () => void queryClient.invalidateQueries({ queryKey: tokenKeys.list });
  const add = useMutation({
    mutationFn: createToken,
    onSuccess: (created) => {
      setAdding(false);
      form.resetFields();
      setSecret(created.token);
      refresh();
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => revokeToken(token.id),
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error, t)),
  });

  if (tokens.isError) return <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />;

  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: t('admin.tokenName'), dataIndex: 'name' },
    { key: 'scope', title: t('admin.tokenScope'), render: (_, k) => scopeLabel(k.scope) },
    { key: 'prefix', title: t('admin.tokenPrefix'), render: (_, k) => <code>{k.prefix}…</code>, responsive: ['sm'] },
    { key: 'owner', title: t('admin.owner'), dataIndex: 'owner', responsive: ['md'] },
    {
      key: 'lastUsed',
      title: t('admin.lastUsed'),
      render: (_, k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : MISSING),
      responsive: ['md'],
    },
    {
      key: 'expires',
      title: t('security.expiresAt'),
      render: (_, k) => (k.expiresAt ? formatDateTime(k.expiresAt, locale) : MISSING),
      responsive: ['sm'],
    },
    {
      key: 'actions',
      title: '',
      render: (_, k) =>
        k.revokedAt ? (
          <Tag
            title={
              k.revokedReason ? t(`security.reasons.${k.revokedReason}`, { defaultValue: k.revokedReason }) : undefined
            }
          >
            {k.revokedReason && k.revokedReason !== 'revoked'
              ? t(`security.reasons.${k.revokedReason}`, { defaultValue: k.revokedReason })
              : t('admin.revoked')}
          </Tag>
        ) : (
          <Popconfirm
            title={t('admin.revokeConfirm')}
            okText={t('admin.revoke')}
            cancelText={t('app.cancel')}
            // the confirmation keeps its spinner until the call settles; a failure shows as a message
            onConfirm={() => revoke.mutateAsync(k).catch(() => undefined)}
          >
            <Button size="small" danger>
              {t('admin.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Button type="primary" onClick={() => setAdding(true)} className="panel-action" data-testid="add-token">
        {t('admin.addToken')}
      </Button>
      {secret && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setSecret(null) }}
          className="form-alert"
          data-testid="token-secret"
          title={t('admin.tokenOnce')}
          description={
            <Typography.Paragraph
              copyable={{ text: secret, tooltips: [t('admin.copy'), t('admin.copied')] }}
              className="token-secret"
            >
              <code>{secret}</code>
            </Typography.Paragraph>
          }
        />
      )}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        columns={columns}
        dataSource={tokens.data ?? []}
        pagination={false}
      />
      <FormModal<NewToken>
        open={adding}
        title={t('admin.addToken')}
        form={form}
        busy={add.isPending}
        onCancel={() => setAdding(false)}
        onFinish={(v) => add.mutate(v)}
        initialValues={{ scope: 'read', expiresInDays: TOKEN_DEFAULT_DAYS }}
      >
        <Form.Item name="name" label={t('admin.tokenName')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="new-token-name" />
        </Form.Item>
        <Form.Item name="scope" label={t('admin.tokenScope')}>
          <Select options={TOKEN_SCOPES.map((s) => ({ value: s, label: scopeLabel(s) }))} />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('security.expiresInDays')}
          extra={t('security.expiresHint')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={TOKEN_MAX_DAYS} precision={0} data-testid="new-token-days" />
        </Form.Item>
      </FormModal>
    </>
  );
}
