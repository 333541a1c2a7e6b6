import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';

export interface Notification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (page: number, pageSize: number, unreadOnly: boolean) => ['notifications', 'list', page, pageSize, unreadOnly] as const,
};

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api.get<{ count: number }>('/api/v1/notifications/unread-count'),
    // A cheap count; new notifications show up within a minute without a push channel.
    refetchInterval: 60_000,
  });
}

export function useNotifications(page: number, pageSize: number, unreadOnly = false, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(page, pageSize, unreadOnly),
    queryFn: () => api.get<Page<Notification>>('/api/v1/notifications', { page, pageSize, unreadOnly }),
    enabled,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: notificationKeys.all });
  const one = useMutation({ mutationFn: (id: number) => api.post(`/api/v1/notifications/${id}/read`), onSuccess: refresh });
  const all = useMutation({ mutationFn: () => api.post('/api/v1/notifications/read-all'), onSuccess: refresh });
  return { one, all };
}

/** Links inside the app are stored as app paths ('/members/5'); anything else is not followed. */
export function appPath(link: string | null): string | null {
  if (!link) return null;
  const path = link.startsWith('/admin/') ? link.slice('/admin'.length) : link;
  return path.startsWith('/') && !path.startsWith('//') ? path : null;
}
