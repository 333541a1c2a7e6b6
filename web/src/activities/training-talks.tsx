import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Table } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { errorMessage, useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { thisYear, trainingKeys, yearOptions, type TalkCoverage } from './training-api';

const branchOnly = ['branch'] as const;

/** 谈心谈话 of a branch for a year, with its coverage (reported, not forced), and the year's bound record. */
export function TalksPage() {
  const { can } = useAuth();
  const feedback = useFeedback();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || undefined;
  const setOrgId = (id?: number) => setParams(id ? { orgId: String(id) } : {}, { replace: true });
  const [year, setYear] = useState(thisYear());
  const [adding, setAdding] = useState(false);
  const talks = useQuery({
    queryKey: trainingKeys.talks({ orgId, year }), enabled: !!orgId,
    queryFn: () => api.get<TalkCoverage>('/api/v1/talks', { orgId, year }),
  });
  const c = talks.data;
  const people = (c?.roster ?? []).map((p) => ({ value: p.id, label: p.committee ? `${p.name}（支委）` : p.name }));
  const bound = () => api.download('GET', `/api/v1/orgs/${orgId}/bound-record`, { query: { year }, fallbackName: `${year}年度组织生活记录.docx` }).catch((e) => feedback.fail(e));
  return (
    <>
      <PageHeader title="谈心谈话与年终装订" actions={orgId && (
        <>
          {can('activity.write') && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记谈话</Button>}
          <Button type="primary" icon={<DownloadOutlined />} onClick={bound}>下载年终装订本（Word）</Button>
        </>
      )} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <OrgTreeSelect aria-label="党支部" value={orgId} onChange={setOrgId} types={[...branchOnly]} placeholder="选择党支部" style={{ width: 260 }} />
          <Select aria-label="年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 100 }} />
        </Space>
      </Card>
      {talks.error && <Card>{errorMessage(talks.error)}</Card>}
      {!orgId && <Card>请选择一个党支部，查看谈心谈话覆盖情况并下载年终装订本。</Card>}
      {c && (
        <>
          <Card title={`${c.orgName} ${c.year}年谈心谈话覆盖情况（仅作提示，不强制）`} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={12} md={8}><Statistic title="支委之间" value={`${c.committeePairs.held} / ${c.committeePairs.expected}`} suffix="对" /></Col>
              <Col xs={12} md={8}><Statistic title="支委与党员" value={`${c.committeeMemberPairs.held} / ${c.committeeMemberPairs.expected}`} suffix="对" /></Col>
              <Col xs={12} md={8}><Statistic title="至少谈过一次的党员" value={`${c.membersTalked} / ${c.members}`} suffix="人" /></Col>
            </Row>
            {c.membersWithoutTalk.length > 0 && <p style={{ marginTop: 12 }}>尚未谈话：{c.membersWithoutTalk.map((m) => m.name).join('、')}</p>}
            {c.committeePairs.missing.length + c.committeeMemberPairs.missing.length > 0 && (
              <p>尚缺的谈话：{[...c.committeePairs.missing, ...c.committeeMemberPairs.missing].slice(0, 30).map((p) => `${p.first.name}—${p.second.name}`).join('、')}
                {c.committeePairs.missing.length + c.committeeMemberPairs.missing.length > 30 ? ' 等' : ''}</p>
            )}
          </Card>
          <Card title={`谈话记录（${c.talks.length}）`}>
            <Table rowKey="id" size="small" dataSource={c.talks} pagination={{ pageSize: 20 }}
              columns={[
                { title: '日期', dataIndex: 'heldOn', width: 120 },
                { title: '谈话人', dataIndex: 'first', width: 120 },
                { title: '谈话对象', dataIndex: 'second', width: 120 },
                { title: '主题', dataIndex: 'topic' },
              ]} />
          </Card>
        </>
      )}
      {adding && orgId && (
        <FormDialog<{ firstMemberId: number; secondMemberId: number; heldOn: string; topic?: string }> title="登记谈心谈话" successText="已登记"
          onClose={() => setAdding(false)} submit={(v) => api.post('/api/v1/talks', { ...v, orgId })}
          onSuccess={() => qc.invalidateQueries({ queryKey: ['talks'] })}>
          <Form.Item name="firstMemberId" label="谈话人" rules={[{ required: true, message: '请选择谈话人' }]}>
            <Select showSearch optionFilterProp="label" options={people} />
          </Form.Item>
          <Form.Item name="secondMemberId" label="谈话对象" rules={[{ required: true, message: '请选择谈话对象' }]}>
            <Select showSearch optionFilterProp="label" options={people} />
          </Form.Item>
          <Form.Item name="heldOn" label="谈话日期" rules={[{ required: true, message: '请选择日期' }]}><DateInput /></Form.Item>
          <Form.Item name="topic" label="主题"><Input /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
