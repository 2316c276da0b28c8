import { WORKFLOW_TRIGGER_KINDS, type TWorkflowCatalog } from '@voyage/contracts';
import { workflowActions, workflowEvents, workflowRecordSources, type Context, type Labels } from '@voyage/kernel';
import { loadObjectFields } from './record-fields';

/** What the designer builds its palettes and forms from: record kinds with their fields (custom ones too), actions and events, in the reader's language. */
export async function getWorkflowCatalog(ctx: Context): Promise<TWorkflowCatalog> {
  const label = (labels: Labels) => labels[ctx.locale] ?? labels.en;
  const options = (list?: Array<{ value: string; labels: Labels }>) => (list ? list.map((o) => ({ value: o.value, label: label(o.labels) })) : null);
  const objects = await Promise.all(
    workflowRecordSources().map(async (source) => {
      const loaded = await loadObjectFields(ctx.db, ctx.workspaceId, source.object);
      const fields = [...(loaded?.fields.values() ?? [])];
      const customDates = (loaded?.defs ?? []).filter((d) => d.type === 'date' || d.type === 'datetime').map((d) => `custom.${d.key}`);
      return {
        key: source.object,
        label: label(source.labels),
        module: source.module,
        fields: fields.map((f) => ({ key: f.key, label: label(f.labels), kind: f.kind, writable: f.writable ?? false, object: f.object ?? null, options: options(f.options) })),
        dateFields: [...Object.keys(source.dateFields ?? {}), ...customDates],
        canCreate: Boolean(source.create),
        canUpdate: Boolean(source.update),
      };
    }),
  );
  return {
    objects,
    actions: workflowActions().map((a) => ({
      key: a.key,
      module: a.module,
      label: label(a.labels),
      description: a.descriptions ? label(a.descriptions) : null,
      objects: a.objects ?? null,
      fields: a.fields.map((f) => ({ key: f.key, label: label(f.labels), kind: f.kind, required: f.required ?? false, merge: f.merge ?? false, options: options(f.options), help: f.help ? label(f.help) : null })),
    })),
    events: workflowEvents().map((e) => ({ event: e.event, label: label(e.labels), object: e.object ?? null })),
    triggerKinds: [...WORKFLOW_TRIGGER_KINDS],
  };
}
