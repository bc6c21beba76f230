package wordpress

import "github.com/kopeck/kopeck/plugin/receipt"

// Problem codes of the WooCommerce mapping. Core codes (receipt.Code*) are
// used where they fit; these are what only a WooCommerce document can get
// wrong. A code never changes its meaning once released.
const (
	// CodeNotPaid: the order's status says it was never paid (pending,
	// failed, cancelled, checkout-draft, trash, or on-hold without
	// date_paid).
	CodeNotPaid = "wc_not_paid"
	// CodeRounded is a warning: a line amount summed from WooCommerce's
	// unrounded fields was rounded half up to the kopeck.
	CodeRounded = "wc_rounded"
	// CodeVATRate: a WooCommerce tax rate that is no receipt VAT rate.
	CodeVATRate = "wc_vat_rate"
	// CodeVATAmbiguous: a line taxed at several different rates.
	CodeVATAmbiguous = "wc_vat_ambiguous"
	// CodeVATUnknown is a warning: a line's tax rate is not in tax_lines
	// with a rate_percent (WooCommerce before 3.7), so the defaults apply.
	CodeVATUnknown = "wc_vat_unknown"
	// CodeCurrencyAsRUB is a warning: settings.woocommerce.currency_as_rub
	// made a foreign currency pass as rubles (test data only).
	CodeCurrencyAsRUB = "wc_currency_as_rub"
	// CodeContactDropped is a warning: a billing email or phone that is not
	// valid is left out of the receipt.
	CodeContactDropped = "wc_contact_dropped"
	// CodePaymentTypeDefault is a warning: cash on delivery ("cod") without
	// an entry in settings.woocommerce.payment_types is taken as electronic.
	CodePaymentTypeDefault = "wc_payment_type_default"
	// CodeRefundSign: a refund amount that is positive where WooCommerce
	// writes refunds as negative numbers.
	CodeRefundSign = "wc_refund_sign"
	// CodeRefundEmpty: a refund of nothing (amount 0 and no lines).
	CodeRefundEmpty = "wc_refund_empty"
	// CodeRefundTooLarge: an amount-only refund above what the order's
	// lines carry.
	CodeRefundTooLarge = "wc_refund_too_large"
	// CodeRefundSpread is a warning: an amount-only refund was spread over
	// the order's lines in proportion.
	CodeRefundSpread = "wc_refund_spread"
	// CodeRefundNoQuantity is a warning: a refund line returns an amount
	// without a quantity and is taken as one unit.
	CodeRefundNoQuantity = "wc_refund_no_quantity"
	// CodeRefundItemUnknown is a warning: _refunded_item_id names no line of
	// the order, so the refund line keeps only what it says itself.
	CodeRefundItemUnknown = "wc_refund_item_unknown"
	// CodeRESTError: the document is a WordPress REST error answer, not an
	// order.
	CodeRESTError = "wc_rest_error"
)

func init() {
	receipt.Register(CodeNotPaid,
		"order status {status} means the order was not paid: no receipt",
		"статус заказа {status}: заказ не оплачен, чек не формируется")
	receipt.Register(CodeRounded,
		"{value} rounded half up to {rounded}",
		"{value} округлено до {rounded}")
	receipt.Register(CodeVATRate,
		"tax rate {value}% is not a receipt VAT rate (0, 5, 7, 10, 20, 22); set _kopeck_vat on the line or settings.woocommerce.vat_from_taxes to false",
		"ставка налога {value}% не является ставкой НДС чека (0, 5, 7, 10, 20, 22); задайте _kopeck_vat у позиции или settings.woocommerce.vat_from_taxes = false")
	receipt.Register(CodeVATAmbiguous,
		"the line is taxed at several rates ({rates}); a receipt line has one VAT rate: set _kopeck_vat",
		"позиция облагается по нескольким ставкам ({rates}); у позиции чека одна ставка НДС: задайте _kopeck_vat")
	receipt.Register(CodeVATUnknown,
		"tax rate {id} is not in tax_lines with a rate_percent: the default VAT applies",
		"ставки налога {id} нет в tax_lines с rate_percent: применяется НДС по умолчанию")
	receipt.Register(CodeCurrencyAsRUB,
		"currency {value} taken as RUB because settings.woocommerce.currency_as_rub is on: test data only",
		"валюта {value} считается рублями (settings.woocommerce.currency_as_rub): только для тестовых данных")
	receipt.Register(CodeContactDropped,
		"{value} is not a valid {field}: left out of the receipt",
		"{value} — некорректный {field}: не передаётся в чек")
	receipt.Register(CodePaymentTypeDefault,
		"payment method {value} is not in settings.woocommerce.payment_types: taken as electronic",
		"способа оплаты {value} нет в settings.woocommerce.payment_types: считается безналичной оплатой")
	receipt.Register(CodeRefundSign,
		"{value} is positive: WooCommerce writes refunded amounts and quantities as negative numbers",
		"{value} положительно: WooCommerce записывает суммы и количества возврата отрицательными")
	receipt.Register(CodeRefundEmpty,
		"the refund returns nothing",
		"возврат не содержит ни суммы, ни позиций")
	receipt.Register(CodeRefundTooLarge,
		"refund {amount} is larger than the order's lines {total}",
		"сумма возврата {amount} больше суммы позиций заказа {total}")
	receipt.Register(CodeRefundSpread,
		"the refund of {amount} names no lines: spread over the order's lines in proportion",
		"в возврате {amount} нет позиций: сумма распределена по позициям заказа пропорционально")
	receipt.Register(CodeRefundNoQuantity,
		"the refund line returns {amount} without a quantity: taken as one unit",
		"позиция возврата {amount} без количества: считается одной единицей")
	receipt.Register(CodeRefundItemUnknown,
		"the order has no line with id {id}",
		"в заказе нет позиции с id {id}")
	receipt.Register(CodeRESTError,
		"the document is a WordPress REST error ({code}), not an order",
		"документ — ошибка WordPress REST ({code}), а не заказ")
}
