// Package generic maps kopeck's own documented order format into the
// canonical order (receipt.Order). The format (testdata/generic/README.md,
// JSON Schema in testdata/generic/order.schema.json):
//
//	{"id": "1001",                      required; string or number
//	 "kind": "sale",                    sale | sale_refund | purchase | purchase_refund (default sale)
//	 "currency": "RUB",                 optional; anything but RUB is an error
//	 "items": [{                        required, at least one
//	   "name": "Чай",                   required; longer than 128 characters is cut (warning)
//	   "price": "100.00",               unit price before discounts, rubles
//	   "quantity": 3,                   > 0, at most 3 decimals
//	   "discount": "5.00",              optional: the line's own discount, rubles
//	   "total": "291.43",               optional: the line's amount after its discount (wins over discount)
//	   "vat": "vat20", "payment_method": "full_payment", "subject": "commodity",   default from settings.defaults
//	   "type": "goods",                 goods | shipping | fee
//	   "marking_code": "…", "nomenclature_code": "…",
//	   "agent": {"type": "commission_agent", "supplier": {"name","inn","phone"},
//	             "paying_agent": {"operation","phone"}, "receive_payments_operator": {"phone"},
//	             "money_transfer_operator": {"name","address","inn","phone"}}}],
//	 "discounts": [{"name": "coupon", "amount": "10.00"}],   spread over the goods lines
//	 "payments": [{"type": "cash", "amount": "100.00"}],     default: one electronic payment of the total
//	 "total": "640.00",                 the amount the customer really paid (optional)
//	 "customer": {"email", "phone", "name", "inn"},
//	 "cashier": {"name", "inn"},
//	 "reference": {"name", "number", "date"}}               a refund's original document (date: unix time)
//
// Money is rubles, as a decimal string or a JSON number, with at most two
// decimals: "12.345" is an error, never rounded. Numbers are read from the
// JSON text, never through float64. Unknown members give the warning
// unknown_field, so a misspelt "quantiy" does not pass unnoticed.
package generic
