import { registerErrorCodes, registerMessages } from '@voyage/kernel';

/** Error codes of the forecast. */
export const FORECAST_ERRORS = {
  amountHidden: 'sales.forecast_amount_hidden',
  badRange: 'sales.forecast_bad_range',
} as const;

registerErrorCodes({ [FORECAST_ERRORS.amountHidden]: 403, [FORECAST_ERRORS.badRange]: 400 });

registerMessages({
  en: {
    'sales.forecast_amount_hidden': 'Your role cannot see deal amounts, so the forecast is not available to you',
    'sales.forecast_bad_range': '{field} must not be before from, and the range may span at most 36 months',
    'sales.forecast.no_owner': 'No owner',
    'sales.forecast.no_team': 'No team',
    'sales.forecast.no_product': 'No product',
    'sales.forecast.no_product_line': 'No product line',
    'sales.forecast.need_quarters': 'Too little history: {have} quarter(s) of won deals, a forecast needs {need}',
    'sales.forecast.need_quarters_seasonal': 'Trend only: {have} quarters of history; seasonality needs {need}',
    'sales.forecast.need_closed_deals': 'Too little history: {have} closed deal(s) ({won} won, {lost} lost); the model needs {need}, with at least {perClass} of each',
  },
  'zh-CN': {
    'sales.forecast_amount_hidden': '您的角色无权查看商机金额，因此无法使用销售预测',
    'sales.forecast_bad_range': '{field} 不能早于开始日期，且范围最多 36 个月',
    'sales.forecast.no_owner': '无负责人',
    'sales.forecast.no_team': '无部门',
    'sales.forecast.no_product': '无产品',
    'sales.forecast.no_product_line': '无产品线',
    'sales.forecast.need_quarters': '历史数据不足：赢单历史只有 {have} 个季度，预测至少需要 {need} 个季度',
    'sales.forecast.need_quarters_seasonal': '仅按趋势预测：历史 {have} 个季度，季节性需要 {need} 个季度',
    'sales.forecast.need_closed_deals': '历史数据不足：已关闭商机 {have} 个（赢单 {won}，输单 {lost}），模型需要 {need} 个，且赢单和输单各至少 {perClass} 个',
  },
  'zh-TW': {
    'sales.forecast_amount_hidden': '您的角色無權查看商機金額，因此無法使用銷售預測',
    'sales.forecast_bad_range': '{field} 不能早於開始日期，且範圍最多 36 個月',
    'sales.forecast.no_owner': '無負責人',
    'sales.forecast.no_team': '無部門',
    'sales.forecast.no_product': '無產品',
    'sales.forecast.no_product_line': '無產品線',
    'sales.forecast.need_quarters': '歷史資料不足：贏單歷史只有 {have} 個季度，預測至少需要 {need} 個季度',
    'sales.forecast.need_quarters_seasonal': '僅按趨勢預測：歷史 {have} 個季度，季節性需要 {need} 個季度',
    'sales.forecast.need_closed_deals': '歷史資料不足：已關閉商機 {have} 個（贏單 {won}，輸單 {lost}），模型需要 {need} 個，且贏單和輸單各至少 {perClass} 個',
  },
});
