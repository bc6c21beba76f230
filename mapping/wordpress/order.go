package wordpress

import (
	"bytes"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/kopeck/kopeck/plugin/settings"
	"github.com/shopspring/decimal"
)

// Map reads a WooCommerce REST API v3 order (GET /wp-json/wc/v3/orders/<id>,
// or a webhook body; a {"data": …} wrapper is accepted) into a canonical
// order. refund is nil for a sale; otherwise it is one refund of the order
// (GET /wp-json/wc/v3/orders/<id>/refunds/<refund_id>) and the result is the
// sale_refund of exactly what it returns. section is the raw
// settings.woocommerce object (nil or empty means the defaults); rules are
// the call's settings rules (only the default payment method is read here,
// for the calculated VAT rates). Problem paths start at "order", "refund"
// and "settings.woocommerce". When the problems hold an error the order
// must not be reconciled. Map never panics.
func Map(order, refund []byte, section json.RawMessage, rules receipt.Rules) (receipt.Order, receipt.Problems) {
	var p receipt.Problems
	cfg := DefaultConfig()
	if len(bytes.TrimSpace(section)) > 0 {
		if c, ok := jsonin.Parse(section, "settings.woocommerce", &p); ok {
			if c.Exists() && !c.R.IsObject() {
				p.Errorf(receipt.CodeWrongType, c.Path, "expected", "object", "got", "other")
			}
			cfg = ReadConfig(c)
		}
	}
	o, ok := jsonin.Parse(order, "order", &p)
	if !ok {
		return receipt.Order{Path: "order", Kind: receipt.KindSale}, p
	}
	r := jsonin.Obj{Path: "refund", P: &p}
	if refund != nil {
		if r, ok = jsonin.Parse(refund, "refund", &p); !ok {
			return receipt.Order{Path: "order", Kind: receipt.KindSaleRefund}, p
		}
	}
	return Read(o, r, cfg, rules), p
}

// FromObj is Map for already parsed input, in the shape of the engine's
// source mappers: order and refund are the members of the call's input (a
// refund that does not exist means a sale), the settings give the
// woocommerce section and the rules. Problems go to order.P.
func FromObj(order, refund jsonin.Obj, s settings.Settings) receipt.Order {
	if order.P == nil {
		order.P = &receipt.Problems{}
	}
	refund.P = order.P
	raw, path := s.Section("woocommerce")
	cfg := DefaultConfig()
	if c, ok := jsonin.Parse(raw, path, order.P); ok {
		cfg = ReadConfig(c)
	}
	return Read(order, refund, cfg, s.Rules)
}

// Read maps a parsed order and (when it exists) refund with a read
// configuration; problems go to order.P.
func Read(order, refund jsonin.Obj, cfg Config, rules receipt.Rules) receipt.Order {
	out := receipt.Order{Kind: receipt.KindSale, Path: order.Path, PaidPath: order.Path + ".total",
		PaymentsPath: order.Path + ".payment_method"}
	if order.P == nil {
		order.P = &receipt.Problems{}
	}
	if !order.Exists() {
		order.P.Errorf(receipt.CodeRequired, order.Path, "field", "order")
		return out
	}
	isRefund := refund.Exists()
	if isRefund {
		out.Kind = receipt.KindSaleRefund
	}
	order, ok := unwrap(order)
	if !ok || !order.IsObject() {
		return out
	}
	m := &mapper{p: order.P, cfg: cfg, rules: rules, order: order, rates: readRates(order)}
	m.header(&out, isRefund)
	if isRefund {
		refund.P = order.P
		if refund, ok = unwrap(refund); ok && refund.IsObject() {
			m.refund(&out, refund)
		}
		return out
	}
	m.sale(&out)
	return out
}

