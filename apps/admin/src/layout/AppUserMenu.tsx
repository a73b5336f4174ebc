import KeyIcon from '@mui/icons-material/Key';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem, { type MenuItemProps } from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Logout, UserMenu, useGetIdentity, useTranslate, useUserMenu } from 'react-admin';
import type { BaoPhuIdentity } from '../providers/authProvider';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** Who is logged in: name, role and scope, at the top of the menu (not an action). */
const IdentitySummary = (_props: { muiSkipListHighlight?: boolean }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const user = identity as BaoPhuIdentity | undefined;
  if (!user) return null;
  return (
    <Box component="li" role="none" sx={{ px: 2, pt: 1, pb: 1.5, maxWidth: 320 }}>
      <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600, lineHeight: 1.3 }}>
        {user.fullName}
      </Typography>
      <Typography variant="body2" component="p" color="text.secondary">
        {translate(`app.roles.${user.role}`)}
      </Typography>
      <Typography variant="body2" component="p" color="text.secondary">
        {translate('app.auth.scope', { name: user.scope.name })}
      </Typography>
    </Box>
  );
};

const ChangePasswordMenuItem = ({ onOpen, ...props }: MenuItemProps & { onOpen: () => void }) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem
      {...props}
      onClick={() => {
        userMenu?.onClose();
        onOpen();
      }}
    >
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('app.auth.change_password')}</ListItemText>
    </MenuItem>
  );
};

/**
 * The account menu of the app bar (its button shows the display name): who is logged in, then
 * "Đổi mật khẩu" and "Đăng xuất". The dialog lives outside the menu, which unmounts when closed.
 */
export const AppUserMenu = () => {
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <>
      <UserMenu>
        <IdentitySummary muiSkipListHighlight />
        <Divider />
        <ChangePasswordMenuItem onOpen={() => setChangingPassword(true)} />
        <Logout />
      </UserMenu>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
};
