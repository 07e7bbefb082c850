import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n/index.ts';

const THEME = { token: { colorPrimary: '#1f5fa8', borderRadius: 6 } };

/**
 * antd's locale, theme and message/modal context for a page built with antd. Each such page wraps
 * itself in it (instead of the app shell doing so) so that the overview, which uses no antd
 * component, does not load antd at all.
 */
export function AntdScope({ children }: { children: ReactNode }) {
  const locale = useLocale();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME}>
      <App component={false}>{children}</App>
    </ConfigProvider>
  );
}
