import { Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { Page } from './api';
import { errorMessage } from './feedback';
import type { Paging } from './paging';

/** What the table reads of a react-query result over a `{ items, total }` endpoint. */
export interface PageQuery<T> {
  data?: Page<T>;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
}

type PagedTableProps<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale' | 'pagination'> & {
  list: PageQuery<T>;
  paging: Paging;
  onPaging: (next: Paging) => void;
  /** what an empty list says (antd's 暂无数据 without it); a failed request says the server's message instead */
  emptyText?: string;
  /** the measure word of "共 N 条"; without it the total is not written */
  unit?: string;
  /** the pager's other settings (size changer, sizes); its page and total come from `paging` and `list` */
  pagination?: Omit<TablePaginationConfig, 'current' | 'pageSize' | 'total' | 'showTotal' | 'onChange'>;
};

/** A table over one page of a server-paged list: spinner while fetching, the error in place of the rows, and the pager. */
export function PagedTable<T extends object>({ list, paging, onPaging, emptyText, unit, pagination, ...table }: PagedTableProps<T>) {
  return (
    <Table<T>
      {...table}
      loading={list.isFetching}
      dataSource={list.data?.items}
      locale={{ emptyText: list.isError ? errorMessage(list.error) : emptyText }}
      pagination={{
        ...pagination,
        current: paging.page,
        pageSize: paging.pageSize,
        total: list.data?.total,
        showTotal: unit ? (total) => `共 ${total} ${unit}` : undefined,
        onChange: (page, pageSize) => onPaging({ page, pageSize }),
      }}
    />
  );
}
