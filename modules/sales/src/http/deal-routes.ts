import '../deals/deal-messages';

export { registerDealRoutes } from './deals.routes';
export { registerPipelineRoutes } from './pipelines.routes';
export { dealMergeSubscriber } from '../deals/deal-merge-subscriber';
export { dealActivitySubscriber } from '../deals/deal-activity-subscriber';
