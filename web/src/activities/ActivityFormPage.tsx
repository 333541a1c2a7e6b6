import { useEffect, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { activityKeys, useActivity, useKinds, useRoster, type ActivityDetail, type Topic } from './activity-api';

interface FormValues {
  orgId: number;
  kind: string;
  alsoCountsFor: string[];
  title: string;
  when: [Dayjs, Dayjs];
  place: string | null;
  hostMemberId: number | null;
  recorderMemberId: number | null;
  lecturerMemberId: number | null;
  lecturerName: string | null;
  content: string | null;
  resolutions: string | null;
  topics: Topic[];
  votes: Array<{ motion: string; votesFor: number; votesAgainst: number; votesAbstain: number }>;
  participantIds: number[];
}

const nil = <T,>(v: T | undefined | '') => (v === undefined || v === '' ? null : v);

/** The server's field paths for the form's combined fields. */
const pathToField: Record<string, string> = { startsAt: 'when', endsAt: 'when', lecturer: 'lecturerName' };

function toBody(v: FormValues) {
  return {
    alsoCountsFor: v.alsoCountsFor ?? [], title: v.title, startsAt: v.when[0].toISOString(), endsAt: v.when[1].toISOString(),
    place: nil(v.place), hostMemberId: nil(v.hostMemberId), recorderMemberId: nil(v.recorderMemberId), lecturerMemberId: nil(v.lecturerMemberId),
    lecturerName: nil(v.lecturerName), content: nil(v.content), resolutions: nil(v.resolutions),
    topics: (v.topics ?? []).map((t) => ({ title: t.title, isFirstTopic: !!t.isFirstTopic, notes: nil(t.notes) })),
    votes: v.votes ?? [],
  };
}

function initial(a: ActivityDetail): Partial<FormValues> {
  return {
    orgId: a.orgId, kind: a.kind, alsoCountsFor: a.alsoCountsFor, title: a.title, when: [dayjs(a.startsAt), dayjs(a.endsAt)], place: a.place,
    hostMemberId: a.host?.id ?? null, recorderMemberId: a.recorder?.id ?? null, lecturerMemberId: a.lecturer?.memberId ?? null,
    lecturerName: a.lecturer?.memberId ? null : a.lecturer?.name ?? null, content: a.content, resolutions: a.resolutions, topics: a.topics,
    votes: a.votes.map(({ motion, votesFor, votesAgainst, votesAbstain }) => ({ motion, votesFor, votesAgainst, votesAbstain })),
  };
}

/** 新建 / 编辑活动: one form for the plan and the minutes; attendance is kept on the detail page. */
export function ActivityFormPage() {
  const { id } = useParams();
  const editing = id ? Number(id) : null;
  const existing = useActivity(editing ?? 0);
  if (editing && !existing.data) return <Spin size="large" />;
  return <ActivityForm existing={editing ? existing.data! : null} />;
}

function ActivityForm({ existing }: { existing: ActivityDetail | null }) {
  const navigate = useNavigate();
  const feedback = useFeedback();
  const client = useQueryClient();
  const kinds = useKinds();
  const [form] = Form.useForm<FormValues>();
  const orgId = Form.useWatch('orgId', form);
  const kindCode = Form.useWatch('kind', form);
  const also = Form.useWatch('alsoCountsFor', form);
  const roster = useRoster(orgId ?? existing?.orgId);
  const kind = kinds.data?.items.find((k) => k.code === kindCode);
  const related = useMemo(() => kinds.data?.items.filter((k) => k.code === kindCode || (also ?? []).includes(k.code)) ?? [], [kinds.data, kindCode, also]);
  const hasLecturer = related.some((k) => k.hasLecturer);
  const hasVotes = related.some((k) => k.votes);
  const people = roster.data?.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }));

  useEffect(() => {
    if (existing) form.setFieldsValue(initial(existing));
  }, [existing, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => (existing
      ? api.patch<ActivityDetail>(`/api/v1/activities/${existing.id}`, { version: existing.version, ...toBody(v) })
      : api.post<ActivityDetail>('/api/v1/activities', { orgId: v.orgId, kind: v.kind, participantIds: v.participantIds ?? [], ...toBody(v) })),
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: activityKeys.all });
      feedback.success('已保存');
      navigate(`/activities/${a.id}`);
    },
    onError: (e) => {
      const details = (e as { details?: Array<{ path: string; message: string }> }).details;
      // field names are built from the server's paths, which the form's typed names cannot express
      if (details?.length) form.setFields(details.map((d) => ({ name: (pathToField[d.path] ?? d.path).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [d.message] })) as never);
      feedback.fail(e);
    },
  });

  return (
    <>
      <PageHeader title={existing ? `编辑活动：${existing.title}` : '新建活动'} />
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ alsoCountsFor: [], topics: [], votes: [], participantIds: [] }}>
        <Card title="基本信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {existing
                ? <Form.Item label="党组织"><Input value={existing.orgName} disabled /></Form.Item>
                : (
                  <Form.Item name="orgId" label="党组织" rules={[{ required: true, message: '请选择党组织' }]}>
                    <OrgTreeSelect placeholder="选择召开活动的党组织" />
                  </Form.Item>
                )}
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
                <Select disabled={!!existing} showSearch optionFilterProp="label" options={kinds.data?.items.map((k) => ({ value: k.code, label: k.label }))} placeholder="选择类型" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="alsoCountsFor" label="同时计入" tooltip="合并召开的会议，如“党员大会暨党课”">
                <Select mode="multiple" options={kinds.data?.items.filter((k) => k.code !== kindCode).map((k) => ({ value: k.code, label: k.label }))} placeholder="无" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }]}>
                <Input maxLength={200} placeholder="如：2026年第四季度支部党员大会" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="when" label="时间" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}><Form.Item name="place" label="地点"><Input maxLength={200} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="hostMemberId" label="主持人"><Select showSearch optionFilterProp="label" allowClear options={people} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="recorderMemberId" label="记录人"><Select showSearch optionFilterProp="label" allowClear options={people} /></Form.Item></Col>
            {hasLecturer && (
              <>
                <Col xs={12} md={6}><Form.Item name="lecturerMemberId" label="主讲人（本组织党员）"><Select showSearch optionFilterProp="label" allowClear options={people} /></Form.Item></Col>
                <Col xs={12} md={6}><Form.Item name="lecturerName" label="或主讲人姓名（外请）"><Input maxLength={50} /></Form.Item></Col>
              </>
            )}
            {!existing && kind?.expected === 'chosen' && (
              <Col span={24}>
                <Form.Item name="participantIds" label={kind.participants ? `参加人员（${kind.participants}人）` : '参加人员'}>
                  <Select mode="multiple" showSearch optionFilterProp="label" options={people} />
                </Form.Item>
              </Col>
            )}
          </Row>
          {kind && <div style={{ color: '#666' }}>{kind.description}</div>}
        </Card>

        <Card title="议题" style={{ marginBottom: 16 }} extra={<span style={{ color: '#666' }}>第一议题：学习习近平总书记最新重要讲话、文章和指示批示</span>}>
          <Form.List name="topics">
            {(fields, { add, remove, move }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                    <span style={{ width: 24 }}>{i + 1}.</span>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请填写议题' }]} style={{ width: 520, maxWidth: '70vw' }}>
                      <Input placeholder="议题" aria-label={`议题${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'isFirstTopic']} valuePropName="checked"><Checkbox disabled={i !== 0}>第一议题</Checkbox></Form.Item>
                    <Button aria-label="上移" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                    <Button aria-label="下移" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                    <Button aria-label="删除议题" icon={<DeleteOutlined />} onClick={() => remove(i)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '', isFirstTopic: fields.length === 0, notes: null })}>添加议题</Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title="会议记录" style={{ marginBottom: 16 }}>
          <Form.Item name="content" label="会议内容（发言摘要、不同意见）"><Input.TextArea rows={5} maxLength={20000} /></Form.Item>
          <Form.Item name="resolutions" label="决议"><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
          {hasVotes && (
            <Form.List name="votes">
              {(fields, { add, remove }) => (
                <>
                  <div style={{ marginBottom: 8, fontWeight: 500 }}>表决（应到、实到有表决权人数按出席情况自动计算）</div>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'motion']} rules={[{ required: true, message: '请填写表决事项' }]}><Input placeholder="表决事项" style={{ width: 280 }} /></Form.Item>
                      <Form.Item name={[f.name, 'votesFor']} label="赞成" rules={[{ required: true, message: '必填' }]}><InputNumber min={0} /></Form.Item>
                      <Form.Item name={[f.name, 'votesAgainst']} label="反对" rules={[{ required: true, message: '必填' }]}><InputNumber min={0} /></Form.Item>
                      <Form.Item name={[f.name, 'votesAbstain']} label="弃权" rules={[{ required: true, message: '必填' }]}><InputNumber min={0} /></Form.Item>
                      <Button aria-label={`删除表决${i + 1}`} icon={<DeleteOutlined />} onClick={() => remove(i)} />
                    </Space>
                  ))}
                  <div><Button icon={<PlusOutlined />} onClick={() => add({ motion: '', votesFor: 0, votesAgainst: 0, votesAbstain: 0 })}>添加表决</Button></div>
                </>
              )}
            </Form.List>
          )}
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </>
  );
}
