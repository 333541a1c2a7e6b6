import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { orgTypeLabels, type OrgType } from '../app/labels';
import { useOrgTree, type OrgTreeNode } from './api';

interface TreeOption {
  value: number;
  title: string;
  label: string;
  disabled?: boolean;
  children: TreeOption[];
}

function toOptions(nodes: OrgTreeNode[], selectable?: (o: OrgTreeNode) => boolean): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name}（${orgTypeLabels[n.type]}）`,
    label: n.name,
    disabled: selectable ? !selectable(n) : false,
    children: toOptions(n.children, selectable),
  }));
}

/** Picks an organisation (and so its subtree) from the tree the caller may read. */
export function OrgTreeSelect(props: {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** which organisations may be chosen, e.g. only branches and groups for a member */
  selectable?: (o: OrgTreeNode) => boolean;
  types?: OrgType[];
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const tree = useOrgTree();
  const { selectable, types } = props;
  const data = useMemo(() => {
    const pick = selectable ?? (types ? (o: OrgTreeNode) => types.includes(o.type) : undefined);
    return toOptions(tree.data ?? [], pick);
  }, [tree.data, selectable, types]);
  return (
    <TreeSelect<number>
      id={props.id}
      aria-label={props['aria-label']}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      treeData={data}
      loading={tree.isLoading}
      placeholder={props.placeholder ?? '选择党组织'}
      allowClear={props.allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeNodeLabelProp="label"
      treeDefaultExpandedKeys={data.map((d) => d.value)}
      popupMatchSelectWidth={false}
      style={props.style ?? { width: '100%' }}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto', minWidth: 320 } } }}
    />
  );
}
