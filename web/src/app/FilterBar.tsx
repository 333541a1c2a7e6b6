import type { ReactNode } from 'react';
import { Input, Select, Space, type SelectProps } from 'antd';

/** The filters above a list: a search landmark named for what it narrows. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return <Space wrap style={{ marginBottom: 12 }} role="search" aria-label={label}>{children}</Space>;
}

/** A words search that answers the trimmed words, or undefined for an empty box so the filter is dropped. */
export function SearchFilter({ label, placeholder, width, button = true, onSearch }: {
  label: string;
  placeholder: string;
  width: number;
  /** whether a 搜索 button stands beside the box (Enter searches either way) */
  button?: boolean;
  onSearch: (words: string | undefined) => void;
}) {
  return (
    // On a phone the box keeps inside the card: the viewport less the page's and the card's padding (8 + 24 a side).
    <Input.Search aria-label={label} placeholder={placeholder} allowClear enterButton={button && '搜索'} style={{ width, maxWidth: 'calc(100vw - 64px)' }}
      onSearch={(q) => onSearch(q.trim() || undefined)} />
  );
}

type SelectFilterProps<V> = Omit<SelectProps<V>, 'aria-label' | 'allowClear' | 'style' | 'onChange'> & {
  label: string;
  width: number;
  /** undefined once cleared: the filter is dropped */
  onChange: (value: V | undefined) => void;
};

/** A clearable choice; its placeholder names what no choice means (全部状态 …). */
export function SelectFilter<V extends string | number>({ label, width, ...select }: SelectFilterProps<V>) {
  return <Select<V> aria-label={label} allowClear style={{ width }} {...select} />;
}
