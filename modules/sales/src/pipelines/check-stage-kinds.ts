import { translate, validationError, type Context } from '@voyage/kernel';
import '../deals/deal-messages';

/** A pipeline keeps at least one open stage, or deals would have nowhere to start. */
export function checkStageKinds(ctx: Pick<Context, 'locale'>, kinds: string[], field: string): void {
  if (!kinds.includes('open')) throw validationError([{ field, code: 'no_open_stage', message: translate(ctx.locale, 'sales.stage_last_open') }]);
}
