// The host's answer to the view's last "Copy as code" or "Insert as literal", for the export bar's status line.
// A page has one export bar per view, so one signal serves it (start.tsx sets it when `exportResult` arrives).
import { signal } from '@preact/signals';

/** What the host did with the last export request, or why it could not. */
export const exportStatus = signal<{ ok: boolean; text: string } | undefined>(undefined);
