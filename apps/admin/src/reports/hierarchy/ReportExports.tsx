import type { LocalDate, Scheme } from '@bao-phu/domain';
import DownloadIcon from '@mui/icons-material/Download';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { downloadWithToken } from '../../components/download';
import { DateBox } from '../achievement/AchievementBoard';
import { hierarchyReportUrl, reportFileName, reportTrendUrl, unitReportUrl, type TableFormat } from './exports';
import { isValidPeriod, trendRange, writtenReportPeriod } from './params';

const T = 'resources.reports.exports';

/**
 * "Tải xuống": the table on screen as Excel or CSV, the 12 months of the chart as Excel, and the
 * written report of a chosen period as a PDF (GET /api/exports/…, with the session token).
 */
export const ReportExports = ({ unit, scheme, asOf, restated, today }: { unit: { id: string; code: string; name: string; closed: boolean }; scheme: Scheme; asOf: LocalDate; restated: boolean; today: LocalDate }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [pdfOpen, setPdfOpen] = useState(false);
  const run = async (url: string, name: string) => {
    setAnchor(null);
    setBusy(true);
    try {
      await downloadWithToken(url, name, locale);
      return true;
    } catch (e) {
      notify(`${T}.failed`, { type: 'error', messageArgs: { error: (e as Error).message } });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const table = (format: TableFormat) => run(hierarchyReportUrl({ unitId: unit.id, scheme, asOf, restated, format }), reportFileName('bao-cao', unit.code, scheme, asOf, format));
  const trend = () => {
    const range = trendRange(asOf);
    return run(reportTrendUrl({ unitId: unit.id, scheme, ...range, format: 'xlsx' }), reportFileName('dien-bien', unit.code, scheme, `${range.from}-${range.to}`, 'xlsx'));
  };
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {translate(`${T}.label`)}
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => table('xlsx')}>{translate(`${T}.xlsx`)}</MenuItem>
        <MenuItem onClick={() => table('csv')}>{translate(`${T}.csv`)}</MenuItem>
        {/* Monthly series and written reports are of open units in today's tree. */}
        {!unit.closed && <MenuItem onClick={trend}>{translate(`${T}.trend_xlsx`)}</MenuItem>}
        {!unit.closed && (
          <MenuItem
            onClick={() => {
              setAnchor(null);
              setPdfOpen(true);
            }}
          >
            {translate(`${T}.pdf`)}
          </MenuItem>
        )}
      </Menu>
      {pdfOpen && (
        <WrittenReportDialog
          name={unit.name}
          scheme={scheme}
          asOf={asOf}
          today={today}
          busy={busy}
          onClose={() => setPdfOpen(false)}
          onDownload={async (from, to) => {
            if (await run(unitReportUrl({ unitId: unit.id, scheme, from, to }), reportFileName('bao-cao-van-ban', unit.code, scheme, `${from}-${to}`, 'pdf'))) setPdfOpen(false);
          }}
        />
      )}
    </>
  );
};

/** The period of the written report: 1 January to the report's date by default. */
const WrittenReportDialog = ({
  name,
  scheme,
  asOf,
  today,
  busy,
  onClose,
  onDownload,
}: {
  name: string;
  scheme: Scheme;
  asOf: LocalDate;
  today: LocalDate;
  busy: boolean;
  onClose: () => void;
  onDownload: (from: LocalDate, to: LocalDate) => void;
}) => {
  const translate = useTranslate();
  const [period, setPeriod] = useState<{ from: LocalDate | null; to: LocalDate | null }>(() => writtenReportPeriod(asOf));
  const valid = isValidPeriod(period.from, period.to, today);
  return (
    <Dialog open onClose={onClose} aria-labelledby="written-report-title">
      <DialogTitle id="written-report-title">{translate(`${T}.pdf_title`, { name })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {translate(`${T}.pdf_help`, { name, scheme: translate(`app.schemes.${scheme}`) })}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
          <DateBox label={translate(`${T}.from`)} value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
          <DateBox label={translate(`${T}.to`)} value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
        </Stack>
        {!valid && (
          <Typography variant="caption" color="error" role="alert">
            {translate(`${T}.bad_period`)}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" startIcon={<DownloadIcon />} disabled={!valid || busy} onClick={() => valid && onDownload(period.from!, period.to!)}>
          {translate(`${T}.download`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
