import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../../components/dates';
import { toHttpError } from '../../providers/graphqlErrors';
import { reasonLabelKey, reasonNeedsVisit } from './cycle';
import { REPORT_NON_COLLECTION } from './queries';
import { NON_COLLECTION_REASONS, type CycleEntry, type NonCollectionReason } from './types';

type Entry = Pick<CycleEntry, 'id' | 'reason' | 'reasonNote' | 'reasonReportedAt' | 'person'>;

/**
 * One tap per reason: the reasons as large buttons (a thumb on a phone), an optional note typed
 * first, and the reason saved at once with reportNonCollection. While saving, the buttons wait;
 * once saved, the entry shows what was saved (and when) with a button to change it.
 */
export const ReasonPicker = ({ entry, onSaved }: { entry: Entry; onSaved?: (reason: NonCollectionReason) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const client = useApolloClient();
  const [editing, setEditing] = useState(!entry.reason);
  const [showNote, setShowNote] = useState(!!entry.reasonNote);
  const [note, setNote] = useState(entry.reasonNote ?? '');
  const [saving, setSaving] = useState<NonCollectionReason | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const noteId = useId();
  const name = entry.person.fullName;

  const save = async (reason: NonCollectionReason) => {
    setSaving(reason);
    setProblem(null);
    try {
      // Through the normalized cache, so every list holding this entry shows the reason at once.
      await client.mutate({ mutation: REPORT_NON_COLLECTION, variables: { entryId: entry.id, reason, note: note.trim() || null } });
      setEditing(false);
      const label = translate(reasonLabelKey(reason));
      notify('resources.collection.collector.saved_notify', { type: 'success', messageArgs: { name, reason: label } });
      // The counters (reasons missing) come from the cycle's summary.
      void client.refetchQueries({ include: ['CollectionCycle'] });
      onSaved?.(reason);
    } catch (e) {
      setProblem(toHttpError(e, locale).message);
    } finally {
      setSaving(null);
    }
  };

  if (!editing && entry.reason) {
    return (
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Alert severity="success" icon={<CheckCircleIcon fontSize="inherit" />} role="status" sx={{ py: 0 }}>
          <strong>{translate('resources.collection.collector.saved', { reason: translate(reasonLabelKey(entry.reason)) })}</strong>
          {entry.reasonNote && <> — {entry.reasonNote}</>}
          <Typography variant="caption" component="div">
            {[
              entry.reasonReportedAt ? translate('resources.collection.collector.saved_at', { at: formatDateTime(entry.reasonReportedAt) }) : null,
              translate(reasonNeedsVisit(entry.reason) ? 'resources.collection.collector.visit' : 'resources.collection.collector.checked_at_office'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </Alert>
        <MuiButton size="small" sx={{ alignSelf: 'flex-start' }} onClick={() => setEditing(true)}>
          {translate('resources.collection.collector.change')}
        </MuiButton>
      </Box>
    );
  }

  return (
    <Box role="group" aria-label={translate('resources.collection.collector.choose', { name })} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="caption" color="text.secondary">
        {translate('resources.collection.collector.choose_hint')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(9.5rem, 1fr))', gap: 1 }}>
        {NON_COLLECTION_REASONS.map((reason) => (
          <MuiButton
            key={reason}
            variant={entry.reason === reason ? 'contained' : 'outlined'}
            disabled={saving !== null}
            onClick={() => save(reason)}
            sx={{ minHeight: 48, justifyContent: 'flex-start', textAlign: 'left', textTransform: 'none', lineHeight: 1.25 }}
          >
            {saving === reason ? translate('resources.collection.collector.saving') : translate(reasonLabelKey(reason))}
          </MuiButton>
        ))}
      </Box>
      {showNote ? (
        <TextField
          id={noteId}
          size="small"
          label={translate('resources.collection.collector.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          slotProps={{ htmlInput: { maxLength: 500, 'aria-label': translate('resources.collection.collector.note_label', { name }) } }}
        />
      ) : (
        <MuiButton size="small" sx={{ alignSelf: 'flex-start' }} onClick={() => setShowNote(true)}>
          {translate('resources.collection.collector.add_note')}
        </MuiButton>
      )}
      {entry.reason && (
        <MuiButton size="small" sx={{ alignSelf: 'flex-start' }} onClick={() => setEditing(false)}>
          {translate('resources.collection.collector.cancel_change')}
        </MuiButton>
      )}
      {problem && (
        <Alert severity="error" role="alert">
          {problem}
        </Alert>
      )}
    </Box>
  );
};
