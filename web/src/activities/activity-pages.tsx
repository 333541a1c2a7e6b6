import { CalendarOutlined, CheckSquareOutlined, TableOutlined } from '@ant-design/icons';
import { has, type PageDef } from '../app/pages';
import { ActivitiesPage } from './ActivitiesPage';
import { ActivityDetailPage } from './ActivityDetailPage';
import { ActivityFormPage } from './ActivityFormPage';
import { CheckinScreenPage } from './CheckinScreenPage';
import { KindsPage } from './KindsPage';
import { MyActivitiesPage } from './MyActivitiesPage';
import { MyCheckinPage } from './MyCheckinPage';

/** Pages of the activity engine: 组织生活 for secretaries and the committee, 我的活动 and check-in for members. */
export const activityPages: PageDef[] = [
  { path: 'activities', element: <ActivitiesPage />, allow: has('activity.read'), menu: { group: 'building', label: '组织生活', icon: <CalendarOutlined /> } },
  { path: 'activities/new', element: <ActivityFormPage key="new" />, allow: has('activity.write') },
  { path: 'activities/:id', element: <ActivityDetailPage />, allow: has('activity.read') },
  { path: 'activities/:id/edit', element: <ActivityFormPage key="edit" />, allow: has('activity.write') },
  { path: 'activities/:id/checkin-screen', element: <CheckinScreenPage />, allow: has('activity.write') },
  { path: 'activity-kinds', element: <KindsPage />, allow: (me) => has('activity.read')(me) || has('compliance.configure')(me), menu: { group: 'building', label: '活动类型与规则', icon: <TableOutlined /> } },
  { path: 'me/activities', element: <MyActivitiesPage />, allow: (me) => me.memberId !== null, menu: { group: 'self', label: '我的活动', icon: <CheckSquareOutlined /> } },
  { path: 'me/checkin/:id', element: <MyCheckinPage />, allow: () => true },
];