// unwrap returns the order inside a {"data": …} wrapper (the paths stay at
// the wrapper's root: "order.line_items[0]"), and reports a WordPress REST
// error answer ({"code","message","data":{"status":404}}).
func unwrap(o jsonin.Obj) (jsonin.Obj, bool) {
	if !o.R.IsObject() {
		return o, true
	}
	data := o.Child("data")
	if !data.R.IsObject() || o.Child("line_items").Exists() || o.Child("id").Exists() {
		return o, true
	}
	if o.Child("code").Exists() && !data.Child("id").Exists() && !data.Child("line_items").Exists() {
		o.P.Errorf(CodeRESTError, o.Path, "code", clip(o.Child("code").R.String()))
		return o, false
	}
	return jsonin.Obj{R: data.R, Path: o.Path, P: o.P}, true
}

// mapper holds what every part of one order's mapping needs.
type mapper struct {
	p     *receipt.Problems
	cfg   Config
	rules receipt.Rules
	order jsonin.Obj
	rates *rates
	pay   receipt.PaymentType
}

// Statuses of orders that were never paid.
var unpaid = map[string]bool{"pending": true, "failed": true, "cancelled": true, "checkout-draft": true, "trash": true}

// header reads what a sale and a refund share: status, currency, number,
// customer and payment type.
func (m *mapper) header(out *receipt.Order, isRefund bool) {
	o := m.order
	status := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(o.Str("status", false)), "wc-"))
	paidAt := strings.TrimSpace(o.Child("date_paid_gmt").R.String() + o.Child("date_paid").R.String())
	switch {
	case status == "on-hold" && paidAt == "",
		status == "cancelled" && isRefund && paidAt == "",
		unpaid[status] && (status != "cancelled" || !isRefund):
		m.p.Errorf(CodeNotPaid, o.Path+".status", "status", clip(status))
	}
	m.currency(o)
	out.ID = strings.TrimSpace(o.Str("number", false))
	if out.ID == "" {
		out.ID = idText(o.Child("id"))
	}
	if out.ID == "" {
		m.p.Errorf(receipt.CodeRequired, o.Path+".number", "field", "number")
	}
	if b := o.Child("billing"); b.IsObject() {
		if e := strings.TrimSpace(b.Str("email", false)); e != "" {
			if receipt.ValidEmail(e) {
				out.Customer.Email = e
			} else {
				m.p.Warnf(CodeContactDropped, b.Path+".email", "value", quote(e), "field", "email")
			}
		}
		if ph := strings.TrimSpace(b.Str("phone", false)); ph != "" {
			if d, ok := receipt.NormalizePhone(ph); ok {
				out.Customer.Phone = d
			} else {
				m.p.Warnf(CodeContactDropped, b.Path+".phone", "value", quote(ph), "field", "phone")
			}
		}
	}
	gateway := strings.TrimSpace(o.Str("payment_method", false))
	t, listed := m.cfg.paymentType(gateway)
	if !listed && gateway == "cod" {
		m.p.Warnf(CodePaymentTypeDefault, o.Path+".payment_method", "value", quote(gateway))
	}
	m.pay = t
}

// currency checks a document's currency: RUB, or anything with
// currency_as_rub (and a warning).
func (m *mapper) currency(o jsonin.Obj) {
	c := strings.TrimSpace(o.Str("currency", o.Path == m.order.Path))
	if c == "" || strings.EqualFold(c, "RUB") {
		return
	}
	if m.cfg.CurrencyAsRUB {
		m.p.Warnf(CodeCurrencyAsRUB, o.Path+".currency", "value", quote(c))
		return
	}
	m.p.Errorf(receipt.CodeCurrency, o.Path+".currency", "value", quote(c))
}

