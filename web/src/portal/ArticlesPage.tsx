import { Link, useNavigate } from 'react-router';
import { Button, Card, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { options } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import {
  articleStateColors, articleStateLabels, columnOptions, fetchColumns, portalKeys,
  type ArticleFilters, type ArticleListItem, type ArticleState,
} from './api';

export const formatInstant = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

export function StateTag({ state, level, levels }: { state: ArticleState; level?: number; levels?: number }) {
  const stage = state === 'in_review' && levels && levels > 1 ? `（${level ?? 1}/${levels} 审）` : '';
  return <Tag color={articleStateColors[state]}>{articleStateLabels[state]}{stage}</Tag>;
}

/**
 * 文章管理, and with `queue` the reviewers' 审核队列: the same list held to articles awaiting review.
 * Filters by column, state and words of the title.
 */
export function ArticlesPage({ queue = false }: { queue?: boolean }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { filters, update, paging, setPaging } = useListFilters<ArticleFilters>(queue ? { state: 'in_review' } : {}, 20);
  const columns = useQuery({ queryKey: portalKeys.columns, queryFn: fetchColumns });
  const list = useQuery({
    queryKey: portalKeys.list(filters, paging.page, paging.pageSize),
    queryFn: () => api.get<Page<ArticleListItem>>('/api/v1/articles', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const title = queue ? '审核队列' : '文章管理';

  return (
    <>
      <PageHeader
        title={title}
        actions={!queue && can('portal.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/articles/new')}>写文章</Button>
        )}
      />
      <Card>
        <FilterBar label="筛选文章">
          <SearchFilter label="搜索标题" placeholder="标题关键词" width={300} onSearch={(q) => update({ q })} />
          <SelectFilter label="栏目" placeholder="全部栏目" width={200} value={filters.columnId} onChange={(columnId) => update({ columnId })}
            options={columnOptions(columns.data?.items ?? [])} />
          {!queue && (
            <SelectFilter<ArticleState> label="状态" placeholder="全部状态" width={130} value={filters.state} onChange={(state) => update({ state })}
              options={options(articleStateLabels)} />
          )}
        </FilterBar>
        <PagedTable<ArticleListItem> rowKey="id" size="middle"
          list={list} paging={paging} onPaging={setPaging} emptyText={queue ? '没有待审核的文章' : '暂无文章'} unit="篇"
          columns={[
            { title: '标题', dataIndex: 'title', ellipsis: true, render: (t: string, a) => <Link to={`/portal/articles/${a.id}`}>{t}</Link> },
            { title: '栏目', dataIndex: 'columnName', width: 140, ellipsis: true },
            { title: '状态', dataIndex: 'state', width: 150, render: (s: ArticleState, a) => <StateTag state={s} level={a.reviewLevel} levels={a.reviewLevels} /> },
            { title: '作者', dataIndex: 'author', width: 100, ellipsis: true },
            { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: formatInstant },
            { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatInstant },
          ]}
        />
      </Card>
    </>
  );
}
