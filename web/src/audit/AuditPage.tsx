import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Drawer, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { formatInstant } from '../app/DateInput';
import { useFeedback } from '../app/feedback';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import { actionLabel, actionOptions, objectLabel, objectTypeOptions, outcomeLabels } from './labels';
import './audit.css';

export interface AuditEvent {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  roles: string[];
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  orgId: number | null;
  outcome: string;
  details: Record<string, unknown>;
  /** whether the hash chain covers the row yet */
  chained: boolean;
}

interface AuditFilters {
  /** calendar days (Asia/Shanghai) */
  from?: string;
  to?: string;
  user?: string;
  action?: string;
  objectType?: string;
  outcome?: string;
}

/** 审计日志 (audit admin): every login, denial, change, reveal, import and export, filterable and exportable. */
export function AuditPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const { filters, update, paging, setPaging } = useListFilters<AuditFilters>({}, 50);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const [exporting, setExporting] = useState(false);

  const list = useQuery({
    queryKey: ['audit-events', filters, paging],
    queryFn: () => api.get<Page<AuditEvent>>('/api/v1/audit-events', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) => update({
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  });
  const exportAs = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await api.download('GET', '/api/v1/audit-events/export', { query: { ...filters, format }, fallbackName: `审计日志.${format}` });
    } catch (e) {
      feedback.fail(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="审计日志"
        actions={can('audit.export') && (
          <>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportAs('xlsx')}>导出 Excel</Button>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportAs('csv')}>导出 CSV</Button>
          </>
        )}
      />
      <Card>
        <FilterBar label="筛选审计日志">
          <DatePicker.RangePicker aria-label="时间范围" onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)} />
          <SearchFilter label="用户名" placeholder="用户名" width={160} button={false} onSearch={(user) => update({ user })} />
          <SelectFilter label="操作类型" placeholder="操作类型" width={200} showSearch={{ optionFilterProp: 'label' }} value={filters.action}
            onChange={(action) => update({ action })} options={actionOptions} />
          <SelectFilter label="对象类型" placeholder="对象类型" width={190} showSearch={{ optionFilterProp: 'label' }} value={filters.objectType}
            onChange={(objectType) => update({ objectType })} options={objectTypeOptions} />
          <SelectFilter label="结果" placeholder="结果" width={120} value={filters.outcome} onChange={(outcome) => update({ outcome })}
            options={Object.entries(outcomeLabels).map(([value, { text }]) => ({ value, label: text }))} />
        </FilterBar>
        <PagedTable<AuditEvent> rowKey="id" size="small" pagination={{ showSizeChanger: true, pageSizeOptions: [50, 100, 200] }}
          list={list} paging={paging} onPaging={setPaging} emptyText="没有符合条件的记录" unit="条"
          onRow={(e) => ({ onClick: () => setOpen(e), style: { cursor: 'pointer' } })}
          columns={[
            { title: '序号', dataIndex: 'id', width: 80 },
            { title: '时间', dataIndex: 'at', width: 170, render: formatInstant },
            { title: '用户', dataIndex: 'username', width: 120, render: (v: string | null) => v ?? '—' },
            { title: '操作', dataIndex: 'action', render: (a: string) => <span title={a}>{actionLabel(a)}</span> },
            { title: '对象', key: 'object', render: (_: unknown, e) => objectLabel(e.objectType, e.objectId) },
            {
              title: '结果', dataIndex: 'outcome', width: 80,
              render: (o: string) => <Tag color={outcomeLabels[o]?.color}>{outcomeLabels[o]?.text ?? o}</Tag>,
            },
            { title: 'IP 地址', dataIndex: 'ip', width: 130 },
          ]}
        />
      </Card>
      <Drawer title={open ? `审计记录 #${open.id}` : ''} open={!!open} onClose={() => setOpen(null)} size={560}>
        {open && (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'at', label: '时间', children: formatInstant(open.at) },
                { key: 'user', label: '用户', children: `${open.username ?? '—'}${open.roles.length ? `（${open.roles.join('、')}）` : ''}` },
                { key: 'ip', label: 'IP 地址', children: open.ip ?? '—' },
                { key: 'action', label: '操作', children: `${actionLabel(open.action)}（${open.action}）` },
                { key: 'object', label: '对象', children: objectLabel(open.objectType, open.objectId) },
                { key: 'outcome', label: '结果', children: outcomeLabels[open.outcome]?.text ?? open.outcome },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>详情（个人信息已脱敏）</Typography.Title>
            <pre className="audit-details">{JSON.stringify(open.details, null, 2)}</pre>
          </>
        )}
      </Drawer>
    </>
  );
}
