import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Card, Empty, Input, Result, Spin, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { useOrgTree, type OrgTreeNode } from './api';
import { OrgDetailPanel } from './OrgDetailPanel';
import './orgs.css';

/** Nodes whose name contains `q`, with their ancestors, so a search keeps the tree's shape. */
function filterTree(nodes: OrgTreeNode[], q: string): OrgTreeNode[] {
  if (!q) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, q);
    return n.name.includes(q) || children.length ? [{ ...n, children }] : [];
  });
}

function toTreeData(nodes: OrgTreeNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span className="org-tree-title">
        <span>{n.name}</span>
        <span className="org-tree-count">{n.memberCount}</span>
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

function allKeys(nodes: OrgTreeNode[], depth = Infinity): number[] {
  return depth <= 0 ? [] : nodes.flatMap((n) => [n.id, ...allKeys(n.children, depth - 1)]);
}

/** 组织架构: the tree on the left, the selected organisation on the right. */
export function OrgsPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const tree = useOrgTree();
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<number[] | null>(null);

  const filtered = useMemo(() => filterTree(tree.data ?? [], q.trim()), [tree.data, q]);
  const data = useMemo(() => toTreeData(filtered), [filtered]);
  // Opened one level deep at first; a search opens everything it found.
  const expandedKeys = q.trim() ? allKeys(filtered) : (expanded ?? allKeys(tree.data ?? [], 1));
  const selectedId = id ? Number(id) : tree.data?.[0]?.id;

  return (
    <>
      <PageHeader title="组织架构" />
      <div className="orgs-layout">
        <Card size="small" className="orgs-tree-card" title="党组织">
          <Input.Search placeholder="按名称查找" allowClear onChange={(e) => setQ(e.target.value)} aria-label="按名称查找党组织" style={{ marginBottom: 8 }} />
          {tree.isLoading && <Spin />}
          {tree.isError && <Result status="error" subTitle={errorMessage(tree.error)} />}
          {tree.data && (data.length === 0 ? <Empty description="没有匹配的党组织" /> : (
            <Tree<TreeDataNode>
              treeData={data}
              showLine
              blockNode
              height={Math.max(320, window.innerHeight - 250)}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(keys) => keys.length && navigate(`/orgs/${keys[0]}`)}
            />
          ))}
        </Card>
        <div className="orgs-detail">
          {selectedId ? <OrgDetailPanel id={selectedId} /> : tree.data && <Empty description="请选择左侧的党组织" />}
        </div>
      </div>
    </>
  );
}
