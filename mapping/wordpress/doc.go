// Package wordpress maps WooCommerce orders and refunds into kopeck's
// canonical order (receipt.Order). Its input is the WooCommerce REST API v3
// order document (GET /wp-json/wc/v3/orders/<id>; webhooks send the same
// document; a {"data": …} wrapper, as some captures have, is accepted and
// problem paths stay "order.…") and, for a refund, one refund document (GET
// /wp-json/wc/v3/orders/<id>/refunds/<refund_id>). The rules below decide
// where WooCommerce's documents leave a choice; each is tested.
//
// # Settings (settings.woocommerce)
//
//	{"payment_types":{"cod":"cash","bacs":"electronic"},  // gateway id → payment type
//	 "vat_from_taxes":true,                                // goods VAT from WooCommerce tax rates
//	 "fees":{"vat":"vat20","subject":"service"},           // for positive fee lines
//	 "currency_as_rub":false}                              // test data only
//
// Unknown members are warnings (unknown_field); wrong values are errors at
// their path ("settings.woocommerce.payment_types.cod").
//
// # Amounts
//
// WooCommerce writes money as decimal strings, not always rounded ("0.9",
// "81.810000", "44.925"; the taxes[] entries carry six decimals). Rules:
//
//   - A line's gross amount is total + total_tax, and its amount before
//     discounts subtotal + subtotal_tax, each summed exactly in decimal and
//     then rounded half up to the kopeck once, with the warning wc_rounded
//     at the line's ".total" (".subtotal") when that rounding changed
//     anything. Fields are never rounded one by one: total 0.335 + total_tax
//     0.335 = 0.67, where rounding each first would give 0.34 + 0.34 = 0.68;
//     81.810000 + 8.181000 = 89.991 → 89.99 (one warning).
//   - What the customer paid is never rounded: order.total, refund.amount and
//     gift card amounts with more than two decimals are the error
//     too_many_decimals, as everywhere in kopeck.
//   - line_items[].price (a float such as 17.647059) and taxes[] amounts are
//     never read for money.
//   - prices_include_tax changes nothing: WooCommerce always stores net
//     amounts in total/subtotal and the tax beside them, and a Russian
//     receipt shows prices with VAT, so the gross is total + total_tax
//     either way.
//   - Decimals with an exponent outside 10^-40..10^20 are not_a_number
//     (they would make exact arithmetic explode); quantities have at most
//     three decimals.
//
// # Goods lines (line_items)
//
// A line of quantity q becomes one receipt.Item with Quantity q, Total =
// gross, and Price = the unit price before discounts: (subtotal +
// subtotal_tax) / q rounded half up to the kopeck. When that rounding
// leaves Amount(Price, q) below the gross (before not divisible by q and no
// discount, or a line total above its subtotal because of tax rounding),
// Price is raised to the smallest price whose amount reaches the gross:
// the core refuses a line total above price × quantity, and the extra
// kopecks only show as a discount on the receipt. The core's reconciliation
// then splits lines whose total is not divisible by the quantity, so every
// kopeck stays exact.
//
// Coupons are already inside the line totals: WooCommerce lowers total and
// total_tax of each line, and a fixed_cart coupon gives the last kopecks of
// its remainder one per unit, so line totals are often not divisible by the
// quantity. coupon_lines are therefore information only and never
// subtracted again. Worked example (testdata/woocommerce/rub-fixed-cart.json):
//
//	line_items[0]: quantity 3, subtotal 999.99, total 933.32 (coupon share 66.67)
//	line_items[1]: quantity 1, subtotal 500.00, total 466.67 (coupon share 33.33)
//	shipping 300.00, coupon "minus100" fixed_cart 100.00, total 1699.99
//
//	→ Item{Price 333.33, Quantity 3, Total 933.32}, Item{Price 500.00, Total
//	  466.67}, shipping 300.00, Paid 1699.99. Reconcile: 933.32 / 3 is no
//	  kopeck price, so the line becomes 1 × 311.10 + 2 × 311.11.
//
// A whole quantity without a discount: 2 units, subtotal 6.00 + tax 0.45 =
// 6.45 → Price 3.23 (3.225 half up), Total 6.45; Amount(3.23, 2) = 6.46 ≥
// 6.45, so the price stands and reconciliation splits 3.22 + 3.23.
//
// A fractional quantity (goods sold by weight): 0.75 kg for 262.43 → Price
// 349.91 (349.9067 half up); Amount(349.91, 0.75) = 262.4325 → 262.43.
//
// # VAT
//
// With vat_from_taxes (the default) a goods line's VAT comes from its tax
// rate: taxes[].id → tax_lines[].rate_id → rate_percent 0, 5, 7, 10, 20, 22
// → vat0, vat5, vat7, vat10, vat20, vat22. Any other percentage is the
// error wc_vat_rate at tax_lines[i].rate_percent (a sales tax is no VAT:
// switch vat_from_taxes off, or set _kopeck_vat on the line); several
// different rates on one line are wc_vat_ambiguous. A tax id missing from
// tax_lines, or a tax line without rate_percent (WooCommerce before 3.7), is
// the warning wc_vat_unknown, and the line keeps an empty VAT: the core then
// applies settings.defaults.vat. A line without taxes also keeps an empty
// VAT (untaxed products, shops without VAT).
//
// The calculated rates (vat105, vat107, vat110, vat120, vat122) are what
// 54-FZ prescribes for advance payments, not for prices that include tax:
// a rate taken from WooCommerce becomes calculated when the line's payment
// method (its _kopeck_payment_method, else settings.defaults.payment_method)
// is full_prepayment, prepayment or advance. vat0 stays vat0. A _kopeck_vat
// is taken exactly as given.
//
// Shipping and fee lines do not take VAT from WooCommerce taxes (shipping
// taxes are often "inherited" from the cart): shipping keeps an empty VAT
// and subject, so the core applies settings.defaults.shipping; fees take
// settings.woocommerce.fees, else the defaults.
//
// # Per-line overrides (meta_data)
//
// A line's meta_data entries with these keys override what kopeck takes:
//
//	_kopeck_vat               a VAT name ("vat20", "none", "vat120", …)
//	_kopeck_subject           a subject name ("commodity", "service", "excise", …)
//	_kopeck_payment_method    a payment method ("full_payment", "full_prepayment", …)
//	_kopeck_marking_code      the marking code as scanned
//	_kopeck_nomenclature_code the nomenclature code (tag 1162)
//
// They apply to line_items, shipping_lines and fee_lines. A blank value is
// "not set"; a value outside its list is unknown_value at the entry's value
// ("order.line_items[2].meta_data[1].value"); an unknown _kopeck_ key is a
// warning. A refund line's own meta wins over its order line's.
//
// # Shipping, fees, gift cards
//
//   - Every shipping_lines entry is a shipping line (quantity 1, price =
//     total + total_tax, name = method_title, "Доставка" when empty); free
//     shipping (0.00) is left out.
//   - A positive fee_lines entry is a fee line (quantity 1, total +
//     total_tax). A negative one is an order-level discount
//     (receipt.Discount) that the core spreads over the goods lines. Worked
//     example (rub-fees-shipping.json): goods 2500.00 and 490.00, fee 150.00,
//     fee −200.00, shipping 350.00 + 0.00 + 199.90, total 3489.90 →
//     discount 200.00 spread 167.22 + 32.78: lines 2 × 1166.39 and 457.22.
//   - gift_cards (the WooCommerce Gift Cards extension: a top-level array of
//     {code, amount}) lower total without a line: the customer paid that part
//     earlier, when buying the card. They are the prepaid payment
//     (receipt.Prepaid), never a discount. Other extensions that lower total
//     without a line are not known; their orders end in total_mismatch.
//
// # Paid amount and payments
//
// Paid = total + gift cards: the core compares it with the lines and stops
// with total_mismatch (naming both sums) beyond settings.tolerance. The
// payment type is settings.woocommerce.payment_types[payment_method], else
// electronic. Cash on delivery is not assumed to be cash (a courier may take
// a card): "cod" without an entry gives the warning wc_payment_type_default.
// Payments: gift cards as prepaid, the rest (total) by that type.
//
// # Order fields
//
//   - ID is number (sequential-number plugins change it), else id.
//   - currency must be RUB (case-insensitive): anything else is the error
//     currency at "order.currency", unless currency_as_rub is on: then it is
//     taken as rubles with the warning wc_currency_as_rub on every call.
//     That switch exists for the shared sample documents (USD) and must never
//     be on in production.
//   - status pending, failed, cancelled, checkout-draft and trash was never
//     paid: the error wc_not_paid. on-hold is paid only when date_paid is
//     set (bacs and cheque orders wait on-hold for the money). A cancelled
//     order with date_paid may be refunded (paid, then cancelled). Other
//     statuses (processing, completed, refunded, custom ones) pass.
//   - billing.email and billing.phone are the customer's contacts; one that
//     is not valid is left out with the warning wc_contact_dropped (the core
//     decides whether the missing contact is fatal for settings.deliver).
//   - Names are HTML-decoded ("&ndash;" → "–"), as WooCommerce encodes them.
//   - An order without any line is no_items at "order.line_items".
//   - A WordPress REST error body ({"code","message","data":{"status"}}) is
//     wc_rest_error.
//
// # Refunds
//
// Given the order and one of its refunds, Map builds a sale_refund of
// exactly what the refund returns: Kind sale_refund, ID "<number>-refund-<id>",
// Paid = refund.amount, the payment type of the order's gateway, and
// Reference {"Заказ <number>", number, date_paid_gmt as unix time (else
// date_paid, the site's local time, read as UTC)}.
// WooCommerce writes refund lines with negative quantities and amounts;
// they are negated (a positive one is wc_refund_sign) and mapped by the
// rules above: line_items (quantity −1, total −311.11 → 1 × 311.11),
// shipping_lines, fee_lines. Each refund line finds its order line through
// its _refunded_item_id meta, for the name, the taxes and the overrides.
// A refund line with quantity 0 (an amount refunded on a line, nothing
// returned) is one unit, with the warning wc_refund_no_quantity.
//
// A refund without lines (amount only) returns part of the whole order: it
// is spread over the order's lines (goods, shipping and fees, after their
// own discounts) in proportion, by receipt.Spread of (lines − amount), and
// each line carries its share as its Total and is priced at it (Total / q
// by the rule of goods lines: the refund shows no discount); lines left
// with nothing are dropped, and the warning wc_refund_spread says so. Worked example
// (rub-fixed-cart.refund-amount.json): 500.00 of lines 933.32 + 466.67 +
// 300.00 = 1699.99 → 274.51 + 137.26 + 88.23 = 500.00. An amount above the
// lines is wc_refund_too_large; amount 0 without lines is wc_refund_empty.
// Gift cards are not given back by a refund receipt: the refund is paid
// back by the order's gateway.
package wordpress
