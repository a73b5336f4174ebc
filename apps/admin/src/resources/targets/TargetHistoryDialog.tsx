import { useQuery } from '@apollo/client/react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useId } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime } from '../../components/dates';
import { toHttpError } from '../../providers/graphqlErrors';
import { TARGET_HISTORY } from './queries';
import { TargetStatusChip, useCount } from './TargetFields';

const T = 'resources.targets.history';

/**
 * Every revision of one target, newest first: when, who, the value before and after, what was
 * done (set, allocated, imported, published) and whether it was a supplementary change (made after
 * publication).
 */
export const TargetHistoryDialog = ({ targetId, unitName, onClose }: { targetId: string | null; unitName: string; onClose: () => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const count = useCount();
  const titleId = useId();
  const { data, loading, error } = useQuery(TARGET_HISTORY, { variables: { id: targetId ?? '' }, skip: !targetId, fetchPolicy: 'network-only' });
  const rows = data?.target?.history ?? [];
  const action = (a: string) => translate(`${T}.actions.${a}`, { _: a });
  const note = (n: string | null) => (n ? translate(`resources.targets.methods.${n}`, { _: n }) : '');
  return (
    <Dialog open={targetId !== null} onClose={onClose} maxWidth="md" fullWidth aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{translate(`${T}.title`, { name: unitName })}</DialogTitle>
      <DialogContent>
        {loading && <LinearProgress />}
        {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
        {!loading && !error && rows.length === 0 && <Alert severity="info">{translate(`${T}.empty`)}</Alert>}
        {rows.length > 0 && (
          <Table size="small" aria-label={translate(`${T}.table`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${T}.revision`)}</TableCell>
                <TableCell>{translate(`${T}.changedAt`)}</TableCell>
                <TableCell>{translate(`${T}.changedBy`)}</TableCell>
                <TableCell align="right">{translate(`${T}.value`)}</TableCell>
                <TableCell>{translate(`${T}.action`)}</TableCell>
                <TableCell>{translate(`${T}.status`)}</TableCell>
                <TableCell>{translate(`${T}.note`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.revision}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.changedAt)}</TableCell>
                  <TableCell>{r.changedBy ?? ''}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {r.action === 'PUBLISH' || r.previousValue === null ? count(r.value) : `${count(r.previousValue)} → ${count(r.value)}`}
                  </TableCell>
                  <TableCell>
                    {action(r.action)}
                    {r.supplementary && <Chip size="small" color="info" variant="outlined" label={translate(`${T}.supplementary`)} sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell>
                    <TargetStatusChip status={r.status} />
                  </TableCell>
                  <TableCell>{note(r.note)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
