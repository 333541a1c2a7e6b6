import { useState } from 'react';
import { Button, DatePicker, Form, Input, Popconfirm, type GetProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../app/auth';
import { FormDialog } from '../app/FormDialog';
import { useFeedback } from '../app/feedback';
import { portalKeys, transition, type Article, type Transition } from './api';

type Dialog = 'return' | 'schedule' | 'withdraw' | null;

/**
 * The workflow buttons an article offers its reader: an author submits; a reviewer approves the level awaiting
 * review, returns with a comment, publishes now or at a time once the last level is passed; the author may recall
 * a submission; committee staff may publish directly; published articles can be withdrawn. The server decides finally (author ≠ reviewer, scope); these only hide what cannot apply.
 */
export function WorkflowActions({ article, beforeSubmit }: { article: Article; beforeSubmit: () => Promise<boolean> }) {
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const review = can('portal.review');
  // The server allows publishing without review to working-committee staff only; it checks the scope too.
  const staff = me.grants.some((g) => g.role === 'committee_staff');
  const lastLevel = article.reviewLevel >= article.reviewLevels;

  const done = (saved: Article) => {
    qc.setQueryData(portalKeys.article(saved.id), saved);
    void qc.invalidateQueries({ queryKey: portalKeys.articles });
  };
  const reload = () => void qc.invalidateQueries({ queryKey: portalKeys.article(article.id) });
  const go = async (to: Transition, text: string) => {
    if (!(await beforeSubmit())) return;
    setBusy(true);
    try {
      done(await transition(article.id, { to, version: article.version }));
      feedback.success(text);
    } catch (e) {
      feedback.fail(e, { onReload: reload });
    } finally {
      setBusy(false);
    }
  };

  // 退回 and 撤回 both move the article with the reviewer's written reason.
  const reasonDialog = (
    to: Transition,
    text: { title: string; okText: string; reason: string; successText: string },
    input: GetProps<typeof Input.TextArea>,
  ) => (
    <FormDialog<{ comment: string }, Article>
      title={text.title}
      okText={text.okText}
      danger
      submit={(v) => transition(article.id, { to, comment: v.comment, version: article.version })}
      onSuccess={done}
      onReload={reload}
      successText={text.successText}
      onClose={() => setDialog(null)}
    >
      <Form.Item name="comment" label={text.reason} rules={[{ required: true, whitespace: true, message: `请填写${text.reason}` }]}>
        <Input.TextArea {...input} />
      </Form.Item>
    </FormDialog>
  );

  const buttons: React.ReactNode[] = [];
  const s = article.state;
  if ((s === 'draft' || s === 'returned' || s === 'withdrawn') && can('portal.write')) {
    buttons.push(<Button key="submit" loading={busy} onClick={() => void go('in_review', '已提交审核')}>提交审核</Button>);
    if (staff) {
      buttons.push(
        <Popconfirm key="direct" title="不经审核直接发布？" description="工委工作人员可直接发布，发布记录会写入审核记录。" okText="发布" cancelText="取消"
          onConfirm={() => go('published', '已发布')}>
          <Button type="primary" danger loading={busy}>直接发布</Button>
        </Popconfirm>,
        <Button key="schedule" onClick={() => setDialog('schedule')}>定时发布</Button>,
      );
    }
  }
  if (s === 'in_review' && review) {
    if (lastLevel) {
      buttons.push(
        <Popconfirm key="publish" title="审核通过并立即发布？" okText="发布" cancelText="取消" onConfirm={() => go('published', '已发布')}>
          <Button type="primary" loading={busy}>通过并发布</Button>
        </Popconfirm>,
        <Button key="schedule" onClick={() => setDialog('schedule')}>定时发布</Button>,
      );
    } else {
      buttons.push(
        <Button key="approve" type="primary" loading={busy} onClick={() => void go('in_review', `第 ${article.reviewLevel} 审已通过，转下一级审核`)}>
          第 {article.reviewLevel} 审通过
        </Button>,
      );
    }
    buttons.push(<Button key="return" danger onClick={() => setDialog('return')}>退回</Button>);
  }
  if (s === 'in_review' && article.createdBy === me.id) {
    buttons.push(
      <Popconfirm key="recall" title="撤回送审，改回草稿？" okText="撤回送审" cancelText="取消" onConfirm={() => go('draft', '已撤回送审')}>
        <Button loading={busy}>撤回送审</Button>
      </Popconfirm>,
    );
  }
  if ((s === 'published' || s === 'scheduled') && review) {
    buttons.push(<Button key="withdraw" danger onClick={() => setDialog('withdraw')}>撤回</Button>);
  }

  return (
    <>
      {buttons}
      {dialog === 'return' && reasonDialog(
        'returned',
        { title: '退回修改', okText: '退回', reason: '退回意见', successText: '已退回' },
        { rows: 4, maxLength: 1000, showCount: true, placeholder: '请写明需要修改的地方' },
      )}
      {dialog === 'schedule' && (
        <FormDialog<{ at: Dayjs; comment?: string }, Article>
          title="定时发布"
          okText="确定"
          initialValues={{ at: dayjs().add(1, 'hour').startOf('hour') }}
          submit={(v) => transition(article.id, { to: 'scheduled', publishAt: v.at.toISOString(), comment: v.comment, version: article.version })}
          onSuccess={done}
          onReload={reload}
          successText="已设置定时发布"
          onClose={() => setDialog(null)}
        >
          <Form.Item name="at" label="发布时间" rules={[{ required: true, message: '请选择发布时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
        </FormDialog>
      )}
      {dialog === 'withdraw' && reasonDialog(
        'withdrawn',
        { title: '撤回文章', okText: '撤回', reason: '撤回原因', successText: '已撤回，门户页面将显示该文已撤回' },
        { rows: 3, maxLength: 500 },
      )}
    </>
  );
}
