import { z } from 'zod';

/** Module switches per workspace (P1). */

const ZLocaleLabels = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });

export const ZModuleState = z.object({
  key: z.string(),
  labels: ZLocaleLabels,
  descriptions: ZLocaleLabels.nullable(),
  dependsOn: z.array(z.string()),
  core: z.boolean(),
  enabled: z.boolean(),
  nav: z.array(z.object({ key: z.string(), path: z.string(), labels: ZLocaleLabels, icon: z.string().nullable() })),
});
export type TModuleState = z.infer<typeof ZModuleState>;

export const ZListModulesResponse = z.object({ data: z.array(ZModuleState) });

export const ZSetModuleRequest = z.object({ enabled: z.boolean() }).strict();
export type TSetModuleRequest = z.infer<typeof ZSetModuleRequest>;

export const ZModuleParams = z.object({ key: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/) }).strict();

export const MODULE_EVENTS = { switched: 'platform.module.switched' } as const;
export const ZModuleSwitchedEvent = z.object({ moduleKey: z.string(), enabled: z.boolean() });
export type TModuleSwitchedEvent = z.infer<typeof ZModuleSwitchedEvent>;