// sale fills a sale: the order's lines, its paid amount and payments.
func (m *mapper) sale(out *receipt.Order) {
	o := m.order
	items, discounts := m.lines(o, false, nil)
	out.Items, out.Discounts = items, discounts
	if len(items) == 0 {
		m.p.Errorf(receipt.CodeNoItems, o.Path+".line_items")
	}
	total, ok := m.paid(o, "total")
	var cards receipt.Money
	for _, g := range o.Array("gift_cards") {
		if !g.R.IsObject() {
			continue
		}
		d, given, good := number(g, "amount")
		if !given && good {
			m.p.Errorf(receipt.CodeRequired, g.Path+".amount", "field", "amount")
			continue
		}
		if a, fine := exact(d, g.Path+".amount", m.p); good && fine {
			cards += a
		}
	}
	if !ok {
		return
	}
	paid := total + cards
	if paid > receipt.MaxMoney {
		m.p.Errorf(receipt.CodeAmountTooLarge, o.Path+".total", "value", paid.String())
		return
	}
	out.Paid = &paid
	if cards > 0 {
		out.Payments = append(out.Payments, receipt.Payment{Type: receipt.Prepaid, Amount: cards, Path: o.Path + ".gift_cards"})
	}
	if total > 0 && cards > 0 {
		out.Payments = append(out.Payments, receipt.Payment{Type: m.pay, Amount: total, Path: o.Path + ".payment_method"})
	} else if total > 0 && m.pay != receipt.Electronic {
		out.Payments = []receipt.Payment{{Type: m.pay, Amount: total, Path: o.Path + ".payment_method"}}
	}
}

// paid reads an amount the customer paid (order.total, refund.amount): a
// required, exact, non-negative kopeck amount.
func (m *mapper) paid(o jsonin.Obj, name string) (receipt.Money, bool) {
	d, given, ok := number(o, name)
	if !ok {
		return 0, false
	}
	if !given {
		m.p.Errorf(receipt.CodeRequired, o.Path+"."+name, "field", name)
		return 0, false
	}
	return exact(d, o.Path+"."+name, m.p)
}

// lines maps the line_items, shipping_lines and fee_lines of doc (the order,
// or a refund when neg) into items and order-level discounts. origs finds
// a refund line's order line by id.
func (m *mapper) lines(doc jsonin.Obj, neg bool, origs map[string]jsonin.Obj) ([]receipt.Item, []receipt.Discount) {
	var items []receipt.Item
	var discounts []receipt.Discount
	for _, li := range doc.Array("line_items") {
		if it, ok := m.goods(li, neg, m.original(li, origs)); ok {
			items = append(items, it)
		}
	}
	for _, sh := range doc.Array("shipping_lines") {
		if it, ok := m.shipping(sh, neg, m.original(sh, origs)); ok {
			items = append(items, it)
		}
	}
	for _, f := range doc.Array("fee_lines") {
		it, d, kind := m.fee(f, neg, m.original(f, origs))
		switch kind {
		case feeLine:
			items = append(items, it)
		case feeDiscount:
			discounts = append(discounts, d)
		}
	}
	return items, discounts
}

// isObject checks that an array element is an object (wrong_type if not).
func isObject(o jsonin.Obj) bool {
	if !o.Exists() {
		o.P.Errorf(receipt.CodeWrongType, o.Path, "expected", "object", "got", "null")
		return false
	}
	return o.IsObject()
}

// hasTotal checks that a line states its total (required).
func (m *mapper) hasTotal(li jsonin.Obj) bool {
	if li.Child("total").Exists() {
		return true
	}
	m.p.Errorf(receipt.CodeRequired, li.Path+".total", "field", "total")
	return false
}

// signed reads the exact sum of the named members of a line, negated for a
// refund.
func signed(li jsonin.Obj, neg bool, names ...string) (decimal.Decimal, bool) {
	d, ok := sum(li, names...)
	if neg {
		d = d.Neg()
	}
	return d, ok
}

// nonNegative checks an amount that must not be below zero after the sign
// of the document was applied; field names the member reported.
func (m *mapper) nonNegative(d decimal.Decimal, neg bool, path string) bool {
	if !d.IsNegative() {
		return true
	}
	if neg {
		m.p.Errorf(CodeRefundSign, path, "value", d.Neg().String())
	} else {
		m.p.Errorf(receipt.CodeNegative, path, "value", d.String())
	}
	return false
}

