import { Link } from 'react-router';
import { Button, Card, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { options } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';

type HolderRole = 'unit_secretary' | 'secretary';
export const holderRoleLabels: Record<HolderRole, string> = { unit_secretary: '党组（党委）书记', secretary: '支部书记' };

export interface DutyProgress { total: number; signedOff: number; submitted: number; overdue: number; rate: number | null }
interface DutyList { id: number; year: number; holderRole: HolderRole; holderName: string; orgName: string; unitName: string | null; progress: DutyProgress }
interface Template { id: number; holderRole: HolderRole; name: string; notes: string | null; entries: Array<{ title: string; dueOn: string; requiredEvidence?: string | null }>; version: number }
interface UnitProgress { unitId: number | null; unitName: string; lists: number; progress: DutyProgress }

export const dutyKeys = { all: ['duty-lists'] as const };

export const progressBar = (p: DutyProgress) => (
  <Progress size="small" percent={p.rate ?? 0} format={() => `${p.signedOff}/${p.total}`} status={p.overdue ? 'exception' : 'normal'} />
);

/** 责任清单: every secretary's yearly list with its progress, progress per unit, and the committee's templates. */
export function DutyListsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const { filters, update, paging, setPaging } = useListFilters<{ year: number; holderRole?: HolderRole; q?: string }>({ year: dayjs().year() }, 20);
  const { year } = filters;
  const query = { ...filters, ...paging };
  const lists = useQuery({ queryKey: [...dutyKeys.all, 'lists', query], queryFn: () => api.get<Page<DutyList>>('/api/v1/duty-lists', query) });
  const units = useQuery({ queryKey: [...dutyKeys.all, 'units', year], queryFn: () => api.get<{ items: UnitProgress[] }>('/api/v1/duty-lists/unit-progress', { year }) });
  const templates = useQuery({ queryKey: [...dutyKeys.all, 'templates'], queryFn: () => api.get<Page<Template>>('/api/v1/duty-templates'), enabled: can('workitem.assign') });
  const generate = useMutation({
    mutationFn: (t: Template) => api.post<{ created: number; existing: number; duties: number }>('/api/v1/duty-lists/generate', { templateId: t.id, year }),
    onSuccess: (r) => { void qc.invalidateQueries({ queryKey: dutyKeys.all }); feedback.success(`已生成 ${r.created} 份清单、${r.duties} 项责任${r.existing ? `（${r.existing} 人此前已有）` : ''}`); },
    onError: (e) => feedback.fail(e),
  });
  const years = Array.from({ length: 3 }, (_, i) => dayjs().year() + 1 - i);

  return (
    <>
      <PageHeader title="党建责任清单" actions={<Select aria-label="年度" value={year} style={{ width: 110 }} onChange={(v) => update({ year: v })} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />} />
      <Tabs items={[
        {
          key: 'lists', label: '书记责任清单', children: (
            <Card size="small">
              <FilterBar label="筛选责任清单">
                <SelectFilter<HolderRole> label="清单对象" placeholder="全部书记" value={filters.holderRole} width={160}
                  onChange={(holderRole) => update({ holderRole })} options={options(holderRoleLabels)} />
                <SearchFilter label="搜索书记" placeholder="姓名或组织" width={200} button={false} onSearch={(q) => update({ q })} />
              </FilterBar>
              <PagedTable<DutyList>
                rowKey="id" size="small" list={lists} paging={paging} onPaging={setPaging} emptyText="本年尚未生成责任清单" pagination={{ showSizeChanger: false }}
                columns={[
                  { title: '责任人', dataIndex: 'holderName', width: 100, render: (n: string, l) => <Link to={`/duty-lists/${l.id}`}>{n}</Link> },
                  { title: '职务', dataIndex: 'holderRole', width: 140, render: (r: HolderRole) => holderRoleLabels[r] },
                  { title: '单位 / 组织', key: 'org', render: (_: unknown, l) => l.holderRole === 'unit_secretary' ? l.unitName : l.orgName },
                  { title: '待销号', key: 'sub', width: 70, align: 'right', render: (_: unknown, l) => l.progress.submitted },
                  { title: '逾期', key: 'od', width: 60, align: 'right', render: (_: unknown, l) => (l.progress.overdue ? <Tag color="error">{l.progress.overdue}</Tag> : 0) },
                  { title: '完成进度', key: 'p', width: 180, render: (_: unknown, l) => progressBar(l.progress) },
                ]}
              />
            </Card>
          ),
        },
        {
          key: 'units', label: '按单位统计', children: (
            <Card size="small">
              <Table<UnitProgress>
                rowKey={(u) => u.unitId ?? 0} size="small" loading={units.isLoading} dataSource={units.data?.items} pagination={false}
                columns={[
                  { title: '机关单位', dataIndex: 'unitName' },
                  { title: '清单', dataIndex: 'lists', width: 60, align: 'right' },
                  { title: '责任事项', key: 't', width: 80, align: 'right', render: (_: unknown, u) => u.progress.total },
                  { title: '逾期', key: 'od', width: 60, align: 'right', render: (_: unknown, u) => u.progress.overdue },
                  { title: '完成进度', key: 'p', width: 200, render: (_: unknown, u) => progressBar(u.progress) },
                ]}
              />
            </Card>
          ),
        },
        ...(can('workitem.assign') ? [{
          key: 'templates', label: '清单模板', children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {templates.data?.items.map((t) => (
                <Card key={t.id} size="small" title={`${t.name}（${holderRoleLabels[t.holderRole]}）`}
                  extra={<Button type="primary" size="small" loading={generate.isPending} onClick={() => generate.mutate(t)}>生成 {year} 年清单</Button>}>
                  {t.notes && <Typography.Paragraph type="secondary">{t.notes}</Typography.Paragraph>}
                  <Table rowKey="title" size="small" pagination={false} dataSource={t.entries} columns={[
                    { title: '责任事项', dataIndex: 'title' },
                    { title: '完成时限', dataIndex: 'dueOn', width: 100, render: (d: string) => `每年 ${d}` },
                    { title: '佐证材料', dataIndex: 'requiredEvidence', width: 160, render: (v?: string | null) => v ?? '—' },
                  ]} />
                </Card>
              ))}
            </Space>
          ),
        }] : []),
      ]} />
    </>
  );
}
