import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Form, Input, InputNumber, Progress, Space, Table, Tag } from 'antd';
import { CheckOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { PagedTable } from '../app/PagedTable';
import { usePaging } from '../app/paging';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { itemStateColors, itemStateLabels, timelinessLabels, type ItemState, type Timeliness } from './oversight-api';

interface Project {
  id: number; orgName: string; title: string; year: number; state: 'open' | 'signed_off'; version: number; signoffBlockers: string[]; milestonesSignedOff: number;
  milestones: Array<{ id: number; title: string; state: ItemState; deadline: string; timeliness: Timeliness }>;
}

/** 党建项目: each milestone is a work item signed off on its own; the project closes when all of them are. */
export function ProjectsPage() {
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [paging, setPaging] = usePaging(20, year);
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'signoff'; project: Project } | null>(null);
  const q = { year, ...paging };
  const list = useQuery({ queryKey: ['oversight', 'projects', q], queryFn: () => api.get<Page<Project>>('/api/v1/projects', q) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['oversight', 'projects'] });

  return (
    <>
      <PageHeader title="党建项目" actions={<>
        <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => { if (v) setYear(v); }} suffix="年" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>新建项目</Button>
      </>} />
      <Card>
        <PagedTable<Project>
          rowKey="id" size="middle" list={list} paging={paging} onPaging={setPaging} emptyText="本年暂无党建项目" pagination={{ showSizeChanger: false }}
          expandable={{
            expandedRowRender: (p) => (
              <Table rowKey="id" size="small" pagination={false} dataSource={p.milestones} columns={[
                { title: '里程碑', dataIndex: 'title', render: (t: string, m) => <Link to={`/work-items/${m.id}`}>{t}</Link> },
                { title: '期限', dataIndex: 'deadline', width: 110 },
                { title: '状态', dataIndex: 'state', width: 100, render: (s: ItemState) => <Tag color={itemStateColors[s]}>{itemStateLabels[s]}</Tag> },
                { title: '时效', dataIndex: 'timeliness', width: 90, render: (v: Timeliness) => timelinessLabels[v] },
              ]} />
            ),
          }}
          columns={[
            { title: '项目', dataIndex: 'title' },
            { title: '承担组织', dataIndex: 'orgName', width: 200 },
            { title: '里程碑销号', key: 'progress', width: 170, render: (_: unknown, p) => <Progress size="small" percent={Math.round((p.milestonesSignedOff / Math.max(1, p.milestones.length)) * 100)} format={() => `${p.milestonesSignedOff}/${p.milestones.length}`} /> },
            { title: '项目销号', key: 'state', width: 120, render: (_: unknown, p) => (p.state === 'signed_off' ? <Tag color="success">已销号</Tag>
              : <Button size="small" icon={<CheckOutlined />} disabled={p.signoffBlockers.length > 0} title={p.signoffBlockers.join('；')} onClick={() => setDialog({ kind: 'signoff', project: p })}>销号</Button>) },
          ]}
        />
      </Card>
      {dialog?.kind === 'create' && (
        <FormDialog<{ orgId: number; title: string; description?: string; milestones: Array<{ title: string; deadline: string }> }>
          title="新建党建项目" width={640} successText="项目已建立，里程碑已交办" initialValues={{ milestones: [{ title: '', deadline: '' }] }}
          submit={(v) => api.post('/api/v1/projects', { ...v, year, description: v.description || null })}
          onSuccess={() => void refresh()} onClose={() => setDialog(null)}
        >
          <Form.Item name="orgId" label="承担组织" rules={[{ required: true, message: '请选择承担组织' }]}><OrgTreeSelect /></Form.Item>
          <Form.Item name="title" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="description" label="项目内容"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请填写里程碑' }]}><Input placeholder="里程碑" style={{ width: 320 }} /></Form.Item>
                    <Form.Item name={[f.name, 'deadline']} rules={[{ required: true, message: '请选择期限' }]}><DateInput /></Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined aria-label="删除里程碑" onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', deadline: '' })}>添加里程碑</Button>
              </>
            )}
          </Form.List>
        </FormDialog>
      )}
      {dialog?.kind === 'signoff' && (
        <FormDialog<{ comment: string }>
          title={`项目销号：${dialog.project.title}`} successText="项目已销号"
          submit={(v) => api.post(`/api/v1/projects/${dialog.project.id}/signoff`, { version: dialog.project.version, comment: v.comment })}
          onSuccess={() => void refresh()} onReload={() => void refresh()} onClose={() => setDialog(null)}
        >
          <Form.Item name="comment" label="销号意见" rules={[{ required: true, message: '请填写销号意见' }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
