import EditIcon from '@mui/icons-material/Edit';
import EventIcon from '@mui/icons-material/Event';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { isLocalDate, type LocalDate } from '@bao-phu/domain';
import { useId, useState, type FormEvent } from 'react';
import { useCanAccess, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { formatLocalDate, toLocalDateValue } from '../../components/dates';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { parseTargetText } from '../targets/sheet';
import { useCount } from '../targets/TargetFields';
import { isOpen, weekdayOf, weeklyDates } from './campaign';
import { numeric, T, useCampaignDetail } from './CampaignFields';
import { fieldErrorsOf } from './CampaignMembers';
import { DatesPicker } from './DatesPicker';
import { ADD_SESSIONS } from './queries';
import type { CampaignDetail, CampaignFigures } from './types';

/** A whole number box for a per-session target; empty means none. */
const TargetBox = ({ label, value, onChange, error }: { label: string; value: string; onChange: (v: string) => void; error?: string }) => {
  const translate = useTranslate();
  return (
    <TextField
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ? translate(error, { _: error }) : undefined}
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
      sx={{ width: '14em' }}
    />
  );
};

/** '' → null; a whole number → it; anything else → the reason. */
function targetOf(text: string): { ok: true; value: number | null } | { ok: false; error: string } {
  const parsed = parseTargetText(text);
  return parsed.ok ? parsed : { ok: false, error: `resources.targets.validation.${parsed.error}` };
}

/** Days to add (one by one, or every week until a day) with the targets of each of them. */
const AddSessionsForm = ({ campaign }: { campaign: CampaignDetail }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [mode, setMode] = useState<'DATES' | 'WEEKLY'>('DATES');
  const [dates, setDates] = useState<LocalDate[]>([]);
  const [untilText, setUntilText] = useState('');
  const [vsi, setVsi] = useState('');
  const [hhi, setHhi] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const last = campaign.sessions.map((s) => s.sessionDate).sort().at(-1) ?? campaign.launchDate;
  const until = toLocalDateValue(untilText);
  const weekly = until && isLocalDate(until) ? weeklyDates(last, until) : [];
  const chosen = mode === 'DATES' ? dates : weekly;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const v = targetOf(vsi);
    const h = targetOf(hhi);
    const problems: Record<string, string> = {};
    if (!v.ok) problems.targetNewVoluntarySI = v.error;
    if (!h.ok) problems.targetNewHouseholdHI = h.error;
    if (chosen.length === 0) problems.dates = mode === 'DATES' ? `${T}.create.no_dates` : 'app.validation.date';
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !v.ok || !h.ok) return;
    setBusy(true);
    try {
      await dataProvider.execute(ADD_SESSIONS, { campaignId: String(campaign.id), dates: chosen, targetNewVoluntarySI: v.value, targetNewHouseholdHI: h.value });
      notify(`${T}.sessions.added`, { type: 'success', messageArgs: { smart_count: chosen.length } });
      setDates([]);
      setUntilText('');
      refresh();
    } catch (e) {
      const { fields, message } = fieldErrorsOf(e);
      setErrors(fields);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={translate(`${T}.sessions.add_title`)} sx={{ mt: 3 }}>
      <Typography variant="subtitle1" component="h3">
        {translate(`${T}.sessions.add_title`)}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate(`${T}.sessions.help`)}
      </Typography>
      <RadioGroup row value={mode} onChange={(e) => setMode(e.target.value as 'DATES' | 'WEEKLY')}>
        <FormControlLabel value="DATES" control={<Radio />} label={translate(`${T}.create.repeat.DATES`)} />
        <FormControlLabel value="WEEKLY" control={<Radio />} label={translate(`${T}.sessions.weekly_after`, { date: formatLocalDate(last) })} />
      </RadioGroup>
      {mode === 'DATES' ? (
        <DatesPicker value={dates} onChange={setDates} minDate={campaign.launchDate} error={errors.dates} />
      ) : (
        <Stack spacing={1} sx={{ mb: 2 }}>
          <TextField
            size="small"
            label={translate(`${T}.fields.weeklyUntil`)}
            value={untilText}
            placeholder="DD/MM/YYYY"
            onChange={(e) => setUntilText(e.target.value)}
            error={!!errors.dates}
            helperText={errors.dates ? translate(errors.dates, { _: errors.dates }) : translate('app.date_hint')}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
            sx={{ width: '14em' }}
          />
          {weekly.length > 0 && <Typography variant="body2">{translate(`${T}.create.sessions_preview`, { smart_count: weekly.length, dates: weekly.map(formatLocalDate).join(', ') })}</Typography>}
        </Stack>
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'flex-start' }}>
        <TargetBox label={translate(`${T}.sessions.target_vsi`)} value={vsi} onChange={setVsi} error={errors.targetNewVoluntarySI} />
        <TargetBox label={translate(`${T}.sessions.target_hhi`)} value={hhi} onChange={setHhi} error={errors.targetNewHouseholdHI} />
        <Button type="submit" variant="contained" startIcon={<EventIcon />} disabled={busy} sx={{ alignSelf: { xs: 'flex-start', sm: 'auto' } }}>
          {translate(`${T}.sessions.add`)}
        </Button>
      </Stack>
    </Box>
  );
};