// goods maps a line_items entry: quantity, the unit price before discounts
// from subtotal + subtotal_tax, and the line total total + total_tax.
func (m *mapper) goods(li jsonin.Obj, neg bool, orig jsonin.Obj) (receipt.Item, bool) {
	it := receipt.Item{Type: receipt.Goods, Path: li.Path}
	if !isObject(li) {
		return it, false
	}
	it.Name = name(li, orig, "")
	ok := m.hasTotal(li)
	g, good := signed(li, neg, "total", "total_tax")
	ok = ok && good && m.nonNegative(g, neg, li.Path+".total")
	b := g
	if li.Child("subtotal").Exists() {
		b, good = signed(li, neg, "subtotal", "subtotal_tax")
		ok = ok && good && m.nonNegative(b, neg, li.Path+".subtotal")
	}
	q, qok := m.quantity(li, neg, g)
	if !ok || !qok {
		return it, false
	}
	gross, ok1 := kopecks(g, li.Path+".total", m.p)
	before, ok2 := kopecks(b, li.Path+".subtotal", m.p)
	if !ok1 || !ok2 {
		return it, false
	}
	it.Quantity = q
	it.Price = unitPrice(before, q, gross)
	it.Total = &gross
	ov := m.overrides(li, orig)
	it.Subject, it.PaymentMethod = ov.Subject, ov.PaymentMethod
	it.MarkingCode, it.NomenclatureCode = ov.MarkingCode, ov.NomenclatureCode
	it.VAT = ov.VAT
	if it.VAT == "" && m.cfg.VATFromTaxes {
		taxed := li
		if len(li.Child("taxes").R.Array()) == 0 && orig.Exists() {
			taxed = orig
		}
		it.VAT = m.rates.lineVAT(taxed)
		method := ov.PaymentMethod
		if method == "" {
			method = m.rules.Defaults.PaymentMethod
		}
		if c, ok := calculated[it.VAT]; ok && isAdvance(method) {
			it.VAT = c
		}
	}
	return it, true
}

// quantity reads a line's quantity in thousandths. A refund line without a
// quantity (an amount refunded on a line, nothing returned) is one unit.
func (m *mapper) quantity(li jsonin.Obj, neg bool, gross decimal.Decimal) (receipt.Qty, bool) {
	path := li.Path + ".quantity"
	d, given, ok := number(li, "quantity")
	if !ok {
		return 0, false
	}
	if !given {
		m.p.Errorf(receipt.CodeRequired, path, "field", "quantity")
		return 0, false
	}
	if neg {
		d = d.Neg()
	}
	if !m.nonNegative(d, neg, path) {
		return 0, false
	}
	q, ok := quantity(d, path, m.p)
	if !ok {
		return 0, false
	}
	if q == 0 {
		if neg {
			m.p.Warnf(CodeRefundNoQuantity, path, "amount", gross.StringFixed(2))
			return receipt.QtyUnit, true
		}
		m.p.Errorf(receipt.CodeZeroQuantity, path)
		return 0, false
	}
	return q, true
}

// shipping maps a shipping_lines entry: one unit of total + total_tax; a
// free shipping line is left out. VAT and subject stay empty (settings
// .defaults.shipping apply) unless the line's meta overrides them.
func (m *mapper) shipping(sh jsonin.Obj, neg bool, orig jsonin.Obj) (receipt.Item, bool) {
	it := receipt.Item{Type: receipt.Shipping, Path: sh.Path, Quantity: receipt.QtyUnit}
	if !isObject(sh) || !m.hasTotal(sh) {
		return it, false
	}
	g, ok := signed(sh, neg, "total", "total_tax")
	if !ok || !m.nonNegative(g, neg, sh.Path+".total") {
		return it, false
	}
	gross, ok := kopecks(g, sh.Path+".total", m.p)
	if !ok || gross == 0 {
		return it, false
	}
	it.Name = name(sh, orig, "method_title")
	if it.Name == "" {
		it.Name = "Доставка"
	}
	it.Price = gross
	ov := m.overrides(sh, orig)
	it.VAT, it.Subject, it.PaymentMethod = ov.VAT, ov.Subject, ov.PaymentMethod
	return it, true
}

