import { useQuery } from '@apollo/client/react';
import { todayInVietnam, type LocalDate } from '@bao-phu/domain';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import PrintIcon from '@mui/icons-material/Print';
import SaveIcon from '@mui/icons-material/Save';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import GlobalStyles from '@mui/material/GlobalStyles';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useCanAccess, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { copyText } from '../../components/clipboard';
import { formatDateTime, formatLocalDate } from '../../components/dates';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { toHttpError } from '../../providers/graphqlErrors';
import { cleanRecipients, defaultReportDate, splitReport, suggestedRecipients, weekdayOf } from './campaign';
import { T, useCampaignDetail } from './CampaignFields';
import { fieldErrorsOf } from './CampaignMembers';
import { DAY_REPORT, SAVE_DAY_REPORT } from './queries';
import type { CampaignDayReport, CampaignDetail } from './types';

const PRINT_CLASS = 'bp-print-report';

/**
 * Only the report is printed: everything else on the page (the app, dialogs, notifications) is a
 * sibling of the report's block under <body> and is hidden for print; the block itself is hidden
 * on screen. A4 with the margins and the serif type of Vietnamese administrative documents.
 */
const printStyles = (
  <GlobalStyles
    styles={{
      [`.${PRINT_CLASS}`]: { display: 'none' },
      '@media print': {
        '@page': { size: 'A4', margin: '20mm 20mm 20mm 25mm' },
        [`body > *:not(.${PRINT_CLASS})`]: { display: 'none !important' },
        [`.${PRINT_CLASS}`]: { display: 'block !important' },
        body: { background: '#fff' },
      },
    }}
  />
);

/** The report as it is printed or saved as PDF: heading, title, the text, the recipients, the leader's signature. */
const PrintedReport = ({ campaign, report }: { campaign: CampaignDetail; report: CampaignDayReport }) => {
  const translate = useTranslate();
  const { title, body } = splitReport(report.text);
  const leader = campaign.members.find((m) => m.role === 'LEADER');
  return createPortal(
    <div className={PRINT_CLASS} lang="vi" style={{ fontFamily: '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif', fontSize: '13pt', lineHeight: 1.5, color: '#000' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: '2em', marginBottom: '1.5em' }}>
        <div style={{ textAlign: 'center' }}>
          <div>{(campaign.commune.parent?.name ?? '').toLocaleUpperCase('vi')}</div>
          <div style={{ fontWeight: 700 }}>{translate(`${T}.report.print_group`, { name: campaign.name }).toLocaleUpperCase('vi')}</div>
        </div>
        <div style={{ textAlign: 'center', fontStyle: 'italic', whiteSpace: 'nowrap' }}>
          {translate(`${T}.report.print_place`, { commune: campaign.commune.name, day: report.date.slice(8, 10), month: report.date.slice(5, 7), year: report.date.slice(0, 4) })}
        </div>
      </div>
      <h1 style={{ textAlign: 'center', fontSize: '14pt', margin: '0 0 1em' }}>{title}</h1>
      <div style={{ whiteSpace: 'pre-wrap', textAlign: 'justify' }}>{body}</div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: '2em', marginTop: '2em', breakInside: 'avoid' }}>
        <div style={{ fontSize: '11pt' }}>
          <div style={{ fontWeight: 700, fontStyle: 'italic' }}>{translate(`${T}.report.to`)}</div>
          {report.recipients.map((r) => (
            <div key={r}>- {r};</div>
          ))}
          <div>- {translate(`${T}.report.print_archive`)}</div>
        </div>
        <div style={{ textAlign: 'center', minWidth: '14em' }}>
          <div style={{ fontWeight: 700 }}>{translate(`${T}.report.signature`)}</div>
          <div style={{ height: '5em' }} />
          <div style={{ fontWeight: 700 }}>{leader?.name ?? ''}</div>
        </div>
      </div>
    </div>,
    document.body,
  );
};

