import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from './api/client.ts';
import { meKey } from './api/queries.ts';
import { useDayjsLocale } from './components/use-dayjs-locale.ts';
import { router } from './routes.tsx';

/** Any 401 means the session ended: refetching "me" makes the shell redirect to the login page. */
function onApiError(err: unknown, key?: readonly unknown[]): void {
  if (err instanceof ApiError && err.status === 401 && key?.[0] !== meKey[0]) {
    void queryClient.invalidateQueries({ queryKey: meKey });
  }
}

// Secondary and tertiary grey text darkened from Ant Design's 45 % black (3.8:1 on white, below WCAG AA's
// 4.5:1) to #595959 (7:1) and #6b6b6b (5.3:1).
const CONSOLE_THEME = {
  colorPrimary: '#1f5fbf',
  // a hovered or pressed primary button darkens rather than lightens: Ant Design's derived hover blue
  // (#417dcc) carries white text at 4.2:1, below AA; #184e9e is 7.9:1 and #143f80 10:1
  colorPrimaryHover: '#184e9e',
  colorPrimaryActive: '#143f80',
  // links in the primary blue too: Ant Design's default #1677ff is 3.8:1 on the grey page background
  colorLink: '#1f5fbf',
  // danger buttons and error text: the default #ff4d4f is 3.3:1 on white, #cf1322 is 5.6:1
  colorError: '#cf1322',
  borderRadius: 6,
  colorTextSecondary: '#595959',
  colorTextDescription: '#595959',
  colorTextTertiary: '#6b6b6b',
  // placeholders: Ant Design's #bfbfbf is 1.8:1; #767676 is the lightest grey at 4.5:1, still lighter than
  // typed text so a placeholder does not read as a value
  colorTextPlaceholder: '#767676',
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (err, query) => onApiError(err, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (err) => onApiError(err) }),
  defaultOptions: {
    queries: {
      // Refusals (4xx) will not change on retry; only network and server errors are retried once.
      retry: (count, err) => count < 1 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** The root component: query cache, antd theme and locale, and the router. */
export function App() {
  const { i18n } = useTranslation();
  useDayjsLocale();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={{ token: CONSOLE_THEME }}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
