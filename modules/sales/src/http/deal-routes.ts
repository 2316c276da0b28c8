import '../deals/deal-messages';

export { registerDealRoutes } from './deals.routes';
export { registerPipelineRoutes } from './pipelines.routes';
