import { registerErrorCodes, registerMessages } from '@voyage/kernel';

export const TEMPLATE_ERRORS = { installed: 'automation.template.installed' } as const;

registerErrorCodes({ [TEMPLATE_ERRORS.installed]: 409 });
registerMessages({
  en: { 'errors.automation.template.installed': 'The template "{name}" is already installed: open its workflow, or trash it to install again.' },
  'zh-CN': { 'errors.automation.template.installed': '模板“{name}”已安装：请打开其工作流，或将其移入回收站后重新安装。' },
  'zh-TW': { 'errors.automation.template.installed': '範本「{name}」已安裝：請開啟其工作流程，或將其移到資源回收筒後重新安裝。' },
});
