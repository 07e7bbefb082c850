import { type Role, ROLES, type User } from '@gz/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Switch, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from './form-parts.tsx';
import { ApiError } from '../../../api/client.ts';
import { fetchUnits, unitKeys } from '../../../api/units.ts';
import { unlockUser } from '../../../api/account.ts';
import { createUser, fetchUsers, updateUser, userKeys, type NewUser, type UserChange } from '../../../api/users.ts';
import { passwordErrorText } from '../../account/password-errors.ts';
import { errorText, LoadError } from '../../../components/errors.tsx';
import { formatDateTime } from '../../../format/number.ts';
import { useLocale } from '../../../i18n/index.ts';

const NEW_USER_FIELDS = ['username', 'password', 'role', 'units', 'displayName'] as const;

/** Users, their role and the units (from the directory, never typed) an editor enters values for. */
export function UsersPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: userKeys.list, queryFn: fetchUsers });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<NewUser>();

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const units = useQuery({ queryKey: unitKeys.list, queryFn: fetchUnits });
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.code, label: u.name, disabled: !u.active }));

  const refresh = () => void queryClient.invalidateQueries({ queryKey: userKeys.list });
  const update = useMutation({
    mutationFn: (v: { user: User; patch: UserChange }) => updateUser(v.user.id, v.patch),
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error, t)),
  });
  const change = (user: User, patch: UserChange) => update.mutate({ user, patch });
  const unlock = useMutation({
    mutationFn: (user: User) => unlockUser(user.id),
    onSuccess: () => {
      message.success(t('security.unlocked'));
      refresh();
    },
    onError: (error) => message.error(errorText(error, t)),
  });
  const add = useMutation({
    mutationFn: createUser,
    onSuccess: () => {
      setAdding(false);
      form.resetFields();
      refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.code === 'weak_password' || error.code === 'password_reused')) {
        form.setFields([{ name: 'password', errors: [passwordErrorText(error, t)] }]);
        return;
      }
      const atFields = error instanceof ApiError ? NEW_USER_FIELDS.filter((f) => error.fieldMessage(f)) : [];
      const unitRefused = error instanceof ApiError && error.code === 'unknown_unit';
      if (unitRefused) form.setFields([{ name: 'units', errors: [t('units.unknownUnit')] }]);
      else if (error instanceof ApiError && atFields.length > 0)
        form.setFields(atFields.map((f) => ({ name: f, errors: [error.fieldMessage(f) ?? ''] })));
      else message.error(errorText(error, t));
    },
  });

  if (users.isError) return <LoadError error={users.error} onRetry={() => void users.refetch()} />;

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('admin.username'), dataIndex: 'username' },
    {
      key: 'displayName',
      title: t('final.displayName'),
      render: (_, u) => (
        <Input
          size="small"
          defaultValue={u.displayName ?? ''}
          maxLength={64}
          placeholder={u.username}
          style={{ width: 110 }}
          data-testid={`display-name-${u.username}`}
          onBlur={(e) => {
            const next = e.target.value.trim();
            if (next !== (u.displayName ?? '')) change(u, { displayName: next === '' ? null : next });
          }}
          onPressEnter={(e) => e.currentTarget.blur()}
        />
      ),
    },
    {
      key: 'role',
      title: t('admin.role'),
      render: (_, u) => (
        <Select<Role>
          size="small"
          value={u.role}
          options={roleOptions}
          onChange={(role) => change(u, { role })}
          style={{ width: 110 }}
        />
      ),
    },
    {
      key: 'units',
      title: t('units.userUnits'),
      render: (_, u) => (
        <Select<string[]>
          size="small"
          mode="multiple"
          value={u.units}
          options={unitOptions}
          optionFilterProp="label"
          onChange={(next) => change(u, { units: next })}
          style={{ minWidth: 180 }}
          data-testid={`user-units-${u.username}`}
        />
      ),
    },
    {
      key: 'active',
      title: t('admin.active'),
      render: (_, u) => <Switch size="small" checked={u.active} onChange={(active) => change(u, { active })} />,
    },
    {
      key: 'createdAt',
      title: t('admin.createdAt'),
      render: (_, u) => formatDateTime(u.createdAt, locale),
      responsive: ['md'],
    },
    // SEC (#10): a lockout and its early end
    {
      key: 'locked',
      title: t('security.lockedUntil'),
      render: (_, u) =>
        u.lockedUntil ? (
          <span>
            {formatDateTime(u.lockedUntil, locale)}{' '}
            <Button size="small" onClick={() => unlock.mutate(u)} data-testid={`unlock-${u.username}`}>
              {t('security.unlock')}
            </Button>
          </span>
        ) : null,
    },
  ];

  return (
    <>
      <Button type="primary" onClick={() => setAdding(true)} className="panel-action" data-testid="add-user">
        {t('admin.addUser')}
      </Button>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isPending}
        columns={columns}
        dataSource={users.data ?? []}
        pagination={false}
        scroll={{ x: 640 }}
      />
      <FormModal<NewUser>
        open={adding}
        title={t('admin.addUser')}
        form={form}
        busy={add.isPending}
        onCancel={() => setAdding(false)}
        onFinish={(v) => add.mutate(v)}
        initialValues={{ role: 'editor', units: [] }}
      >
        <Form.Item name="username" label={t('admin.username')} rules={[{ required: true }]}>
          <Input autoComplete="off" data-testid="new-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('admin.password')}
          rules={[{ required: true }]}
          extra={t('security.policy')}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item name="displayName" label={t('final.displayName')} extra={t('final.displayNameHint')}>
          <Input maxLength={64} data-testid="new-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('admin.role')}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item name="units" label={t('units.userUnits')} extra={t('units.userUnitsHint')}>
          <Select mode="multiple" options={unitOptions} optionFilterProp="label" data-testid="new-user-units" />
        </Form.Item>
      </FormModal>
    </>
  );
}
