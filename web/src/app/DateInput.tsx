import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** A date picker whose form value is the API's 'YYYY-MM-DD' text, so forms send what the server expects. */
export function DateInput({ value, onChange, id, placeholder, disabled, allowClear = true }: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      placeholder={placeholder ?? '选择日期'}
      disabled={disabled}
      allowClear={allowClear}
      style={{ width: '100%' }}
    />
  );
}

export const today = () => dayjs().format('YYYY-MM-DD');

/** Instants (ISO, UTC) shown in local time. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}