type feeKind int

const (
	feeNone feeKind = iota
	feeLine
	feeDiscount
)

// fee maps a fee_lines entry: a positive fee is a line (VAT and subject
// from its meta, else settings.woocommerce.fees, else the defaults), a
// negative one an order-level discount, a zero one nothing.
func (m *mapper) fee(f jsonin.Obj, neg bool, orig jsonin.Obj) (receipt.Item, receipt.Discount, feeKind) {
	it := receipt.Item{Type: receipt.Fee, Path: f.Path, Quantity: receipt.QtyUnit}
	if !isObject(f) || !m.hasTotal(f) {
		return it, receipt.Discount{}, feeNone
	}
	g, ok := signed(f, neg, "total", "total_tax")
	if !ok {
		return it, receipt.Discount{}, feeNone
	}
	amount, ok := kopecks(g.Abs(), f.Path+".total", m.p)
	if !ok || amount == 0 {
		return it, receipt.Discount{}, feeNone
	}
	nm := name(f, orig, "")
	if g.IsNegative() {
		return it, receipt.Discount{Name: nm, Amount: amount, Path: f.Path}, feeDiscount
	}
	it.Name, it.Price = nm, amount
	if it.Name == "" {
		it.Name = "Сбор"
	}
	ov := m.overrides(f, orig)
	it.VAT, it.Subject, it.PaymentMethod = ov.VAT, ov.Subject, ov.PaymentMethod
	if it.VAT == "" {
		it.VAT = m.cfg.FeeVAT
	}
	if it.Subject == "" {
		it.Subject = m.cfg.FeeSubject
	}
	return it, receipt.Discount{}, feeLine
}

// overrides reads a line's _kopeck_* meta; a refund line's own meta wins
// over its order line's.
func (m *mapper) overrides(li, orig jsonin.Obj) overrides {
	var ov overrides
	if orig.Exists() {
		ov = readOverrides(orig)
	}
	return ov.over(readOverrides(li))
}

// name returns a line's name (field "name", or alt when given), with the
// HTML entities WooCommerce writes ("&ndash;", "&times;") decoded; a refund
// line without a name takes its order line's.
func name(li, orig jsonin.Obj, alt string) string {
	field := "name"
	if alt != "" {
		field = alt
	}
	n := strings.TrimSpace(html.UnescapeString(li.Str(field, false)))
	if n == "" && orig.Exists() {
		n = strings.TrimSpace(html.UnescapeString(orig.Str(field, false)))
	}
	return n
}

// reference names the paid order a refund refers to: "Заказ <number>", the
// number, and date_paid_gmt (else date_paid) as unix time.
func (m *mapper) reference(number string) *receipt.Reference {
	ref := &receipt.Reference{Name: "Заказ " + number, Number: number}
	for _, f := range []string{"date_paid_gmt", "date_paid"} {
		s := strings.TrimSpace(m.order.Child(f).R.String())
		if s == "" {
			continue
		}
		for _, layout := range []string{"2006-01-02T15:04:05", time.RFC3339} {
			if t, err := time.Parse(layout, s); err == nil {
				ref.Date = t.Unix()
				return ref
			}
		}
	}
	return ref
}

func quote(s string) string { return strconv.Quote(clip(s)) }

// clip keeps messages short when the input is huge.
func clip(s string) string {
	if r := []rune(s); len(r) > 64 {
		return string(r[:64]) + "…"
	}
	return s
}
