import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Form, Input, Progress, Select, Space, Statistic, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { SelectFilter } from '../app/FilterBar';
import { options } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import { promptKeys, promptKindLabels, type Prompt, type PromptDetail, type PromptKind } from './prompt-api';

interface PromptValues {
  kind: PromptKind;
  title: string;
  body: string;
  requiredEvidence?: string;
  deadline: string;
}

const percent = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);

/** 工作提示: the committee's prompts of a year with how far each has been acknowledged, reported and signed off. */
export function PromptsPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { filters, update, paging, setPaging } = useListFilters<{ year: number; kind?: PromptKind }>({ year: dayjs().year() }, 20);
  const { year } = filters;
  const [creating, setCreating] = useState(false);
  const q = { ...filters, ...paging };
  const list = useQuery({ queryKey: promptKeys.list(q), queryFn: () => api.get<Page<Prompt>>('/api/v1/work-prompts', q) });
  const stats = useQuery({ queryKey: promptKeys.stats(year), queryFn: () => api.get<{ total: number; monthly: number; adHoc: number }>('/api/v1/work-prompts/stats', { year }) });
  const years = Array.from({ length: 4 }, (_, i) => dayjs().year() - i);

  return (
    <>
      <PageHeader title="工作提示" actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>写工作提示</Button>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size="large" wrap>
          <Select aria-label="年度" value={year} style={{ width: 110 }} onChange={(v) => update({ year: v })} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
          <SelectFilter<PromptKind> label="提示类型" placeholder="全部类型" value={filters.kind} width={130} onChange={(kind) => update({ kind })} options={options(promptKindLabels)} />
          <Statistic title="本年下发" value={stats.data?.total ?? 0} suffix="次" />
          <Statistic title="月提示" value={stats.data?.monthly ?? 0} />
          <Statistic title="动态提示" value={stats.data?.adHoc ?? 0} />
        </Space>
      </Card>
      <Card>
        <PagedTable<Prompt> rowKey="id" size="middle"
          list={list} paging={paging} onPaging={setPaging} emptyText="本年暂无工作提示" pagination={{ showSizeChanger: false }}
          columns={[
            { title: '标题', dataIndex: 'title', render: (t: string, p) => <Link to={`/work-prompts/${p.id}`}>{t}</Link> },
            { title: '类型', dataIndex: 'kind', width: 90, render: (k: PromptKind) => <Tag color={k === 'monthly' ? 'blue' : 'purple'}>{promptKindLabels[k]}</Tag> },
            { title: '下发日期', dataIndex: 'issuedOn', width: 110, render: (d: string | null) => d ?? <Tag>未下发</Tag> },
            { title: '反馈截止', dataIndex: 'deadline', width: 110 },
            { title: '签收', key: 'ack', width: 130, render: (_: unknown, p) => <Progress size="small" percent={percent(p.counts.acknowledged, p.counts.receivers)} format={() => `${p.counts.acknowledged}/${p.counts.receivers}`} /> },
            { title: '反馈', key: 'rep', width: 130, render: (_: unknown, p) => <Progress size="small" percent={percent(p.counts.reported, p.counts.receivers)} format={() => `${p.counts.reported}/${p.counts.receivers}`} /> },
            { title: '逾期', key: 'overdue', width: 70, align: 'right', render: (_: unknown, p) => (p.counts.overdue ? <Tag color="error">{p.counts.overdue}</Tag> : 0) },
          ]}
        />
      </Card>
      {creating && (
        <FormDialog<PromptValues, PromptDetail>
          title="写工作提示"
          width={640}
          initialValues={{ kind: 'ad_hoc' }}
          submit={(v) => api.post<PromptDetail>('/api/v1/work-prompts', { ...v, requiredEvidence: v.requiredEvidence || null })}
          successText="工作提示已保存，请选择范围下发"
          onSuccess={(p) => { void qc.invalidateQueries({ queryKey: promptKeys.all }); navigate(`/work-prompts/${p.id}`); }}
          onClose={() => setCreating(false)}
        >
          <Form.Item name="kind" label="提示类型" rules={[{ required: true }]}>
            <Select options={Object.entries(promptKindLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}><Input.TextArea rows={6} maxLength={20000} /></Form.Item>
          <Form.Item name="requiredEvidence" label="反馈要求（如：落实情况说明和照片）"><Input maxLength={500} /></Form.Item>
          <Form.Item name="deadline" label="反馈截止日期" rules={[{ required: true, message: '请选择反馈截止日期' }]}>
            <DateInput />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
