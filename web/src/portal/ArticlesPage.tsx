import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
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
  const [filters, setFilters] = useState<ArticleFilters>(queue ? { state: 'in_review' } : {});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const columns = useQuery({ queryKey: portalKeys.columns, queryFn: fetchColumns });
  const list = useQuery({
    queryKey: portalKeys.list(filters, paging.page, paging.pageSize),
    queryFn: () => api.get<Page<ArticleListItem>>('/api/v1/articles', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<ArticleFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
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
        <Space wrap style={{ marginBottom: 12 }} role="search" aria-label="筛选文章">
          <Input.Search
            aria-label="搜索标题"
            placeholder="标题关键词"
            allowClear
            enterButton="搜索"
            style={{ width: 300 }}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            aria-label="栏目"
            allowClear
            placeholder="全部栏目"
            style={{ width: 200 }}
            value={filters.columnId}
            onChange={(columnId?: number) => update({ columnId })}
            options={columnOptions(columns.data?.items ?? [])}
          />
          {!queue && (
            <Select
              aria-label="状态"
              allowClear
              placeholder="全部状态"
              style={{ width: 130 }}
              value={filters.state}
              onChange={(state?: ArticleState) => update({ state })}
              options={Object.entries(articleStateLabels).map(([value, label]) => ({ value, label }))}
            />
          )}
        </Space>
        <Table<ArticleListItem>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: list.error ? errorMessage(list.error) : queue ? '没有待审核的文章' : '暂无文章' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 篇`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
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
