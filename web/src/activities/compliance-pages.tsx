import { CheckSquareOutlined } from '@ant-design/icons';
import { has, type PageDef } from '../app/pages';
import { CompliancePage } from './compliance-page';

/** Pages of 三会一课 compliance. */
export const compliancePages: PageDef[] = [
  { path: 'compliance', element: <CompliancePage />, allow: has('compliance.read'), menu: { group: 'building', label: '三会一课落实', icon: <CheckSquareOutlined /> } },
];
