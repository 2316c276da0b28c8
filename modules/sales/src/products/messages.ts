import { registerMessages } from '@voyage/kernel';

registerMessages({
  en: {
    'sales.sku_exists': 'A product with SKU "{sku}" already exists.',
    'sales.bundle_contains_itself': '{field}: a bundle cannot contain itself.',
    'sales.bundle_contains_bundle': '{field}: a bundle cannot contain another bundle ({sku}).',
    'sales.bundle_items_not_bundle': '{field}: only a bundle has items.',
    'sales.bundle_item_unknown': '{field}: no such product.',
    'sales.price_book_currency': '{field}: the price book is in {bookCurrency}, the deal in {dealCurrency}.',
    'sales.line_needs_product': '{field}: a line needs a product or a description.',
    'sales.line_no_price': '{field}: no list price for this product in the price book; enter a unit price.',
    'sales.product_in_use': 'The product is part of the bundle {name}; remove it from the bundle first.',
  },
  'zh-CN': {
    'sales.sku_exists': '已存在 SKU 为“{sku}”的产品。',
    'sales.bundle_contains_itself': '{field}：组合产品不能包含它自己。',
    'sales.bundle_contains_bundle': '{field}：组合产品不能包含另一个组合产品（{sku}）。',
    'sales.bundle_items_not_bundle': '{field}：只有组合产品才有子项。',
    'sales.bundle_item_unknown': '{field}：产品不存在。',
    'sales.price_book_currency': '{field}：价格表币种为 {bookCurrency}，商机币种为 {dealCurrency}。',
    'sales.line_needs_product': '{field}：明细行需要产品或描述。',
    'sales.line_no_price': '{field}：价格表中没有该产品的标准价，请填写单价。',
    'sales.product_in_use': '该产品属于组合产品“{name}”，请先从组合中移除。',
  },
  'zh-TW': {
    'sales.sku_exists': '已存在 SKU 為「{sku}」的產品。',
    'sales.bundle_contains_itself': '{field}：組合產品不能包含它自己。',
    'sales.bundle_contains_bundle': '{field}：組合產品不能包含另一個組合產品（{sku}）。',
    'sales.bundle_items_not_bundle': '{field}：只有組合產品才有子項。',
    'sales.bundle_item_unknown': '{field}：產品不存在。',
    'sales.price_book_currency': '{field}：價格表幣別為 {bookCurrency}，商機幣別為 {dealCurrency}。',
    'sales.line_needs_product': '{field}：明細行需要產品或描述。',
    'sales.line_no_price': '{field}：價格表中沒有此產品的標準價，請填寫單價。',
    'sales.product_in_use': '此產品屬於組合產品「{name}」，請先從組合中移除。',
  },
});
