import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Modal, Result, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { roleLabelsOf, useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { exitReasonLabels, genderLabels, labelOf, ledgerLabels, memberStatusLabels } from '../app/labels';
import { PasswordForm } from '../auth/PasswordForm';
import { TotpEnrolForm } from '../auth/TotpForms';
import type { MemberDetail } from '../members/api';
import { PlacementHistory } from '../members/PlacementHistory';
import './me.css';

/** The own record also names the organisation's ancestors: a member cannot read the org tree. */
interface OwnMember extends MemberDetail {
  orgPathNames: string[];
}

/** 我的信息: a member's own record and account, laid out for a phone as much as for a desk. */
export function MyProfilePage() {
  const { me, setMe } = useAuth();
  const [dialog, setDialog] = useState<'password' | 'totp' | null>(null);
  const mine = useQuery({ queryKey: ['me', 'member'], queryFn: () => api.get<OwnMember>('/api/v1/me/member') });
  const m = mine.data;

  return (
    <div className="me-page">
      <PageHeader title="我的信息" />
      {mine.isLoading && <Card><Skeleton active /></Card>}
      {mine.isError && <Result status="warning" title="未找到您的党员信息" subTitle={errorMessage(mine.error)} />}
      {m && (
        <Card className="me-card">
          <div className="me-head">
            <div className="me-avatar" aria-hidden>{m.name.slice(-2)}</div>
            <div>
              <div className="me-name">{m.name}</div>
              <Space size={4} wrap>
                <Tag color={m.status === 'full' ? 'red' : 'orange'}>{labelOf(memberStatusLabels, m.status)}</Tag>
                {m.ledgers.map((l) => <Tag key={l.ledger}>{labelOf(ledgerLabels, l.ledger)}</Tag>)}
              </Space>
            </div>
          </div>
          {m.exit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`已于 ${m.exit.onDate} ${labelOf(exitReasonLabels, m.exit.reason)}`} />}
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            bordered
            items={[
              { key: 'org', label: '所在党组织', children: m.orgPathNames.join(' / ') },
              { key: 'joined', label: '入党时间', children: m.joinedOn },
              { key: 'full', label: '转正时间', children: m.fullOn ?? '—' },
              { key: 'years', label: '党龄', children: m.status === 'full' ? `${m.partyYears} 年` : '—' },
              { key: 'gender', label: '性别', children: labelOf(genderLabels, m.gender) },
              { key: 'ethnicity', label: '民族', children: m.ethnicity },
              { key: 'birth', label: '出生日期', children: m.birthDate },
              { key: 'edu', label: '学历', children: m.education ?? '—' },
              { key: 'id', label: '身份证号', children: <span className="masked">{m.idNumber}</span> },
              { key: 'phone', label: '联系电话', children: <span className="masked">{m.phone ?? '—'}</span> },
              { key: 'post', label: '工作单位及职务', children: m.post ?? '—' },
            ]}
          />
          <p className="me-hint">信息有误请联系所在党支部书记或党务干部更正。</p>
        </Card>
      )}
      {m && <PlacementHistory memberId="me" />}

      <Card className="me-card" title="账号与安全">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'username', label: '用户名', children: me.username },
            { key: 'roles', label: '角色', children: roleLabelsOf(me).join('、') || '—' },
            { key: 'totp', label: '双因素认证', children: me.totpEnabled ? '已启用' : '未启用' },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Button onClick={() => setDialog('password')}>修改密码</Button>
          {!me.totpEnabled && <Button onClick={() => setDialog('totp')}>启用双因素认证</Button>}
        </Space>
      </Card>

      <Modal title={dialog === 'password' ? '修改密码' : '启用双因素认证'} open={dialog !== null} footer={null} onCancel={() => setDialog(null)} destroyOnHidden>
        {dialog === 'password' && <PasswordForm onDone={(next) => { setDialog(null); setMe(next); }} />}
        {dialog === 'totp' && <TotpEnrolForm onDone={(next) => { setDialog(null); setMe(next); }} />}
      </Modal>
    </div>
  );
}
