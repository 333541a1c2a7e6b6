import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Skeleton, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { FormDialog } from '../app/FormDialog';
import { errorMessage, useFeedback } from '../app/feedback';
import { exitReasonLabels, genderLabels, labelOf, ledgerLabels, memberStatusLabels } from '../app/labels';
import { memberKeys, memberUrl, type MemberDetail, type MemberFormValues } from './api';
import { MemberForm } from './MemberForm';
import { useOrgLabel } from '../orgs/api';
import { ExitDialog } from './ExitDialog';
import { RevealButton } from './RevealButton';
import { PlacementHistory } from './PlacementHistory';
import { changedValues, formValuesOf } from './member-values';

export function MemberDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [editing, setEditing] = useState(false);
  const [exitOpen, setExitOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [form] = Form.useForm<MemberFormValues>();

  const member = useQuery({ queryKey: memberKeys.detail(id), queryFn: () => api.get<MemberDetail>(memberUrl(id)) });
  const initial = useMemo(() => (member.data ? formValuesOf(member.data) : undefined), [member.data]);

  const reload = () => {
    void qc.invalidateQueries({ queryKey: memberKeys.all });
  };
  const save = useMutation({
    mutationFn: (v: MemberFormValues) => api.patch<MemberDetail>(memberUrl(id), { ...changedValues(initial!, v), version: member.data!.version }),
    onSuccess: (m) => {
      qc.setQueryData(memberKeys.detail(id), m);
      reload();
      setEditing(false);
      feedback.success('已保存');
    },
    onError: (e) => feedback.fail(e, { form, onReload: () => { setEditing(false); reload(); } }),
  });

  if (member.isLoading) return <Card><Skeleton active /></Card>;
  if (member.isError || !member.data) return <Result status="404" title={errorMessage(member.error)} extra={<Link to="/members">返回党员名册</Link>} />;
  const m = member.data;
  const onRoster = !m.exit;
  const writable = can('member.write') && onRoster;

  return (
    <>
      <PageHeader
        title={editing ? `编辑党员：${m.name}` : `党员：${m.name}`}
        actions={editing ? (
          <>
            <Button onClick={() => { setEditing(false); form.resetFields(); }}>取消</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>保存</Button>
          </>
        ) : (
          <>
            {can('member.reveal') && <RevealButton memberId={m.id} name={m.name} />}
            {writable && <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑</Button>}
            {writable && <Button icon={<LogoutOutlined />} onClick={() => setExitOpen(true)}>办理离开</Button>}
            {can('member.write') && <Button danger icon={<DeleteOutlined />} onClick={() => setDeleteOpen(true)}>删除</Button>}
          </>
        )}
      >
        <Link to="/members">← 返回党员名册</Link>
      </PageHeader>

      {m.exit && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={`已于 ${m.exit.onDate} ${labelOf(exitReasonLabels, m.exit.reason)}${m.exit.note ? `：${m.exit.note}` : ''}`} />
      )}
      {m.votingSuspended && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="留党察看期间，没有表决权、选举权和被选举权。" />
      )}
      {m.warnings.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="请核实" description={(
          <ul style={{ margin: 0, paddingLeft: 18 }}>{m.warnings.map((w) => <li key={w.path + w.message}>{w.message}</li>)}</ul>
        )} />
      )}

      <Card>
        {editing ? (
          <MemberForm form={form} editing initialValues={initial} maskedIdNumber={m.idNumber} maskedPhone={m.phone} onFinish={(v) => save.mutate(v)} />
        ) : (
          <MemberView m={m} />
        )}
      </Card>
      {!editing && <PlacementHistory memberId={m.id} />}
      {exitOpen && <ExitDialog member={m} onClose={() => setExitOpen(false)} onDone={reload} />}
      {deleteOpen && (
        <FormDialog<{ reason: string }>
          title={`删除 ${m.name} 的记录`}
          okText="删除"
          danger
          submit={(v) => api.delete(memberUrl(id), { reason: v.reason.trim() })}
          onSuccess={() => { reload(); navigate('/members', { replace: true }); }}
          successText="已删除"
          onClose={() => setDeleteOpen(false)}
        >
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title="删除仅用于纠正录入错误的记录，并记入审计日志。党员转出、去世等请使用“办理离开”。" />
          <Form.Item label="删除原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写删除原因' }, { min: 2, message: '至少 2 个字' }]}>
            <Input placeholder="如：重复录入" />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}

function MemberView({ m }: { m: MemberDetail }) {
  const orgLabel = useOrgLabel();
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title="基本信息">
        <Descriptions.Item label="姓名">{m.name}</Descriptions.Item>
        <Descriptions.Item label="性别">{labelOf(genderLabels, m.gender)}</Descriptions.Item>
        <Descriptions.Item label="民族">{m.ethnicity}</Descriptions.Item>
        <Descriptions.Item label="出生日期">{m.birthDate}</Descriptions.Item>
        <Descriptions.Item label="身份证号"><span className="masked">{m.idNumber}</span></Descriptions.Item>
        <Descriptions.Item label="联系电话"><span className="masked">{m.phone ?? '—'}</span></Descriptions.Item>
        <Descriptions.Item label="学历">{m.education ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="工作单位及职务" span={2}>{m.post ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} title="党籍信息" style={{ marginTop: 20 }}>
        <Descriptions.Item label="所在党组织"><Link to={`/orgs/${m.orgId}`}>{orgLabel(m.orgId, m.orgName)}</Link></Descriptions.Item>
        <Descriptions.Item label="党员类别">{labelOf(memberStatusLabels, m.status)}</Descriptions.Item>
        <Descriptions.Item label="入党时间">{m.joinedOn}</Descriptions.Item>
        <Descriptions.Item label="转正时间">{m.fullOn ?? '—'}{m.probationExtended ? '（预备期曾延长）' : ''}</Descriptions.Item>
        <Descriptions.Item label="党纪处分">
          {m.disciplineStatus ? `${m.disciplineStatus}${m.disciplineUntil ? `（至 ${m.disciplineUntil}）` : ''}` : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="党龄">{m.status === 'full' ? `${m.partyYears} 年` : '—'}</Descriptions.Item>
        <Descriptions.Item label="台账">
          {m.ledgers.length ? <Space size={4} wrap>{m.ledgers.map((l) => <Tag key={l.ledger}>{labelOf(ledgerLabels, l.ledger)}</Tag>)}</Space> : '—'}
        </Descriptions.Item>
        {m.notes && <Descriptions.Item label="备注" span={3}>{m.notes}</Descriptions.Item>}
      </Descriptions>
      {m.ledgers.length > 0 && (
        <Table
          style={{ marginTop: 20 }}
          size="small"
          title={() => '台账登记'}
          rowKey="ledger"
          pagination={false}
          dataSource={m.ledgers}
          columns={[
            { title: '台账', dataIndex: 'ledger', render: (l: string) => labelOf(ledgerLabels, l) },
            { title: '列入原因', dataIndex: 'reason', render: (v: string | null, l) => v ?? (l.derived ? '按党龄自动列入' : '—') },
            { title: '列入日期', dataIndex: 'since', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </>
  );
}
