import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Col, Form, Input, Result, Row, Select, Space, Spin, Tabs, Timeline, Tooltip, Upload } from 'antd';
import { EyeOutlined, ImportOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { ArticlePreview, type PreviewArticle } from './ArticlePreview';
import { formatInstant, StateTag } from './ArticlesPage';
import { RevisionsPanel } from './RevisionsPanel';
import { RichTextEditor } from './RichTextEditor';
import { WorkflowActions } from './WorkflowActions';
import {
  columnOptions, columnTrail, fetchColumns, fetchDisclaimers, importArticle, portalKeys, uploadArticleImage,
  type Article, type ArticleFields,
} from './api';

/** Authors' own byline for an unnamed writer: the public page shows it as it is. */
const ANONYMOUS = '佚名';

const emptyArticle: Partial<ArticleFields> = { body: '', tags: [], columnIds: [], author: null, source: null, originalUrl: null, disclaimerId: null };

export function ArticleEditPage() {
  const { id } = useParams();
  const articleId = id === undefined || id === 'new' ? null : Number(id);
  const article = useQuery({
    queryKey: portalKeys.article(articleId ?? 0),
    queryFn: () => api.get<Article>(`/api/v1/articles/${articleId}`),
    enabled: articleId !== null,
  });
  if (articleId !== null && article.isLoading) return <Spin size="large" style={{ display: 'block', margin: 80 }} />;
  if (article.error) return <Result status="warning" title={errorMessage(article.error)} />;
  // A fresh form per loaded version: after a save or a transition the fields show what the server kept.
  return <ArticleEditor key={`${articleId ?? 'new'}:${article.data?.version ?? 0}`} article={article.data ?? null} />;
}

function ArticleEditor({ article }: { article: Article | null }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [form] = Form.useForm<ArticleFields>();
  const [tab, setTab] = useState('edit');
  const columns = useQuery({ queryKey: portalKeys.columns, queryFn: fetchColumns });
  const disclaimers = useQuery({ queryKey: portalKeys.disclaimers, queryFn: fetchDisclaimers });
  const values = Form.useWatch([], form) as Partial<ArticleFields> | undefined;

  // Once submitted, only a reviewer edits (published text never changes unreviewed); each save is a new revision.
  const editable = article === null || !['in_review', 'scheduled', 'published'].includes(article.state) || can('portal.review');

  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['portal', 'articles'] });
  };

  const save = useMutation({
    mutationFn: (v: ArticleFields) => (article === null
      ? api.post<Article>('/api/v1/articles', normalise(v))
      : api.patch<Article>(`/api/v1/articles/${article.id}`, { ...normalise(v), version: article.version })),
    onSuccess: (saved) => {
      feedback.success(article === null ? '草稿已保存' : '已保存');
      qc.setQueryData(portalKeys.article(saved.id), saved);
      reload();
      if (article === null) navigate(`/portal/articles/${saved.id}`, { replace: true });
    },
    onError: (e) => feedback.fail(e, { form, onReload: reload }),
  });

  // An import makes a new draft on the server (its images become the draft's files), so it starts a new article.
  const imported = useMutation({
    mutationFn: (file: File) => importArticle(form.getFieldValue('columnId') as number, file),
    onSuccess: (draft) => {
      feedback.success('已导入为草稿，请核对标题、正文和图片');
      reload();
      navigate(`/portal/articles/${draft.id}`, { replace: true });
    },
    onError: (e) => feedback.fail(e),
  });
  const startImport = (file: File) => {
    if (!form.getFieldValue('columnId')) feedback.fail(new Error('请先选择栏目，再导入文档'));
    else imported.mutate(file);
  };

  const trail = useMemo(() => columnTrail(columns.data?.items ?? [], values?.columnId), [columns.data, values?.columnId]);
  // A cover is one of the body's uploaded images (the server checks it is a file of this article).
  const bodyImages = useMemo(() => [...new Set([...(values?.body ?? '').matchAll(/<img[^>]*\ssrc="\/api\/v1\/files\/(\d+)"/g)].map((m) => Number(m[1])))], [values?.body]);
  const disclaimerText = disclaimers.data?.items.find((d) => d.id === values?.disclaimerId)?.body ?? null;
  // Form.useWatch answers a new object on every render: the preview keys on the content, not on the object.
  const previewJson = JSON.stringify({
    title: values?.title ?? '',
    subtitle: values?.subtitle,
    body: values?.body ?? '',
    source: values?.source,
    author: values?.author,
    originalUrl: values?.originalUrl,
    disclaimer: disclaimerText,
    tags: values?.tags,
    publishedAt: article?.publishedAt,
  });
  const preview = useMemo(() => JSON.parse(previewJson) as PreviewArticle, [previewJson]);

  const dirty = () => form.isFieldsTouched();

  const title = article === null ? '写文章' : '编辑文章';
  return (
    <>
      <PageHeader
        title={title}
        actions={(
          <>
            {article === null && (
              <Upload
                accept=".docx,.html,.htm"
                showUploadList={false}
                beforeUpload={(file) => { startImport(file); return false; }}
              >
                <Tooltip title="从 Word（.docx）或保存的网页（.html）导入标题、正文和图片">
                  <Button icon={<ImportOutlined />} loading={imported.isPending}>导入文档</Button>
                </Tooltip>
              </Upload>
            )}
            <Button icon={<EyeOutlined />} onClick={() => setTab('preview')}>预览</Button>
            {editable && <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => form.submit()}>保存</Button>}
            {article && (
              <WorkflowActions
                article={article}
                beforeSubmit={async () => {
                  if (!dirty()) return true;
                  feedback.fail(new Error('有未保存的修改，请先保存'));
                  return false;
                }}
              />
            )}
          </>
        )}
      >
        {article && (
          <Space size="middle" wrap>
            <StateTag state={article.state} level={article.reviewLevel} levels={article.reviewLevels} />
            {article.publishedAt && <span>{article.state === 'scheduled' ? '定时发布于' : '发布时间'}：{formatInstant(article.publishedAt)}</span>}
            {article.state === 'published' && <a href={`/article/${article.id}`} target="_blank" rel="noreferrer">在门户查看</a>}
          </Space>
        )}
      </PageHeader>
      {article?.state === 'returned' && lastComment(article) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="退回意见" description={lastComment(article)} />
      )}
      {article?.state === 'published' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="这篇文章已发布：保存修改会生成新的修订版本并立即更新门户页面。" />
      )}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'edit', label: '编辑', forceRender: true, children: (
            <Form<ArticleFields>
              form={form}
              layout="vertical"
              disabled={!editable}
              initialValues={article ? { ...article, columnIds: article.columnIds.filter((c) => c !== article.columnId) } : emptyArticle}
              onFinish={(v) => save.mutate(v)}
            >
              <Row gutter={16}>
                <Col xs={24} xl={17}>
                  <Card size="small">
                    <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
                      <Input maxLength={200} showCount />
                    </Form.Item>
                    <Form.Item name="subtitle" label="副标题">
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
                      <RichTextEditor uploadImage={article ? (f) => uploadArticleImage(article.id, f) : undefined} />
                    </Form.Item>
                    <Form.Item name="summary" label="摘要（列表页和分享时显示，不填则取正文开头）">
                      <Input.TextArea rows={2} maxLength={300} showCount />
                    </Form.Item>
                  </Card>
                </Col>
                <Col xs={24} xl={7}>
                  <Card size="small" title="发布信息">
                    <Form.Item name="columnId" label="栏目" rules={[{ required: true, message: '请选择栏目' }]}>
                      <Select options={columnOptions(columns.data?.items ?? [])} placeholder="选择栏目" showSearch optionFilterProp="label" />
                    </Form.Item>
                    <Form.Item name="columnIds" label="同时发布到">
                      <Select mode="multiple" allowClear placeholder="其他栏目（可不选）" options={columnOptions(columns.data?.items ?? []).filter((o) => o.value !== values?.columnId)} optionFilterProp="label" />
                    </Form.Item>
                    <Form.Item name="coverFileId" label="封面图片" extra="显示在门户首页的图片新闻中">
                      <Select
                        allowClear
                        placeholder={bodyImages.length ? '不设封面' : '先在正文中插入图片'}
                        options={bodyImages.map((fileId, i) => ({ value: fileId, label: `正文第 ${i + 1} 张图片` }))}
                        optionRender={(o) => (
                          <Space><img src={`/api/v1/files/${o.value}`} alt="" className="portal-cover-option" />{o.label}</Space>
                        )}
                      />
                    </Form.Item>
                    <Form.Item name="tags" label="标签">
                      <Select mode="tags" placeholder="输入后回车" tokenSeparators={[',', '，', ' ']} maxCount={10} />
                    </Form.Item>
                    {can('org.read') && (
                      <Form.Item name="orgId" label="涉及组织">
                        <OrgTreeSelect allowClear placeholder="默认为栏目所属组织" />
                      </Form.Item>
                    )}
                  </Card>
                  <Card size="small" title="来源信息" style={{ marginTop: 12 }}>
                    <Form.Item name="source" label="来源">
                      <Input maxLength={100} placeholder="如：机关工委办公室、人民网" />
                    </Form.Item>
                    <Form.Item label="作者">
                      <Space.Compact style={{ width: '100%' }}>
                        <Form.Item name="author" noStyle>
                          <Input maxLength={100} placeholder="不填则显示“佚名”" />
                        </Form.Item>
                        <Button onClick={() => form.setFieldValue('author', ANONYMOUS)} disabled={!editable}>佚名</Button>
                      </Space.Compact>
                    </Form.Item>
                    <Form.Item
                      name="originalUrl"
                      label="原文链接（转载时填写）"
                      rules={[{ type: 'url', pattern: /^https?:\/\//i, message: '请填写以 http:// 或 https:// 开头的网址' }]}
                    >
                      <Input maxLength={500} placeholder="https://" />
                    </Form.Item>
                    <Form.Item name="disclaimerId" label="免责声明（转载时选择）">
                      <Select
                        allowClear
                        placeholder="不显示"
                        options={(disclaimers.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
                      />
                    </Form.Item>
                    {disclaimerText && <p className="portal-disclaimer-text">{disclaimerText}</p>}
                  </Card>
                </Col>
              </Row>
            </Form>
          ) },
          { key: 'preview', label: '预览', children: <ArticlePreview article={preview} trail={trail} /> },
          ...(article ? [
            { key: 'revisions', label: '修订记录', children: <RevisionsPanel articleId={article.id} /> },
            { key: 'history', label: '审核记录', children: <ReviewHistory article={article} /> },
          ] : []),
        ]}
      />
    </>
  );
}

