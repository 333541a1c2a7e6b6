import { useState } from 'react';
import { Button, Card, Form, Input, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { useAuth } from '../app/auth';

interface MyUnit { unitId: number; unitName: string; openItems: number; overdueItems: number; openFindings: number; visits: number; lastVisit: string | null }
interface Visit { id: number; unitName: string; userName: string; visitedOn: string; topic: string; notes: string | null }
interface Assignment { id: number; userName: string; unitName: string }

/** 联系指导: a liaison officer's units with their open work, and the guidance visits recorded there. */
export function LiaisonPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const [visiting, setVisiting] = useState<number | null>(null);
  const units = useQuery({ queryKey: ['oversight', 'liaison', 'units'], queryFn: () => api.get<Page<MyUnit>>('/api/v1/liaison/my-units') });
  const assignments = useQuery({ queryKey: ['oversight', 'liaison', 'assignments'], queryFn: () => api.get<Page<Assignment>>('/api/v1/liaison-assignments', { pageSize: 100 }), enabled: me.permissions.includes('inspection.manage') });
  const visits = useQuery({ queryKey: ['oversight', 'liaison', 'visits'], queryFn: () => api.get<Page<Visit>>('/api/v1/guidance-visits', { pageSize: 50 }) });

  return (
    <>
      <PageHeader title="联系指导" />
      <Card title="我联系的单位">
        <Table<MyUnit> rowKey="unitId" size="middle" loading={units.isLoading} dataSource={units.data?.items} pagination={false}
          locale={{ emptyText: units.error ? errorMessage(units.error) : '暂无联系的单位' }}
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            { title: '未办结事项', dataIndex: 'openItems', width: 100, align: 'right' },
            { title: '逾期', dataIndex: 'overdueItems', width: 70, align: 'right', render: (n: number) => (n ? <Tag color="error">{n}</Tag> : 0) },
            { title: '待整改问题', dataIndex: 'openFindings', width: 100, align: 'right' },
            { title: '指导次数', dataIndex: 'visits', width: 90, align: 'right' },
            { title: '最近指导', dataIndex: 'lastVisit', width: 110, render: (d: string | null) => d ?? '—' },
            { title: '', key: 'a', width: 110, render: (_: unknown, u) => <Button size="small" icon={<PlusOutlined />} onClick={() => setVisiting(u.unitId)}>记录指导</Button> },
          ]} />
      </Card>
      {assignments.data && (
        <Card title="工委委员联系分工" style={{ marginTop: 12 }}>
          <Table<Assignment> rowKey="id" size="small" dataSource={assignments.data.items} pagination={false}
            columns={[{ title: '工委委员', dataIndex: 'userName', width: 160 }, { title: '联系单位', dataIndex: 'unitName' }]} />
        </Card>
      )}
      <Card title="指导记录" style={{ marginTop: 12 }}>
        <Table<Visit> rowKey="id" size="small" loading={visits.isLoading} dataSource={visits.data?.items} pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', width: 110 },
            { title: '单位', dataIndex: 'unitName', width: 180 },
            { title: '内容', dataIndex: 'topic' },
            { title: '指导人', dataIndex: 'userName', width: 100 },
          ]} />
      </Card>
      {visiting && (
        <FormDialog<{ visitedOn: string; topic: string; notes?: string }>
          title="记录指导" successText="指导情况已记录" initialValues={{ visitedOn: dayjs().format('YYYY-MM-DD') }}
          submit={(v) => api.post('/api/v1/guidance-visits', { ...v, unitId: visiting, notes: v.notes || null })}
          onSuccess={() => void qc.invalidateQueries({ queryKey: ['oversight', 'liaison'] })} onClose={() => setVisiting(null)}
        >
          <Form.Item name="visitedOn" label="指导日期" rules={[{ required: true, message: '请选择日期' }]}><DateInput /></Form.Item>
          <Form.Item name="topic" label="指导内容" rules={[{ required: true, message: '请填写指导内容' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="notes" label="情况记录"><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}

