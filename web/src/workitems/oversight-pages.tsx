import { AuditOutlined, ContactsOutlined, FlagOutlined, ScheduleOutlined, SoundOutlined } from '@ant-design/icons';
import { has, type PageDef } from '../app/pages';
import { InspectionDetailPage, InspectionsPage } from './oversight-inspections';
import { ProjectsPage } from './oversight-projects';
import { DispatchPage } from './oversight-dispatch';
import { LiaisonPage } from './oversight-liaison';
import { BulletinDetailPage, BulletinsPage } from './oversight-bulletins';

/** Pages of dispatch, projects, inspections and risk screening, liaison, bulletins (党建责任). */
export const oversightPages: PageDef[] = [
  { path: 'oversight/dispatch', element: <DispatchPage />, allow: has('workitem.write'), menu: { group: 'responsibility', label: '周调度', icon: <ScheduleOutlined /> } },
  { path: 'oversight/projects', element: <ProjectsPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '党建项目', icon: <FlagOutlined /> } },
  { path: 'oversight/inspections', element: <InspectionsPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '督查检查', icon: <AuditOutlined /> } },
  { path: 'oversight/inspections/:id', element: <InspectionDetailPage />, allow: has('workitem.read') },
  { path: 'oversight/liaison', element: <LiaisonPage />, allow: has('inspection.record'), menu: { group: 'responsibility', label: '联系指导', icon: <ContactsOutlined /> } },
  { path: 'oversight/bulletins', element: <BulletinsPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '通报讲评', icon: <SoundOutlined /> } },
  { path: 'oversight/bulletins/:id', element: <BulletinDetailPage />, allow: has('workitem.read') },
];