const decisionLabels: Record<string, string> = {
  submitted: '提交审核', recalled: '撤回送审', approved: '审核通过', returned: '退回修改', published: '发布', scheduled: '定时发布', withdrawn: '撤回',
};

function ReviewHistory({ article }: { article: Article }) {
  if (article.reviews.length === 0) return <p>尚无审核记录</p>;
  return (
    <Timeline
      items={article.reviews.map((r) => ({
        color: r.decision === 'returned' || r.decision === 'withdrawn' ? 'red' : r.decision === 'submitted' || r.decision === 'recalled' ? 'blue' : 'green',
        content: (
          <>
            <div>
              {formatInstant(r.createdAt)} · {r.reviewerName ?? ''} · {decisionLabels[r.decision] ?? r.decision}
              {r.level > 0 ? `（第 ${r.level} 审）` : ''} · 第 {r.revision} 版
            </div>
            {r.comment && <div className="portal-review-comment">{r.comment}</div>}
          </>
        ),
      }))}
    />
  );
}

function lastComment(article: Article): string | null {
  return [...article.reviews].reverse().find((r) => r.decision === 'returned')?.comment ?? null;
}

/** Empty inputs are absent values for the server, not empty strings. */
function normalise(v: ArticleFields): ArticleFields {
  const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    ...v,
    subtitle: blank(v.subtitle),
    summary: blank(v.summary),
    source: blank(v.source),
    author: blank(v.author),
    originalUrl: blank(v.originalUrl),
    disclaimerId: v.disclaimerId ?? null,
    coverFileId: v.coverFileId ?? null,
    tags: v.tags ?? [],
    columnIds: (v.columnIds ?? []).filter((c) => c !== v.columnId),
  };
}
