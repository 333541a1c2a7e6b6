import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { CheckOutlined, LinkOutlined, PlusOutlined, SettingOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { errorMessage, useFeedback } from '../app/feedback';
import { PagedTable } from '../app/PagedTable';
import { usePaging } from '../app/paging';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import type { ActivityItem } from './activity-api';
import { fetchClasses, thisYear, trainingKeys, yearOptions, type Coverage, type TrainingClass, type TrainingClassDetail, type TrainingSettings } from './training-api';
import { formatWhen } from './format';

/** Coverage of the caller's subtree for a year: counts and shares only, never a ranking of members (RULES.md §9 item 32). */
function CoverageCard() {
  const [year, setYear] = useState(thisYear());
  const [orgId, setOrgId] = useState<number>();
  const cov = useQuery({
    queryKey: trainingKeys.coverage({ year, orgId }),
    queryFn: () => api.get<Coverage>('/api/v1/training-coverage', { year, orgId }),
  });
  const c = cov.data;
  return (
    <Card title="培训覆盖情况" style={{ marginBottom: 16 }} extra={(
      <Space wrap>
        <OrgTreeSelect aria-label="统计范围" value={orgId} onChange={setOrgId} allowClear placeholder="全部党组织" style={{ width: 220 }} />
        <Select aria-label="年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 100 }} />
      </Space>
    )}>
      {cov.error ? errorMessage(cov.error) : c && (
        <>
          <Row gutter={16}>
            <Col xs={12} md={6}><Statistic title="参训覆盖率（完成至少一期培训）" value={c.total.completedShare} suffix="%" /></Col>
            <Col xs={12} md={6}><Statistic title="完成人数 / 党员人数" value={`${c.total.completed} / ${c.total.members}`} /></Col>
            <Col xs={12} md={6}><Statistic title={`达到年度学时（党员 ${c.targets.memberHours} 学时）`} value={c.total.meetingTargetShare} suffix="%" /></Col>
            <Col xs={12} md={6}><Statistic title={`书记、委员达到 ${c.targets.officerHours} 学时`} value={`${c.officers.meetingTarget} / ${c.officers.members}`} /></Col>
          </Row>
          <Table
            style={{ marginTop: 16 }} size="small" rowKey="orgId" dataSource={c.branches} pagination={{ pageSize: 10, showTotal: (n) => `共 ${n} 个支部` }}
            columns={[
              { title: '党支部（按组织顺序）', dataIndex: 'orgName' },
              { title: '党员', dataIndex: 'members', width: 80 },
              { title: '完成培训', dataIndex: 'completed', width: 90 },
              { title: '覆盖率', dataIndex: 'completedShare', width: 90, render: (v: number) => <Tag color={v >= 70 ? 'green' : 'orange'}>{v}%</Tag> },
              { title: '达到学时', dataIndex: 'meetingTargetShare', width: 90, render: (v: number) => `${v}%` },
            ]}
          />
        </>
      )}
    </Card>
  );
}

interface ClassForm { orgId: number; name: string; startsOn: string; endsOn: string; hours: number; place?: string; description?: string }

function ClassFields() {
  return (
    <>
      <Form.Item name="orgId" label="主办党组织" rules={[{ required: true, message: '请选择主办党组织' }]}><OrgTreeSelect /></Form.Item>
      <Form.Item name="name" label="培训班名称" rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="如：发展对象和积极分子培训班" /></Form.Item>
      <Space wrap>
        <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}><DateInput /></Form.Item>
        <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}><DateInput /></Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}><InputNumber min={0.5} max={1000} /></Form.Item>
      </Space>
      <Form.Item name="place" label="地点"><Input /></Form.Item>
      <Form.Item name="description" label="简介"><Input.TextArea rows={2} /></Form.Item>
    </>
  );
}

/** The yearly hour targets and the member review grades (RULES.md §2), kept by the working committee. */
function SettingsDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['training-settings'], queryFn: () => api.get<TrainingSettings>('/api/v1/training-settings') });
  if (!settings.data) return null;
  const s = settings.data;
  return (
    <FormDialog<{ memberHours: number; officerHours: number; reviewGrades: string[] }> title="学时要求与评议等次" successText="已保存" onClose={onClose}
      initialValues={s} submit={(v) => api.put('/api/v1/training-settings', { ...v, version: s.version })}
      onReload={() => void settings.refetch()} onSuccess={() => qc.invalidateQueries({ queryKey: ['training-coverage'] })}>
      <Space wrap>
        <Form.Item name="memberHours" label="党员年度学时" rules={[{ required: true, message: '请填写' }]}><InputNumber min={1} max={1000} /></Form.Item>
        <Form.Item name="officerHours" label="书记、委员年度学时" rules={[{ required: true, message: '请填写' }]}><InputNumber min={1} max={1000} /></Form.Item>
      </Space>
      <Form.Item name="reviewGrades" label="民主评议等次（由高到低）" rules={[{ required: true, message: '请填写等次' }]}><Select mode="tags" /></Form.Item>
    </FormDialog>
  );
}

