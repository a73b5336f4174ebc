import { PasswordInput, required, useAuthProvider, useGetIdentity, useLogoutIfAccessDenied, useTranslate } from 'react-admin';
import { ActionDialog } from '../components/ActionDialog';
import { newPassword, sameAs } from '../components/passwords';
import type { BaoPhuAuthProvider, BaoPhuIdentity } from '../providers/authProvider';

type ChangePasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

/**
 * "Đổi mật khẩu": current password, new password twice. The API ends the user's other sessions
 * and returns a new token, which the authProvider stores in place of the old one.
 */
export const ChangePasswordDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const authProvider = useAuthProvider<BaoPhuAuthProvider>();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const { identity } = useGetIdentity();
  const username = (identity as BaoPhuIdentity | undefined)?.username ?? '';

  const change = async (values: ChangePasswordValues) => {
    try {
      await authProvider!.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    } catch (error) {
      // A session that ended meanwhile: back to the login page, like any other request.
      await logoutIfAccessDenied(error);
      throw error;
    }
    return translate('app.auth.password_changed');
  };

  return (
    <ActionDialog<ChangePasswordValues>
      open={open}
      onClose={onClose}
      title={translate('app.auth.change_password')}
      help={translate('app.auth.change_password_help')}
      submitLabel="app.auth.change_password"
      defaultValues={{ currentPassword: '', newPassword: '', confirmPassword: '' }}
      onSubmit={change}
    >
      <PasswordInput
        source="currentPassword"
        label="app.auth.current_password"
        autoComplete="current-password"
        validate={required()}
        fullWidth
        autoFocus
      />
      <PasswordInput
        source="newPassword"
        label="app.auth.new_password"
        autoComplete="new-password"
        validate={[required(), newPassword(username)]}
        fullWidth
      />
      <PasswordInput
        source="confirmPassword"
        label="app.auth.confirm_password"
        autoComplete="new-password"
        validate={[required(), sameAs('newPassword')]}
        fullWidth
      />
    </ActionDialog>
  );
};
