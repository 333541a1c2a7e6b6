import { useMemo, useState } from 'react';
import { Empty, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { diffChars } from 'diff';
import { api, type Page } from '../app/api';
import { errorMessage } from '../app/feedback';
import { formatInstant } from './ArticlesPage';
import { portalKeys, type Revision } from './api';

/** Text of a body, one line per block, so a change shows where it is and not as markup noise. */
function textOf(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, tr, blockquote, br').forEach((el) => el.append('\n'));
  doc.querySelectorAll('img').forEach((img) => img.replaceWith(`[图片${img.alt ? `：${img.alt}` : ''}]`));
  return (doc.body.textContent ?? '').replace(/\n{2,}/g, '\n').trim();
}

/**
 * 修订记录: every saved revision of the article, two of them compared word by word — deletions struck
 * through in red, insertions underlined in green — title and body together.
 */
export function RevisionsPanel({ articleId }: { articleId: number }) {
  const revisions = useQuery({
    queryKey: portalKeys.revisions(articleId),
    queryFn: () => api.get<Page<Revision>>(`/api/v1/articles/${articleId}/revisions`),
  });
  const items = useMemo(() => [...(revisions.data?.items ?? [])].sort((a, b) => b.revision - a.revision), [revisions.data]);
  const [picked, setPicked] = useState<{ from?: number; to?: number }>({});
  const to = items.find((r) => r.revision === picked.to) ?? items[0];
  const from = items.find((r) => r.revision === picked.from) ?? items.find((r) => to && r.revision < to.revision);

  const parts = useMemo(() => {
    if (!to) return [];
    const before = from ? `${from.title}\n\n${textOf(from.body)}` : '';
    return diffChars(before, `${to.title}\n\n${textOf(to.body)}`);
  }, [from, to]);

  if (revisions.error) return <Typography.Text type="danger">{errorMessage(revisions.error)}</Typography.Text>;
  if (items.length === 0) return <Empty description={revisions.isLoading ? '正在加载…' : '尚无修订记录'} />;
  const options = items.map((r) => ({ value: r.revision, label: `第 ${r.revision} 版 · ${formatInstant(r.createdAt)} · ${r.userName ?? ''}` }));

  return (
    <div className="portal-revisions">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>比较</span>
        <Select aria-label="旧版本" style={{ width: 300 }} value={from?.revision} placeholder="（空白）" allowClear options={options}
          onChange={(v?: number) => setPicked((p) => ({ ...p, from: v }))} />
        <span>与</span>
        <Select aria-label="新版本" style={{ width: 300 }} value={to?.revision} options={options}
          onChange={(v: number) => setPicked((p) => ({ ...p, to: v }))} />
      </Space>
      <div className="portal-diff" aria-label="修订差异">
        {parts.map((p, i) => {
          if (p.added) return <ins key={i}>{p.value}</ins>;
          if (p.removed) return <del key={i}>{p.value}</del>;
          return <span key={i}>{p.value}</span>;
        })}
      </div>
    </div>
  );
}
