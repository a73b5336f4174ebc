import DownloadIcon from '@mui/icons-material/Download';
import { Menu, MenuItem } from '@mui/material';
import { useState, type MouseEvent } from 'react';
import { Button, useListContext, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { TOKEN_STORAGE_KEY } from '../../providers/session';

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
      const token = localStorage.getItem(TOKEN_STORAGE_KEY);
      const res = await fetch(exportUrl('persons', format, filterValues ?? {}), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: { vi: string; en: string } } } | null;
        const message = body?.error?.message;
        throw new Error(message ? (locale === 'en' ? message.en : message.vi) : `HTTP ${res.status}`);
      }
      const blob = await res.blob();
      const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `nguoi-tham-gia.${format}`;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
