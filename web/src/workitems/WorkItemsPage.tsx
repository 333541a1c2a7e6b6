import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Form, Input, Select } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { DateInput } from '../app/DateInput';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { options } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import {
  sourceLabel, sourceLabels, stateLabels, workItemKeys, type WorkItem, type WorkItemDetail, type WorkItemFilters, type WorkItemState,
} from './api';
import { StateTag, TimelinessTag } from './WorkItemTags';

interface CreateValues { title: string; description?: string; ownerOrgId: number; deadline: string; requiredEvidence?: string; priority?: string }

/** 事项清单: every item in scope with the filters, an xlsx export of the filtered list, and 交办 of a new item. */
export function WorkItemsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const [params] = useSearchParams();
  const { filters, update, paging, setPaging } = useListFilters<WorkItemFilters>(() => ({
    source: params.get('source') ?? undefined,
    state: (params.get('state') as WorkItemState | null) ?? undefined,
    orgId: params.get('orgId') ? Number(params.get('orgId')) : undefined,
    overdue: params.get('overdue') === 'true' || undefined,
  }), 20);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: workItemKeys.list(filters, paging.page, paging.pageSize),
    queryFn: () => api.get<Page<WorkItem>>('/api/v1/work-items', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const exportList = () => api.download('GET', '/api/v1/work-items/export', { query: filters, fallbackName: '事项清单.xlsx' }).catch((e) => feedback.fail(e));

  return (
    <>
      <PageHeader
        title="事项清单"
        actions={<>
          <Button icon={<DownloadOutlined />} onClick={exportList}>导出 Excel</Button>
          {can('workitem.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>交办事项</Button>}
        </>}
      />
      <Card>
        <FilterBar label="筛选事项">
          <SearchFilter label="搜索事项" placeholder="事项名称" width={240} onSearch={(q) => update({ q })} />
          <OrgTreeSelect aria-label="党组织" placeholder="全部党组织" allowClear style={{ width: 220 }} value={filters.orgId} onChange={(orgId) => update({ orgId })} />
          <SelectFilter label="来源" placeholder="全部来源" width={130} value={filters.source} onChange={(source) => update({ source })} options={options(sourceLabels)} />
          <SelectFilter<WorkItemState> label="状态" placeholder="全部状态" width={120} value={filters.state} onChange={(state) => update({ state })} options={options(stateLabels)} />
          <SelectFilter label="时效" placeholder="全部时效" width={130} value={filters.overdue === undefined ? filters.due : filters.overdue ? 'overdue' : undefined}
            onChange={(v) => update(v === 'overdue' ? { overdue: true, due: undefined } : { overdue: undefined, due: v })}
            options={[{ value: 'overdue', label: '已逾期' }, { value: 'week', label: '七天内到期' }, { value: 'month', label: '本月到期' }]} />
        </FilterBar>
        <PagedTable<WorkItem> rowKey="id" size="middle" scroll={{ x: 900 }}
          list={list} paging={paging} onPaging={setPaging} emptyText="暂无事项" unit="项"
          columns={[
            { title: '事项', dataIndex: 'title', ellipsis: true, render: (t: string, w) => <Link to={`/work-items/${w.id}`}>{t}</Link> },
            { title: '来源', dataIndex: 'sourceKind', width: 100, render: sourceLabel },
            { title: '责任党组织', dataIndex: ['ownerOrg', 'name'], width: 200, ellipsis: true },
            { title: '截止日期', dataIndex: 'deadline', width: 110 },
            { title: '状态', dataIndex: 'state', width: 90, render: (s: WorkItemState) => <StateTag state={s} /> },
            { title: '时效', dataIndex: 'timeliness', width: 100, render: (v: WorkItem['timeliness']) => <TimelinessTag value={v} /> },
          ]}
        />
      </Card>
      {creating && (
        <FormDialog<CreateValues, WorkItemDetail>
          title="交办事项"
          okText="交办"
          successText="已交办"
          initialValues={{ priority: 'normal' }}
          submit={(v) => api.post<WorkItemDetail>('/api/v1/work-items', { ...v, requiredEvidence: v.requiredEvidence || null })}
          onSuccess={(w) => navigate(`/work-items/${w.id}`)}
          onClose={() => setCreating(false)}
        >
          <Form.Item name="title" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="ownerOrgId" label="责任党组织" rules={[{ required: true, message: '请选择责任党组织' }]}><OrgTreeSelect /></Form.Item>
          <Form.Item name="deadline" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]} extra="遇节假日自动顺延至下一个工作日"><DateInput /></Form.Item>
          <Form.Item name="requiredEvidence" label="佐证材料要求"><Input placeholder="如：会议记录和照片" maxLength={200} /></Form.Item>
          <Form.Item name="priority" label="优先级">
            <Select options={[{ value: 'high', label: '高' }, { value: 'normal', label: '普通' }, { value: 'low', label: '低' }]} />
          </Form.Item>
          <Form.Item name="description" label="事项说明"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
