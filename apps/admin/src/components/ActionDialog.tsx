import Dialog, { type DialogProps } from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MuiButton from '@mui/material/Button';
import { useId, type ReactNode } from 'react';
import { useFormState } from 'react-hook-form';
import { Button, Form, HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';

export interface ActionDialogProps<TValues extends Record<string, unknown>> {
  open: boolean;
  onClose: () => void;
  /** Already translated. */
  title: string;
  help?: string;
  /** Translation key of the submit button, e.g. the action's name. */
  submitLabel: string;
  defaultValues: TValues;
  /** Runs the API verb; resolves with the success message (translated) or rejects with an HttpError. */
  onSubmit: (values: TValues) => Promise<string>;
  children: ReactNode;
  /** Wider for dialogs holding a table; default `sm`. */
  maxWidth?: DialogProps['maxWidth'];
}

const SubmitButton = ({ label }: { label: string }) => {
  const translate = useTranslate();
  const { isSubmitting } = useFormState();
  return (
    <MuiButton type="submit" variant="contained" disabled={isSubmitting}>
      {translate(label)}
    </MuiButton>
  );
};

/**
 * A dialog holding a react-admin form for one of the API's verbs (rename, move, merge). On
 * success: notify, refresh every query (the show page re-reads the unit), close. On failure the
 * API's message is shown: on the inputs it names (BAD_USER_INPUT fields) and as a notification.
 */
export const ActionDialog = <TValues extends Record<string, unknown>>({
  open,
  onClose,
  title,
  help,
  submitLabel,
  defaultValues,
  onSubmit,
  children,
  maxWidth = 'sm',
}: ActionDialogProps<TValues>) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();

  const handleSubmit = async (values: Record<string, unknown>) => {
    try {
      const message = await onSubmit(values as TValues);
      notify(message, { type: 'success', messageArgs: { _: message } });
      refresh();
      onClose();
      return undefined;
    } catch (error) {
      // Field errors go back to the form, which shows them and notifies root.serverError.
      if (error instanceof HttpError && error.body?.errors) return error.body.errors;
      const message = error instanceof Error ? error.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
      return undefined;
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth={maxWidth} aria-labelledby={titleId}>
      <Form record={defaultValues} onSubmit={handleSubmit}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {help && <DialogContentText sx={{ mb: 2 }}>{help}</DialogContentText>}
          {children}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <SubmitButton label={submitLabel} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
