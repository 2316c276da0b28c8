import type { ComponentType } from 'react';
import type { CustomerObject, RecordRow } from '../record-config';

export interface RecordPanelProps {
  object: CustomerObject;
  id: string;
  /** The record as GET /api/v1/{contacts|accounts}/:id returned it (field security already applied). */
  record: RecordRow;
}

export interface RecordPanel {
  /** Unique key; registering the same key again replaces the earlier panel (hot reload, tests). */
  key: string;
  objects: CustomerObject[];
  /** Lower numbers render first in the side column. */
  order: number;
  /** i18n key of the panel's title, e.g. 'deals.panelTitle'. */
  titleKey: string;
  component: ComponentType<RecordPanelProps>;
  /** The panel draws its own frame and title, and may draw nothing at all (e.g. when it does not apply to the record). */
  frameless?: boolean;
}

const panels = new Map<string, RecordPanel>();

/**
 * Other features add a panel to the 360° page of contacts and/or accounts by calling
 * registerRecordPanel at module load in a file named `*.record-panel.tsx` (or `.ts`) anywhere under
 * apps/web/src/features: the record page loads every such file with import.meta.glob, so no
 * shared file needs editing. Panels fetch their own data through their own API routes; the page
 * only hands them the record.
 */
export function registerRecordPanel(panel: RecordPanel): void {
  panels.set(panel.key, panel);
}

export function listRecordPanels(object: CustomerObject): RecordPanel[] {
  return [...panels.values()].filter((p) => p.objects.includes(object)).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
