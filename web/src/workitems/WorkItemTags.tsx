import { Tag } from 'antd';
import { stateColors, stateLabels, timelinessColors, timelinessLabels, type Timeliness, type WorkItemState } from './api';

export function StateTag({ state }: { state: WorkItemState }) {
  return <Tag color={stateColors[state]}>{stateLabels[state]}</Tag>;
}

/** Shown only where it says something: pending items carry no tag. */
export function TimelinessTag({ value }: { value: Timeliness }) {
  return value === 'pending' || value === 'cancelled' ? null : <Tag color={timelinessColors[value]}>{timelinessLabels[value]}</Tag>;
}