/** 培训班: the classes organised in the caller's scope, and the coverage they give. */
export function TrainingClassesPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [configuring, setConfiguring] = useState(false);
  const [paging, setPaging] = usePaging(20);
  const list = useQuery({ queryKey: trainingKeys.classes(paging), queryFn: () => fetchClasses(paging), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="培训班" actions={can('training.manage') && (
        <>
          <Button icon={<SettingOutlined />} onClick={() => setConfiguring(true)}>学时要求与评议等次</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建培训班</Button>
        </>
      )} />
      {configuring && <SettingsDialog onClose={() => setConfiguring(false)} />}
      {can('compliance.read') && <CoverageCard />}
      <Card title="培训班列表">
        <PagedTable<TrainingClass>
          rowKey="id" size="middle" scroll={{ x: 800 }} list={list} paging={paging} onPaging={setPaging} emptyText="暂无培训班" unit="个"
          columns={[
            { title: '名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/training-classes/${r.id}`}>{v}</Link> },
            { title: '主办', dataIndex: 'orgName', width: 180, ellipsis: true },
            { title: '日期', width: 200, render: (_, r) => `${r.startsOn} 至 ${r.endsOn}` },
            { title: '学时', dataIndex: 'hours', width: 70 },
            { title: '报名 / 结业', width: 110, render: (_, r) => `${r.enrolled} / ${r.completed}` },
          ]}
        />
      </Card>
      {creating && (
        <FormDialog<ClassForm> title="新建培训班" successText="培训班已创建" onClose={() => setCreating(false)}
          submit={(v) => api.post('/api/v1/training-classes', v)} onSuccess={() => qc.invalidateQueries({ queryKey: ['training-classes'] })}>
          <ClassFields />
        </FormDialog>
      )}
    </>
  );
}

/** One class: its sessions, who enrolled, who completed; enrol by organisation and record completion. */
export function TrainingClassDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const feedback = useFeedback();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<number[]>([]);
  const [enrolling, setEnrolling] = useState(false);
  const [linking, setLinking] = useState(false);
  const sessionsToLink = useQuery({
    queryKey: ['activities', { kind: 'training_session' }], enabled: linking,
    queryFn: () => api.get<Page<ActivityItem>>('/api/v1/activities', { kind: 'training_session', pageSize: 100 }),
  });
  const detail = useQuery({ queryKey: trainingKeys.class(id), queryFn: () => api.get<TrainingClassDetail>(`/api/v1/training-classes/${id}`) });
  const refresh = (d: TrainingClassDetail) => { qc.setQueryData(trainingKeys.class(id), d); void qc.invalidateQueries({ queryKey: ['training-coverage'] }); };
  const complete = (completed: boolean) => api.post<TrainingClassDetail>(`/api/v1/training-classes/${id}/completion`, { memberIds: selected, completed })
    .then((d) => { refresh(d); setSelected([]); feedback.success(completed ? '已记录结业' : '已取消结业'); }).catch((e) => feedback.fail(e));
  const c = detail.data;
  const manage = can('training.manage');
  return (
    <>
      <PageHeader title={c?.name ?? '培训班'} actions={manage && <Button icon={<UsergroupAddOutlined />} onClick={() => setEnrolling(true)}>按组织报名</Button>}>
        {c && <span>{c.orgName} 主办 · {c.startsOn} 至 {c.endsOn} · {c.hours} 学时{c.place ? ` · ${c.place}` : ''}</span>}
      </PageHeader>
      {detail.error && <Card>{errorMessage(detail.error)}</Card>}
      {c && (
        <>
          <Card title="课次（培训课程活动）" size="small" style={{ marginBottom: 16 }} extra={manage && <Button size="small" icon={<LinkOutlined />} onClick={() => setLinking(true)}>关联课次</Button>}>
            {c.sessions.length ? c.sessions.map((s) => <div key={s.id}><Link to={`/activities/${s.id}`}>{formatWhen(s.startsAt)} {s.title}</Link></div>) : '暂无课次'}
          </Card>
          <Card title={`学员（报名 ${c.enrolled} 人，结业 ${c.completed} 人）`} extra={manage && (
            <Space>
              <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} onClick={() => complete(true)}>记为结业</Button>
              <Button disabled={!selected.length} onClick={() => complete(false)}>取消结业</Button>
            </Space>
          )}>
            <Table
              rowKey="memberId" size="small" dataSource={c.enrolments} pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 人` }}
              rowSelection={manage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
              columns={[
                { title: '姓名', dataIndex: 'memberName', width: 120 },
                { title: '所在党组织', dataIndex: 'orgName' },
                { title: '结业', dataIndex: 'completed', width: 90, render: (v: boolean) => (v ? <Tag color="green">已结业</Tag> : <Tag>未结业</Tag>) },
                { title: '结业日期', dataIndex: 'completedOn', width: 120 },
                { title: '学时', dataIndex: 'hoursEarned', width: 70 },
              ]}
            />
          </Card>
        </>
      )}
      {linking && (
        <FormDialog<{ activityId: number }, TrainingClassDetail> title="关联课次" okText="关联" successText="已关联" onClose={() => setLinking(false)}
          submit={(v) => api.post<TrainingClassDetail>(`/api/v1/training-classes/${id}/sessions`, v)} onSuccess={refresh}>
          <Form.Item name="activityId" label="“培训课程”类活动" rules={[{ required: true, message: '请选择活动' }]}>
            <Select showSearch optionFilterProp="label" loading={sessionsToLink.isFetching}
              options={sessionsToLink.data?.items.map((a) => ({ value: a.id, label: `${formatWhen(a.startsAt)} ${a.title}` }))} />
          </Form.Item>
        </FormDialog>
      )}
      {enrolling && (
        <FormDialog<{ orgId: number }, TrainingClassDetail> title="按组织报名" okText="报名" successText="已报名" onClose={() => setEnrolling(false)}
          submit={async ({ orgId }) => {
            const members = await api.get<{ items: Array<{ id: number }> }>('/api/v1/members', { orgId, pageSize: 1000 });
            return api.post<TrainingClassDetail>(`/api/v1/training-classes/${id}/enrolments`, { add: members.items.map((m) => m.id) });
          }}
          onSuccess={refresh}>
          <Form.Item name="orgId" label="党组织（含下级的全部党员）" rules={[{ required: true, message: '请选择党组织' }]}><OrgTreeSelect /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