/** The targets of one session day, set again (the API sets them on the day given). */
const EditTargetsDialog = ({ campaign, date, onClose }: { campaign: CampaignDetail; date: LocalDate | null; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const titleId = useId();
  const session = campaign.sessions.find((s) => s.sessionDate === date);
  const [vsi, setVsi] = useState(session?.targetNewVoluntarySI?.toString() ?? '');
  const [hhi, setHhi] = useState(session?.targetNewHouseholdHI?.toString() ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!date) return null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const v = targetOf(vsi);
    const h = targetOf(hhi);
    if (!v.ok || !h.ok) return setErrors({ ...(v.ok ? {} : { vsi: v.error }), ...(h.ok ? {} : { hhi: h.error }) });
    try {
      await dataProvider.execute(ADD_SESSIONS, { campaignId: String(campaign.id), dates: [date], targetNewVoluntarySI: v.value, targetNewHouseholdHI: h.value });
      notify(`${T}.sessions.added`, { type: 'success', messageArgs: { smart_count: 1 } });
      refresh();
      onClose();
    } catch (e) {
      const message = e instanceof Error ? e.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId}>
      <Box component="form" onSubmit={save} noValidate>
        <DialogTitle id={titleId}>{translate(`${T}.sessions.edit_title`, { date: formatLocalDate(date) })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TargetBox label={translate(`${T}.sessions.target_vsi`)} value={vsi} onChange={setVsi} error={errors.vsi} />
            <TargetBox label={translate(`${T}.sessions.target_hhi`)} value={hhi} onChange={setHhi} error={errors.hhi} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained">
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
};

/**
 * "Buổi làm việc": every day the group goes out (the launch day first), its targets, and what it
 * brought (visits, new participants). Days are added, and their targets set, while the campaign
 * is planned or running.
 */
export const CampaignSessions = (_: { label?: false }) => {
  const campaign = useCampaignDetail();
  const translate = useTranslate();
  const count = useCount();
  const { canAccess: mayChange } = useCanAccess({ resource: 'campaigns', action: 'edit' });
  const [editing, setEditing] = useState<LocalDate | null>(null);
  if (!campaign) return null;
  const editable = mayChange && isOpen(campaign.status);
  const results = new Map<string, CampaignFigures>(campaign.results.bySession.map((s) => [s.date, s.figures]));
  const pair = (a: number | null, b: number | null) => `${a === null ? '—' : count(a)} / ${b === null ? '—' : count(b)}`;
  const sessionDates = new Set(campaign.sessions.map((s) => s.sessionDate));
  // Days with visits outside the plan are listed too: their work counts.
  const rows = [...new Set([...sessionDates, ...results.keys()])].sort();
  return (
    <Box>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate(`${T}.sessions.table`)}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${T}.sessions.date`)}</TableCell>
              <TableCell align="right">{translate(`${T}.sessions.targets`)}</TableCell>
              <TableCell align="right">{translate(`${T}.sessions.visits`)}</TableCell>
              <TableCell align="right">{translate(`${T}.sessions.results`)}</TableCell>
              {editable && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((date) => {
              const s = campaign.sessions.find((x) => x.sessionDate === date);
              const r = results.get(date);
              return (
                <TableRow key={date}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate(`${T}.calendar.weekdays.${weekdayOf(date)}`)}, {formatLocalDate(date)}
                    {date === campaign.launchDate && <Chip size="small" color="primary" variant="outlined" label={translate(`${T}.calendar.launch`)} sx={{ ml: 1 }} />}
                    {!s && <Chip size="small" variant="outlined" label={translate(`${T}.sessions.not_session`)} sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell align="right" sx={numeric}>
                    {s ? pair(s.targetNewVoluntarySI, s.targetNewHouseholdHI) : '—'}
                  </TableCell>
                  <TableCell align="right" sx={numeric}>
                    {count(r?.visits ?? 0)}
                  </TableCell>
                  <TableCell align="right" sx={numeric}>
                    {pair(r?.newVoluntarySI ?? 0, r?.newHouseholdHI ?? 0)}
                  </TableCell>
                  {editable && (
                    <TableCell align="right">
                      {s && (
                        <IconButton size="small" aria-label={translate(`${T}.sessions.edit`, { date: formatLocalDate(date) })} onClick={() => setEditing(date)}>
                          <EditIcon fontSize="small" />
                        </IconButton>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {editable && <AddSessionsForm campaign={campaign} />}
      {editing && <EditTargetsDialog key={editing} campaign={campaign} date={editing} onClose={() => setEditing(null)} />}
    </Box>
  );
};
