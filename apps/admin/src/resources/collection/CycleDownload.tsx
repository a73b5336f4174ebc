import DownloadIcon from '@mui/icons-material/Download';
import MuiButton from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import type { Month } from '@bao-phu/domain';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { TOKEN_STORAGE_KEY } from '../../providers/session';
import { cycleExportName, cycleExportUrl, formatMonth, type CycleExportFormat } from './cycle';
import type { DueListKind } from './types';

/**
 * Fetches a file with the session token (a plain link would carry none) and saves it under the
 * server's file name; a refusal shows the API's message in the user's language.
 */
async function download(url: string, fallbackName: string, locale: string): Promise<void> {
  const token = localStorage.getItem(TOKEN_STORAGE_KEY);
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: { vi: string; en: string } } } | null;
    const message = body?.error?.message;
    throw new Error(message ? (locale === 'en' ? message.en : message.vi) : `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * "Tải danh sách": the list on screen (organization and kind) as Excel or as a PDF to print, from
 * GET /api/exports/collection-cycle.
 */
export const CycleDownload = ({ baseUnitId, month, organizationId, organizationCode, kind }: { baseUnitId: string; month: Month; organizationId: string | null; organizationCode: string | null; kind: DueListKind }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: CycleExportFormat) => {
    setAnchor(null);
    setBusy(true);
    try {
      await download(cycleExportUrl({ baseUnitId, month, organizationId, kind, format }), cycleExportName(month, organizationCode, format), locale);
    } catch (e) {
      notify('resources.collection.cycle.download_failed', { type: 'error', messageArgs: { error: (e as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <MuiButton
        variant="outlined"
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={translate('resources.collection.cycle.download_label', { kind: translate(`resources.collection.kinds.${kind}`).toLocaleLowerCase(locale), month: formatMonth(month) })}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {translate('resources.collection.cycle.download')}
      </MuiButton>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => run('xlsx')}>{translate('resources.collection.cycle.xlsx')}</MenuItem>
        <MenuItem onClick={() => run('pdf')}>{translate('resources.collection.cycle.pdf')}</MenuItem>
      </Menu>
    </>
  );
};