/** Lessons and recipients of one day, saved with the API; the text is read again from it. */
const ReportEditor = ({ campaign, report, onSaved }: { campaign: CampaignDetail; report: CampaignDayReport; onSaved: (r: CampaignDayReport) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { canAccess: maySave } = useCanAccess({ resource: 'campaigns', action: 'saveDayReport' });
  const [lessons, setLessons] = useState(report.lessons ?? '');
  const [recipients, setRecipients] = useState<string[]>(report.recipients.length > 0 ? report.recipients : suggestedRecipients(campaign.commune.name));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The suggested recipients of a report never saved are not a change the user made.
  const [touched, setTouched] = useState(false);
  const future = report.date > todayInVietnam();
  const dirty = touched && ((lessons.trim() || null) !== (report.lessons?.trim() || null) || JSON.stringify(cleanRecipients(recipients)) !== JSON.stringify(report.recipients));
  const suggestions = suggestedRecipients(campaign.commune.name, campaign.commune.parent?.name).filter((s) => !recipients.includes(s));

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const { saveCampaignDayReport } = await dataProvider.execute(SAVE_DAY_REPORT, {
        campaignId: String(campaign.id),
        date: report.date,
        lessons: lessons.trim() || null,
        recipients: cleanRecipients(recipients),
      });
      onSaved(saveCampaignDayReport);
      notify(`${T}.report.saved`, { type: 'success', messageArgs: { date: formatLocalDate(report.date) } });
    } catch (e) {
      const { fields, message } = fieldErrorsOf(e);
      setErrors(fields);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  if (!maySave) return null;
  return (
    <Stack spacing={2} component="section" aria-label={translate(`${T}.report.edit`)}>
      <TextField
        label={translate(`${T}.report.lessons`)}
        value={lessons}
        onChange={(e) => {
          setLessons(e.target.value);
          setTouched(true);
        }}
        multiline
        minRows={3}
        fullWidth
        error={!!errors.lessons}
        helperText={errors.lessons ?? translate(`${T}.report.lessons_help`)}
        slotProps={{ htmlInput: { maxLength: 4000 } }}
      />
      <Autocomplete<string, true, false, true>
        multiple
        freeSolo
        options={suggestions}
        value={recipients}
        onChange={(_, v) => {
          setRecipients(cleanRecipients(v));
          setTouched(true);
        }}
        renderValue={(value, getItemProps) => value.map((r, index) => <Chip size="small" label={r} {...getItemProps({ index })} key={r} />)}
        renderInput={(params) => <TextField {...params} label={translate(`${T}.report.recipients`)} helperText={errors.recipients ?? translate(`${T}.report.recipients_help`)} error={!!errors.recipients} />}
      />
      {future && <Alert severity="info">{translate(`${T}.report.future`)}</Alert>}
      {dirty && !future && <Alert severity="warning">{translate(`${T}.report.unsaved`)}</Alert>}
      <Stack direction="row">
        <Button variant="contained" startIcon={<SaveIcon />} onClick={save} disabled={busy || future}>
          {translate(`${T}.report.save`)}
        </Button>
      </Stack>
    </Stack>
  );
};

/**
 * "Báo cáo ngày": the end-of-day report of a session day for the commune's Party Committee and
 * People's Committee, as the API writes it in Vietnamese (the day's figures against its targets,
 * the total since the launch, the leader's lessons). The leader adds lessons and recipients; the
 * text is copied for the Zalo group or printed (or saved as PDF from the print dialog).
 */
export const DayReport = (_: { label?: false }) => {
  const campaign = useCampaignDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const today = todayInVietnam();
  const days = campaign ? [...new Set([...campaign.sessions.map((s) => s.sessionDate), ...campaign.results.bySession.map((s) => s.date)])].sort() : [];
  const [date, setDate] = useState<LocalDate | null>(null);
  const chosen = date ?? (campaign ? defaultReportDate(days, today, campaign.launchDate) : null);
  const { data, loading, error, client } = useQuery(DAY_REPORT, { variables: { campaignId: String(campaign?.id ?? ''), date: chosen ?? '' }, skip: !campaign || !chosen, fetchPolicy: 'network-only' });
  const [saved, setSaved] = useState<CampaignDayReport | null>(null);
  useEffect(() => setSaved(null), [chosen, data]);
  if (!campaign || !chosen) return null;
  const report = saved ?? data?.campaignDayReport ?? null;

  const copy = async () => {
    if (!report) return;
    const ok = await copyText(report.text);
    notify(ok ? `${T}.report.copied` : `${T}.report.copy_failed`, { type: ok ? 'success' : 'warning' });
  };

  return (
    <Stack spacing={2}>
      {printStyles}
      <TextField
        select
        size="small"
        label={translate(`${T}.report.date`)}
        value={chosen}
        onChange={(e) => setDate(e.target.value)}
        sx={{ maxWidth: '22em' }}
        fullWidth
      >
        {days.map((d) => (
          <MenuItem key={d} value={d}>
            {translate(`${T}.calendar.weekdays.${weekdayOf(d)}`)}, {formatLocalDate(d)}
            {d === campaign.launchDate ? ` — ${translate(`${T}.calendar.launch`)}` : ''}
            {d > today ? ` — ${translate(`${T}.report.upcoming`)}` : ''}
          </MenuItem>
        ))}
      </TextField>
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {report && (
        <>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy}>
              {translate(`${T}.report.copy`)}
            </Button>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => window.print()}>
              {translate(`${T}.report.print`)}
            </Button>
          </Stack>
          <Paper variant="outlined" component="section" aria-label={translate(`${T}.report.text_label`)} sx={{ p: 2, bgcolor: 'grey.50' }}>
            <Typography component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', fontSize: '0.9375rem', m: 0 }}>
              {report.text}
            </Typography>
            {report.sentAt && (
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                {translate(`${T}.report.sent`, { at: formatDateTime(report.sentAt), recipients: report.recipients.join('; ') })}
              </Typography>
            )}
          </Paper>
          <ReportEditor
            key={`${report.date}-${report.sentAt ?? ''}`}
            campaign={campaign}
            report={report}
            onSaved={(r) => {
              setSaved(r);
              client.writeQuery({ query: DAY_REPORT, variables: { campaignId: String(campaign.id), date: r.date }, data: { campaignDayReport: r } });
            }}
          />
          <PrintedReport campaign={campaign} report={report} />
        </>
      )}
    </Stack>
  );
};
