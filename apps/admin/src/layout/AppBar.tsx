import Typography from '@mui/material/Typography';
import { AppBar as RaAppBar, LoadingIndicator, LocalesMenuButton, TitlePortal, useTranslate } from 'react-admin';
import { AppUserMenu } from './AppUserMenu';

/** The product name, the page title, the language switch (Tiếng Việt / English) and the account menu. */
export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar
      userMenu={<AppUserMenu />}
      toolbar={
        <>
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <Typography variant="h6" component="span" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
        {translate('app.title')}
      </Typography>
      <TitlePortal />
    </RaAppBar>
  );
};
