import { useApolloClient } from '@apollo/client/react';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { importKindsFor, type Permissions } from '../providers/permissions';
import { IMPORT_JOB, IMPORT_KINDS, isFinished, uploadImport, type ImportJob, type ImportKind } from './importJob';

/**
 * "Nhập dữ liệu": choose what the file holds, a CSV or XLSX file, a dry run or not, all-or-nothing or keep
 * the valid rows; a progress bar while the server reads it; then the counts and a table of the
 * rejected rows with their line numbers.
 */
export const ImportPage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const client = useApolloClient();
  const { permissions } = usePermissions<Permissions>();
  // Only the kinds the user may import (planners: targets and statistics, not the register).
  const kinds = IMPORT_KINDS.filter((k) => importKindsFor(permissions).includes(k.kind));
  const [chosen, setKind] = useState<ImportKind | null>(null);
  const kind = chosen && kinds.some((k) => k.kind === chosen) ? chosen : (kinds[0]?.kind ?? 'persons');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [keepValid, setKeepValid] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!importId) return;
    let stop = false;
    const poll = async () => {
      while (!stop) {
        const { data } = await client.query<{ importJob: ImportJob | null }>({ query: IMPORT_JOB, variables: { id: importId }, fetchPolicy: 'network-only' });
        if (stop) return;
        setJob(data?.importJob ?? null);
        if (!data?.importJob || isFinished(data.importJob)) return setBusy(false);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    poll().catch((e: Error) => {
      setError(e.message);
      setBusy(false);
    });
    return () => {
      stop = true;
    };
  }, [importId, client]);

  const start = async () => {
    if (!file) return;
    setError(null);
    setJob(null);
    setBusy(true);
    try {
      setImportId(await uploadImport(kind, file, { dryRun, keepValid }, locale));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  const columns = IMPORT_KINDS.find((k) => k.kind === kind)!.columns;
  const help = translate(`app.imports.help.${kind}`, { _: '' });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.imports.title" />
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 960 }}>
        <TextField select label={translate('app.imports.kind')} value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} sx={{ maxWidth: 360 }}>
          {kinds.map((k) => (
            <MenuItem key={k.kind} value={k.kind}>
              {translate(`app.imports.kinds.${k.kind}`)}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary">
          {translate('app.imports.columns')}: <code>{columns}</code>
        </Typography>
        {help && (
          <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-line' }}>
            {help}
          </Typography>
        )}
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
            {translate('app.imports.choose')}
            <input hidden type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label={translate('app.imports.choose')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Button>
          <Typography variant="body2">{file ? file.name : translate('app.imports.noFile')}</Typography>
        </Box>
        <FormControlLabel control={<Switch checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />} label={translate('app.imports.dryRun')} />
        <FormControlLabel control={<Switch checked={keepValid} onChange={(e) => setKeepValid(e.target.checked)} />} label={translate('app.imports.keepValid')} />
        <Box>
          <Button variant="contained" disabled={!file || busy} onClick={start}>
            {translate(dryRun ? 'app.imports.check' : 'app.imports.start')}
          </Button>
        </Box>
        {error && <Alert severity="error">{error}</Alert>}
        {busy && (
          <Box>
            <LinearProgress />
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('app.imports.reading', { rows: job?.totalRows ?? 0 })}
            </Typography>
          </Box>
        )}
        {job && isFinished(job) && (
          <Alert severity={job.status === 'SUCCEEDED' ? (job.rejectedRows ? 'warning' : 'success') : 'error'}>
            {translate(`app.imports.result.${job.status}${job.dryRun ? '_dry' : ''}`, {
              total: job.totalRows,
              accepted: job.acceptedRows,
              rejected: job.rejectedRows,
              imported: job.importedRows,
            })}
          </Alert>
        )}
        {job && job.errors.length > 0 && (
          <Table size="small" aria-label={translate('app.imports.errors')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.imports.line')}</TableCell>
                <TableCell>{translate('app.imports.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {job.errors.map((e, i) => (
                <TableRow key={`${e.line}-${i}`}>
                  <TableCell>{e.line === 0 ? translate('app.imports.file') : e.line}</TableCell>
                  <TableCell>{locale === 'en' ? e.messageEn : e.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};
