import LockResetIcon from '@mui/icons-material/LockReset';
import { useState } from 'react';
import {
  Button,
  PasswordInput,
  required,
  useCanAccess,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { newPassword, sameAs } from '../../components/passwords';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { RESET_USER_PASSWORD } from './queries';
import type { UserRecord } from './types';

type ResetValues = { newPassword: string; confirmPassword: string };

/**
 * "Đặt lại mật khẩu" for someone who lost theirs: a new password, typed twice. The API ends the
 * account's sessions.
 */
export const ResetPasswordButton = () => {
  const record = useRecordContext<UserRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'users', action: 'resetPassword', record });
  if (!record || !canAccess) return null;

  const reset = async (values: ResetValues) => {
    await dataProvider.execute(RESET_USER_PASSWORD, { id: String(record.id), newPassword: values.newPassword });
    return translate('resources.users.dialogs.reset_password.done');
  };

  return (
    <>
      <Button label="resources.users.actions.reset_password" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <ActionDialog<ResetValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.users.dialogs.reset_password.title', { name: record.displayName })}
        help={translate('resources.users.dialogs.reset_password.help')}
        submitLabel="resources.users.actions.reset_password"
        defaultValues={{ newPassword: '', confirmPassword: '' }}
        onSubmit={reset}
      >
        <PasswordInput
          source="newPassword"
          label="resources.users.fields.newPassword"
          autoComplete="new-password"
          validate={[required(), newPassword(record.username)]}
          helperText="resources.users.help.password"
          fullWidth
          autoFocus
        />
        <PasswordInput
          source="confirmPassword"
          label="resources.users.fields.confirmPassword"
          autoComplete="new-password"
          validate={[required(), sameAs('newPassword')]}
          fullWidth
        />
      </ActionDialog>
    </>
  );
};
