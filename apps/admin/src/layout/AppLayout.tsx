import { useEffect, type ReactNode } from 'react';
import { Layout, useLocaleState } from 'react-admin';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';

export const AppLayout = ({ children }: { children: ReactNode }) => {
  const [locale] = useLocaleState();
  useEffect(() => {
    // Screen readers and the browser's hyphenation follow the page language.
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <Layout appBar={AppBar} menu={AppMenu}>
      {children}
    </Layout>
  );
};
