import { Card, Table, Tabs, Tag } from 'antd';
import { PageHeader } from '../app/PageHeader';
import { expectedLabels, useKinds, type KindDef } from './activity-api';
import { RuleSettingsTable } from './RuleSettingsTable';

/** 活动类型与规则: the one kinds table the engine decides by, and the 三会一课 rules the compliance table judges by. */
export function KindsPage() {
  const kinds = useKinds();
  return (
    <>
      <PageHeader title="活动类型与规则" />
      <Card size="small">
        <Tabs items={[
          {
            key: 'kinds', label: '活动类型', children: (
              <Table<KindDef> rowKey="code" size="middle" loading={kinds.isLoading} dataSource={kinds.data?.items} pagination={false} scroll={{ x: 1000 }}
                columns={[
                  { title: '类型', dataIndex: 'label', width: 140, render: (v: string, k) => <><div>{v}</div><code style={{ color: '#999' }}>{k.code}</code></> },
                  { title: '应到人员', dataIndex: 'expected', width: 130, render: (v: KindDef['expected'], k) => `${expectedLabels[v]}${k.participants ? `（${k.participants}人）` : ''}` },
                  { title: '会议记录必填项', dataIndex: 'required', render: (r: KindDef['required']) => r.map((f) => <Tag key={f.field}>{f.label}</Tag>) },
                  { title: '表决与法定人数', width: 220, render: (_, k) => (k.quorum ? `${k.quorum.label}${k.quorum.appliesTo === 'meeting' ? '（否则会议无效）' : '（否则表决无效）'}` : k.votes ? '可表决' : '—') },
                  { title: '说明与依据', dataIndex: 'description', render: (v: string, k) => <>{v}{k.startsTerm && <Tag color="red" style={{ marginLeft: 4 }}>有效选举开始新一届任期</Tag>}</> },
                ]} />
            ),
          },
          { key: 'rules', label: '三会一课规则', children: <RuleSettingsTable /> },
        ]} />
      </Card>
    </>
  );
}
