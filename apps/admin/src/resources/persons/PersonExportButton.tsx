import DownloadIcon from '@mui/icons-material/Download';
import { Menu, MenuItem } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { Button, useListContext, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { downloadWithToken } from '../../components/download';

export type ExportFormat = 'csv' | 'xlsx';

/**
 * The address of the export of a list as it is filtered on screen: the API takes `q` and
 * `withinId` (a hamlet is a unit, so the hamlet filter is its subtree) and `format`.
 */
export function exportUrl(report: 'persons' | 'enrollments', format: ExportFormat, filter: { q?: unknown; hamletId?: unknown }): string {
  const params = new URLSearchParams({ format });
  if (typeof filter.q === 'string' && filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.hamletId) params.set('withinId', String(filter.hamletId));
  return `/api/exports/${report}?${params}`;
}

/**
 * "Tải xuống" on the people list: the people of the user's scope, filtered as on screen, as CSV or
 * Excel (.xlsx), personal numbers masked as the list shows them. The file comes from
 * GET /api/exports/persons with the session token, then is saved under the server's file name.
 */
export const PersonExportButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { filterValues } = useListContext();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (format: ExportFormat) => {
    setAnchor(null);
    setBusy(true);
    try {
      await downloadWithToken(exportUrl('persons', format, filterValues ?? {}), `nguoi-tham-gia.${format}`, locale);
    } catch (e) {
      notify('resources.persons.export.failed', { type: 'error', messageArgs: { error: (e as Error).message } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label="resources.persons.export.button"
        disabled={busy}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e: MouseEvent<HTMLElement>) => setAnchor(e.currentTarget)}
      >
        <DownloadIcon />
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => download('csv')}>{translate('resources.persons.export.csv')}</MenuItem>
        <MenuItem onClick={() => download('xlsx')}>{translate('resources.persons.export.xlsx')}</MenuItem>
      </Menu>
    </>
  );
};
