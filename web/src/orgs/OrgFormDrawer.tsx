import { useMemo } from 'react';
import { AutoComplete, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { DateInput } from '../app/DateInput';
import { useFeedback } from '../app/feedback';
import { childTypes, officerPositionLabels, officerTitles, options, orgTypeLabels, type OrgType } from '../app/labels';
import { orgKeys, useUnits, type OfficerPosition, type OrgDetail } from './api';

interface OfficerValues {
  memberId: number;
  position: OfficerPosition;
  title?: string | null;
  since?: string | null;
}

interface OrgFormValues {
  name: string;
  type?: OrgType;
  unitIds: number[];
  foundedOn: string | null;
  termStart: string | null;
  termYears: number | null;
  notes: string | null;
  officers?: OfficerValues[];
}

/** Default term (RULES.md §1): 3 years for branches and general branches, 5 for committees. */
const defaultTermYears = (t: OrgType | undefined) => (t === 'branch' || t === 'general_branch' ? 3 : t === 'committee' ? 5 : null);
const elected = (t: OrgType | undefined) => t !== undefined && t !== 'group' && t !== 'working_committee';

type OrgFields = Omit<OrgFormValues, 'type' | 'officers'>;
const orgFieldKeys: (keyof OrgFields)[] = ['name', 'unitIds', 'foundedOn', 'termStart', 'termYears', 'notes'];
const norm = (v: unknown) => JSON.stringify(v === undefined || v === '' ? null : v);
const officerKey = (o: OfficerValues) => [o.memberId, o.position, o.title || null, o.since || null];

function changed<T extends object>(before: T, after: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => norm(after[k]) !== norm(before[k])).map((k) => [k, after[k] ?? null])) as Partial<T>;
}

/**
 * Edit an organisation (its fields by PATCH, its officers by PUT, each with the version it was read at),
 * or create a child of it.
 */
export function OrgFormDrawer({ mode, org, onClose, onCreated }: {
  mode: 'edit' | 'create';
  org: OrgDetail;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const [form] = Form.useForm<OrgFormValues>();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const { can } = useAuth();
  const units = useUnits();
  const editing = mode === 'edit';
  const watchedType = Form.useWatch('type', form);
  const type = editing ? org.type : watchedType;

  // Officers are full members of the organisation or below (the server checks the right to stand).
  const candidates = useQuery({
    queryKey: ['members', 'officer-candidates', org.id],
    queryFn: () => api.get<Page<{ id: number; name: string; orgName: string }>>('/api/v1/members', { orgId: org.id, status: 'full', pageSize: 1000 }),
    enabled: editing && can('member.read'),
  });

  const initial = useMemo<OrgFormValues>(() => {
    if (!editing) {
      const t = childTypes[org.type][0];
      return { name: '', type: t, unitIds: org.units.map((u) => u.id), foundedOn: null, termStart: null, termYears: defaultTermYears(t), notes: null };
    }
    return {
      name: org.name,
      unitIds: org.units.map((u) => u.id),
      foundedOn: org.foundedOn,
      termStart: org.termStart,
      termYears: org.termYears,
      notes: org.notes,
      officers: org.officers.map((o) => ({ memberId: o.memberId, position: o.position, title: o.title, since: o.since })),
    };
  }, [editing, org]);

  const save = useMutation({
    mutationFn: async (v: OrgFormValues): Promise<OrgDetail> => {
      if (!editing) {
        const filled = orgFieldKeys.filter((k) => norm(v[k]) !== 'null' && norm(v[k]) !== '[]');
        return api.post<OrgDetail>('/api/v1/orgs', { ...Object.fromEntries(filled.map((k) => [k, v[k]])), parentId: org.id, type: v.type });
      }
      let version = org.version;
      let saved = org;
      const fields = changed(initial, v, orgFieldKeys);
      if (Object.keys(fields).length) {
        saved = await api.patch<OrgDetail>(`/api/v1/orgs/${org.id}`, { ...fields, version });
        version = saved.version;
      }
      const officers = (v.officers ?? []).map((o) => ({ ...o, title: o.title || null, since: o.since || null }));
      // Compared field by field: the form hands its rows back with their keys in the order the inputs stand, so the
      // same officers serialised whole differed and every save re-wrote them (a 班子成员调整 event for a 备注 edit).
      if (norm(officers.map(officerKey)) !== norm((initial.officers ?? []).map(officerKey))) {
        saved = await api.put<OrgDetail>(`/api/v1/orgs/${org.id}/officers`, { officers, version });
      }
      return saved;
    },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      feedback.success(editing ? '已保存' : '已创建');
      onClose();
      if (!editing) onCreated(saved.id);
    },
    onError: (e) => {
      // A half-saved edit (fields saved, officers refused) must show the new version before another try.
      void qc.invalidateQueries({ queryKey: orgKeys.detail(org.id) });
      feedback.fail(e, { form, onReload: onClose });
    },
  });

  return (
    <Drawer
      title={editing ? `编辑：${org.name}` : `在“${org.name}”下新建党组织`}
      open
      size={680}
      onClose={onClose}
      destroyOnHidden
      extra={(
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>保存</Button>
        </Space>
      )}
    >
      <Form<OrgFormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 100 }]}>
          <Input />
        </Form.Item>
        {!editing && (
          <Form.Item label="组织类型" name="type" rules={[{ required: true, message: '请选择组织类型' }]}>
            <Select
              options={childTypes[org.type].map((t) => ({ value: t, label: orgTypeLabels[t] }))}
              onChange={(t: OrgType) => form.setFieldValue('termYears', defaultTermYears(t))}
            />
          </Form.Item>
        )}
        {type !== 'group' && (
          <Form.Item label="服务单位" name="unitIds" extra="联合党支部可服务 2 至 5 个单位">
            <Select
              mode="multiple"
              loading={units.isLoading}
              options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              optionFilterProp="label"
              placeholder="选择机关单位"
            />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={8}><Form.Item label="成立日期" name="foundedOn"><DateInput /></Form.Item></Col>
          {elected(type) && (
            <>
              <Col span={8}><Form.Item label="本届任期开始" name="termStart"><DateInput /></Form.Item></Col>
              <Col span={8}>
                <Form.Item label="任期（年）" name="termYears" extra="一般为 3 至 5 年">
                  <InputNumber min={3} max={5} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        {editing && (
          <Form.Item label={type === 'group' ? '党小组组长' : '班子成员'} extra="须为本组织或下级组织的正式党员；预备党员和留党察看期间的党员不能担任。">
            <Form.List name="officers">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'position']} rules={[{ required: true, message: '请选择职务' }]}>
                        <Select style={{ width: 100 }} placeholder="职务" options={options(officerPositionLabels)} aria-label="职务" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'title']}>
                        <AutoComplete style={{ width: 120 }} placeholder="分工" options={officerTitles.map((t) => ({ value: t }))} aria-label="分工" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'memberId']} rules={[{ required: true, message: '请选择党员' }]}>
                        <Select
                          style={{ width: 150 }}
                          placeholder="党员"
                          aria-label="党员"
                          showSearch={{ optionFilterProp: 'label' }}
                          loading={candidates.isLoading}
                          options={(candidates.data?.items ?? []).map((m) => ({ value: m.id, label: m.name, title: m.orgName }))}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'since']}><DateInput placeholder="任职时间" /></Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除该成员" onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ position: 'committee_member' })}>添加成员</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Form.Item label="备注" name="notes"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Drawer>
  );
}
