import { CalendarOutlined, DashboardOutlined, OrderedListOutlined, ScheduleOutlined } from '@ant-design/icons';
import { has, type PageDef } from '../app/pages';
import { BoardPage } from './BoardPage';
import { HolidaysPage } from './HolidaysPage';
import { MyItemsPage } from './MyItemsPage';
import { WorkItemDetailPage } from './WorkItemDetailPage';
import { WorkItemsPage } from './WorkItemsPage';

/** The work-item engine's pages: my items, the item list and detail, the committee board, the holiday calendar. */
export const workItemPages: PageDef[] = [
  { path: 'my/work-items', element: <MyItemsPage />, allow: () => true, menu: { group: 'self', label: '我的事项', icon: <ScheduleOutlined /> } },
  { path: 'work-items/board', element: <BoardPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '督办看板', icon: <DashboardOutlined /> } },
  { path: 'work-items', element: <WorkItemsPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '事项清单', icon: <OrderedListOutlined /> } },
  { path: 'work-items/:id', element: <WorkItemDetailPage />, allow: () => true },
  { path: 'holidays', element: <HolidaysPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '节假日设置', icon: <CalendarOutlined /> } },
];
