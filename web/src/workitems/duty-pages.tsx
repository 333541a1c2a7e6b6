import { CheckSquareOutlined, FileDoneOutlined, InboxOutlined, NotificationOutlined } from '@ant-design/icons';
import { has, type PageDef } from '../app/pages';
import { DutyListsPage } from './duty-lists';
import { DutyListDetailPage } from './duty-list-detail';
import { ChecklistsPage } from './checklist-page';
import { PromptsPage } from './prompt-list';
import { PromptDetailPage } from './prompt-detail';
import { ReceivedPromptsPage } from './prompt-received';

/** Pages of duty lists, monthly checklists and work prompts (党建责任). */
export const dutyPages: PageDef[] = [
  { path: 'duty-lists', element: <DutyListsPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '责任清单', icon: <FileDoneOutlined /> } },
  { path: 'duty-lists/:id', element: <DutyListDetailPage />, allow: has('workitem.read') },
  { path: 'monthly-checklists', element: <ChecklistsPage />, allow: has('workitem.read'), menu: { group: 'responsibility', label: '月结清单', icon: <CheckSquareOutlined /> } },
  { path: 'work-prompts', element: <PromptsPage />, allow: has('workitem.assign'), menu: { group: 'responsibility', label: '工作提示', icon: <NotificationOutlined /> } },
  { path: 'work-prompts/received', element: <ReceivedPromptsPage />, allow: has('workitem.write'), menu: { group: 'responsibility', label: '收到的提示', icon: <InboxOutlined /> } },
  { path: 'work-prompts/:id', element: <PromptDetailPage />, allow: has('workitem.assign') },
];
