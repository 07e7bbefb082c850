import type { MeasureSummary } from '@gz/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { createTask, ledgerKeys } from '../../../api/ledger.ts';
import { ledgerErrorText, splitUnits } from '../ledger-text.ts';
import { useUnits } from '../use-units.ts';

interface Values {
  measureId?: string;
  projectId?: string;
  title: string;
  leadUnit: string;
  contributingUnits?: string[];
  startDate: Dayjs;
  dueDate: Dayjs;
  milestones?: { title: string; dueDate: Dayjs }[];
  indicatorCodes?: string;
}
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The office splits a measure into a task: lead and contributing units, period, milestones. */
export function CreateTaskModal({
  measures,
  projects,
  open,
  onClose,
  initialMeasure,
  initialProject,
}: {
  measures: MeasureSummary[];
  /** key projects (专栏): when given, the task breaks down a project instead of a measure */
  projects?: { id: string; name: string }[] | undefined;
  open: boolean;
  onClose: () => void;
  initialMeasure?: string | undefined;
  initialProject?: string | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { units } = useUnits();
  const unitOptions = units.map((u) => ({ value: u.code, label: u.name }));
  const create = useMutation({
    mutationFn: (v: Values) =>
      createTask({
        measureId: v.measureId ?? null,
        projectId: v.projectId ?? null,
        title: v.title,
        leadUnit: v.leadUnit,
        contributingUnits: v.contributingUnits ?? [],
        startDate: iso(v.startDate),
        dueDate: iso(v.dueDate),
        milestones: (v.milestones ?? []).map((m) => ({ title: m.title, dueDate: iso(m.dueDate) })),
        indicatorCodes: splitUnits(v.indicatorCodes ?? ''),
      }),
    onSuccess: (task) => {
      message.success(t('ledger.created', { title: task.title }));
      void queryClient.invalidateQueries({ queryKey: ledgerKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (error) => message.error(ledgerErrorText(error, t)),
  });
  return (
    <Modal
      open={open}
      title={t('ledger.createTask')}
      onCancel={onClose}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => create.mutate(v))
          .catch(() => undefined)
      }
      okText={t('app.save')}
      cancelText={t('app.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ id: 'task-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ measureId: initialMeasure, projectId: initialProject }}
        data-testid="task-form"
      >
        {projects ? (
          <Form.Item name="projectId" label={t('ledger.project')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={projects.map((p) => ({
                value: p.id,
                label: p.name.length > 40 ? `${p.name.slice(0, 40)}…` : p.name,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="measureId" label={t('ledger.measure')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="task-measure"
              options={measures.map((m) => ({ value: m.id, label: `${m.label}${m.title}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('ledger.taskTitle')} rules={[{ required: true }]}>
          <Input data-testid="task-title" />
        </Form.Item>
        <Form.Item name="leadUnit" label={t('ledger.leadUnit')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={unitOptions} data-testid="task-lead" />
        </Form.Item>
        <Form.Item name="contributingUnits" label={t('ledger.contributingUnits')}>
          <Select mode="multiple" optionFilterProp="label" options={unitOptions} data-testid="task-contributing" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startDate" label={t('ledger.startDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="task-start" />
          </Form.Item>
          <Form.Item name="dueDate" label={t('ledger.dueDate')} rules={[{ required: true }]}>
            <DatePicker data-testid="task-due" />
          </Form.Item>
        </Space>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline">
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('ledger.milestoneTitle')} data-testid={`milestone-title-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true }]}>
                    <DatePicker placeholder={t('ledger.milestoneDate')} data-testid={`milestone-date-${field.name}`} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>×</Button>
                </Space>
              ))}
              <Button onClick={() => add()} data-testid="milestone-add">
                {t('ledger.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="indicatorCodes" label={t('ledger.indicatorCodes')} style={{ marginTop: 16 }}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
