import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { queryClient } from './query';
import { AuthProvider, useSession } from './auth';
import { errorMessage } from './feedback';
import { LoginPage } from '../auth/LoginPage';
import { PendingStepPage } from '../auth/PendingStepPage';
import { Shell } from './Shell';
import { AppRoutes } from './routes';

dayjs.locale('zh-cn');

const theme = {
  token: { colorPrimary: '#c8161d', borderRadius: 4 },
};

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/admin">
            <SessionGate />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Login, then the steps the session still owes, then the app. The URL stays put, so a login returns to it. */
function SessionGate() {
  const { me, setMe, isLoading, error } = useSession();
  if (isLoading) return <Spin size="large" fullscreen description="正在加载…" />;
  if (error) return <Result status="error" title="无法连接服务器" subTitle={errorMessage(error)} />;
  if (!me) return <LoginPage onLogin={setMe} />;
  if (me.pending) return <PendingStepPage me={me} onNext={setMe} onLogout={() => setMe(null)} />;
  return (
    <AuthProvider me={me} setMe={setMe}>
      <Shell>
        <AppRoutes />
      </Shell>
    </AuthProvider>
  );
}
