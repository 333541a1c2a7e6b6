import { useState } from 'react';
import { Alert, Form, InputNumber, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { FormDialog } from '../app/FormDialog';
import { errorMessage, useFeedback } from '../app/feedback';
import { orgTypeLabels, type OrgType } from '../app/labels';
import { useRefreshCompliance, useRuleSettings, type Cadence, type RuleSetting } from './compliance-api';

const perCadence: Record<Cadence, string> = { month: '每月', quarter: '每季度', year: '每年' };

const rhythm = (s: { enabled: boolean; required: number }, cadence: Cadence) => (s.enabled ? `${perCadence[cadence]} ${s.required} 次` : '不考核');

/** The organisation types whose rows the compliance table judges: branches (a group's meetings sit in its branch's row). */
const ORG_TYPE: OrgType = 'branch';

/**
 * 三会一课规则: what each branch must hold, how often and by which regulation, as the compliance table judges it.
 * The working committee switches a rule off or changes its count per organisation type, and can go back to the
 * regulation's default; everyone else reads it.
 */
export function RuleSettingsTable() {
  const { can } = useAuth();
  const editable = can('compliance.configure');
  const rules = useRuleSettings(ORG_TYPE);
  const refresh = useRefreshCompliance();
  const feedback = useFeedback();
  const [editing, setEditing] = useState<RuleSetting | null>(null);
  const url = (r: RuleSetting) => `/api/v1/compliance/rules/${ORG_TYPE}/${r.rule}`;

  return (
    <>
      <Typography.Paragraph type="secondary">
        适用于：{orgTypeLabels[ORG_TYPE]}（党小组会按支部内每个党小组考核）。只计已签字归档的活动；调整后三会一课落实情况即按新规则计算。
      </Typography.Paragraph>
      <Table<RuleSetting> rowKey="rule" size="middle" loading={rules.isLoading} dataSource={rules.data?.items} pagination={false} scroll={{ x: 1000 }}
        locale={{ emptyText: rules.error ? errorMessage(rules.error) : '暂无规则' }}
        columns={[
          { title: '规则', dataIndex: 'label', width: 170, render: (v: string, r) => <><div>{v}</div><code style={{ color: '#999' }}>{r.rule}</code></> },
          {
            title: '现行要求', width: 160, render: (_, r) => (
              <Space size={4} wrap>
                {r.enabled ? rhythm(r, r.cadence) : <Tag>不考核</Tag>}
                {r.overridden && <Tag color="orange">已调整</Tag>}
              </Space>
            ),
          },
          { title: '规定默认', width: 120, render: (_, r) => rhythm(r.default, r.cadence) },
          { title: '依据', dataIndex: 'citation' },
          ...(editable ? [{
            title: '操作', key: 'op', width: 140, render: (_: unknown, r: RuleSetting) => (
              <Space>
                <a onClick={() => setEditing(r)}>调整</a>
                {r.overridden && (
                  <Popconfirm title={`将“${r.label}”恢复为规定默认（${rhythm(r.default, r.cadence)}）？`}
                    onConfirm={() => api.delete(url(r)).then(() => { feedback.success('已恢复默认'); void refresh(); }, (e) => feedback.fail(e))}>
                    <a>恢复默认</a>
                  </Popconfirm>
                )}
              </Space>
            ),
          }] : []),
        ]} />
      {editing && (
        <FormDialog<{ enabled: boolean; required: number }>
          title={`调整规则：${editing.label}`}
          initialValues={{ enabled: editing.enabled, required: editing.required }}
          successText="已保存"
          submit={(v) => api.put(url(editing), { ...v, version: editing.version })}
          onSuccess={() => void refresh()}
          onReload={() => void refresh()}
          onClose={() => setEditing(null)}
        >
          <Alert type="info" showIcon style={{ marginBottom: 16 }}
            title={editing.citation}
            description={`规定默认：${rhythm(editing.default, editing.cadence)}；适用于${orgTypeLabels[ORG_TYPE]}。`} />
          <Form.Item name="enabled" label="是否启用" valuePropName="checked"><Switch checkedChildren="考核" unCheckedChildren="不考核" /></Form.Item>
          <Form.Item name="required" label={`${perCadence[editing.cadence]}应开展次数`} extra={`1 至 ${editing.maxRequired} 次`}
            rules={[{ required: true, message: '请填写应开展次数' }]}>
            <InputNumber min={1} max={editing.maxRequired} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </FormDialog>
      )}
    </>
  );
}
