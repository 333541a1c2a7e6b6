import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { DateInput } from '../app/DateInput';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';

interface Holiday { id: number; date: string; isWorkday: boolean; name: string; version: number }
interface Settings { escalateUpAfterDays: number; version: number | null }

/** 节假日与调休: the working-day calendar that moves deadlines, and when overdue items reach the organisation above. */
export function HolidaysPage() {
  const { can } = useAuth();
  const editable = can('workitem.assign');
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const [year, setYear] = useState(dayjs().year());
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);
  const list = useQuery({ queryKey: ['holidays', year], queryFn: () => api.get<{ items: Holiday[] }>('/api/v1/holidays', { year }) });
  const settings = useQuery({ queryKey: ['work-item-settings'], queryFn: () => api.get<Settings>('/api/v1/work-item-settings') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['holidays'] });
  const [days, setDays] = useState<number | null>(null);

  return (
    <>
      <PageHeader title="节假日与督办设置" actions={editable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>添加日期</Button>} />
      <Card size="small" style={{ marginBottom: 12 }} title="逾期督办">
        <Space wrap>
          事项逾期超过
          <InputNumber aria-label="逾期上报天数" min={1} max={90} disabled={!editable} value={days ?? settings.data?.escalateUpAfterDays} onChange={(v) => setDays(v)} />
          天后提醒上级党组织
          {editable && days != null && (
            <Button onClick={() => api.put('/api/v1/work-item-settings', { escalateUpAfterDays: days, version: settings.data?.version ?? null })
              .then(() => { feedback.success('已保存'); setDays(null); void settings.refetch(); }, (e) => feedback.fail(e, { onReload: () => void settings.refetch() }))}>保存</Button>
          )}
        </Space>
      </Card>
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select aria-label="年份" value={year} onChange={setYear} style={{ width: 110 }}
            options={[-1, 0, 1].map((d) => ({ value: dayjs().year() + d, label: `${dayjs().year() + d} 年` }))} />
          <span>截止日期落在放假日（含周末）时顺延至下一个工作日；调休上班日按工作日计。</span>
        </Space>
        <Table<Holiday> rowKey="id" size="small" dataSource={list.data?.items} loading={list.isFetching} pagination={false}
          locale={{ emptyText: list.error ? errorMessage(list.error) : '该年尚未维护节假日' }}
          columns={[
            { title: '日期', dataIndex: 'date', width: 120 },
            { title: '星期', dataIndex: 'date', width: 80, render: (d: string) => '日一二三四五六'[dayjs(d).day()] },
            { title: '类型', dataIndex: 'isWorkday', width: 100, render: (w: boolean) => (w ? <Tag color="blue">调休上班</Tag> : <Tag color="red">放假</Tag>) },
            { title: '名称', dataIndex: 'name' },
            ...(editable ? [{
              title: '操作', key: 'op', width: 140, render: (_: unknown, h: Holiday) => (
                <Space>
                  <a onClick={() => setEditing(h)}>编辑</a>
                  <Popconfirm title="删除该日期？" onConfirm={() => api.delete(`/api/v1/holidays/${h.id}`).then(refresh, (e) => feedback.fail(e))}><a>删除</a></Popconfirm>
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      {editing && (
        <FormDialog<Omit<Holiday, 'id' | 'version'>>
          title={editing === 'new' ? '添加日期' : '编辑日期'}
          initialValues={editing === 'new' ? { isWorkday: false } : editing}
          successText="已保存"
          submit={(v) => (editing === 'new' ? api.post('/api/v1/holidays', v) : api.patch(`/api/v1/holidays/${editing.id}`, { ...v, version: editing.version }))}
          onSuccess={() => void refresh()}
          onReload={() => void refresh()}
          onClose={() => setEditing(null)}
        >
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DateInput /></Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="如：国庆节" maxLength={40} /></Form.Item>
          <Form.Item name="isWorkday" label="调休上班" valuePropName="checked"><Switch /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
