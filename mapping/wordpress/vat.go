package wordpress

import (
	"sort"
	"strconv"
	"strings"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

// Line meta_data keys that override what kopeck would take for a line
// (product meta is copied to the order line by WooCommerce when the key is
// set on the order item, e.g. by a plugin hook or the admin order screen).
const (
	MetaVAT              = "_kopeck_vat"               // a receipt.VAT name: "vat20", "none", …
	MetaSubject          = "_kopeck_subject"           // a receipt.Subject name: "commodity", "service", …
	MetaPaymentMethod    = "_kopeck_payment_method"    // a receipt.PaymentMethod name: "full_payment", …
	MetaMarkingCode      = "_kopeck_marking_code"      // the marking code (Честный ЗНАК), as scanned
	MetaNomenclatureCode = "_kopeck_nomenclature_code" // the nomenclature code (tag 1162), as given
)

// overrides are a line's _kopeck_* meta values ("" when not set).
type overrides struct {
	VAT              receipt.VAT
	Subject          receipt.Subject
	PaymentMethod    receipt.PaymentMethod
	MarkingCode      string
	NomenclatureCode string
}

// over returns o with every field that b sets taken from b.
func (o overrides) over(b overrides) overrides {
	if b.VAT != "" {
		o.VAT = b.VAT
	}
	if b.Subject != "" {
		o.Subject = b.Subject
	}
	if b.PaymentMethod != "" {
		o.PaymentMethod = b.PaymentMethod
	}
	if b.MarkingCode != "" {
		o.MarkingCode = b.MarkingCode
	}
	if b.NomenclatureCode != "" {
		o.NomenclatureCode = b.NomenclatureCode
	}
	return o
}

// readOverrides reads the _kopeck_* entries of a line's meta_data. A blank
// value means "not set"; a value outside its enumeration is unknown_value at
// the entry's value path; an unknown _kopeck_ key is a warning.
func readOverrides(line jsonin.Obj) overrides {
	var out overrides
	for _, m := range line.Array("meta_data") {
		if !m.R.IsObject() {
			continue
		}
		key := strings.TrimSpace(m.Child("key").R.String())
		if !strings.HasPrefix(key, "_kopeck_") {
			continue
		}
		v := m.Child("value")
		s := strings.TrimSpace(v.AsStr("value", false))
		if s == "" {
			continue
		}
		switch key {
		case MetaVAT:
			out.VAT = metaEnum(v, s, receipt.VATs)
		case MetaSubject:
			out.Subject = metaEnum(v, s, receipt.Subjects)
		case MetaPaymentMethod:
			out.PaymentMethod = metaEnum(v, s, receipt.PaymentMethods)
		case MetaMarkingCode:
			out.MarkingCode = s
		case MetaNomenclatureCode:
			out.NomenclatureCode = s
		default:
			m.P.Warnf(jsonin.CodeUnknownField, m.Path+".key", "field", key)
		}
	}
	return out
}

func metaEnum[T ~string](v jsonin.Obj, s string, list []T) T {
	if receipt.Valid(list, T(s)) {
		return T(s)
	}
	names := make([]string, len(list))
	for i, x := range list {
		names[i] = string(x)
	}
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	v.P.Errorf(receipt.CodeUnknownValue, v.Path, "value", strconv.Quote(s), "allowed", strings.Join(names, ", "))
	return ""
}

// taxRate is one entry of the order's tax_lines.
type taxRate struct {
	percent decimal.Decimal
	known   bool   // rate_percent given (WooCommerce ≥ 3.7)
	path    string // of rate_percent
}

// rates holds the order's tax rates by rate_id and remembers which bad
// rates were reported already.
type rates struct {
	byID     map[string]taxRate
	reported map[string]bool
}

func readRates(order jsonin.Obj) *rates {
	r := &rates{byID: map[string]taxRate{}, reported: map[string]bool{}}
	for _, t := range order.Array("tax_lines") {
		if !t.R.IsObject() {
			continue
		}
		id := idText(t.Child("rate_id"))
		if id == "" {
			continue
		}
		tr := taxRate{path: t.Path + ".rate_percent"}
		if d, given, ok := number(t, "rate_percent"); given && ok {
			tr.percent, tr.known = d, true
		}
		r.byID[id] = tr
	}
	return r
}

// idText is an id given as a number or a string, as text.
func idText(o jsonin.Obj) string {
	switch o.R.Type {
	case gjson.Number:
		return o.R.Raw
	case gjson.String:
		return strings.TrimSpace(o.R.Str)
	}
	return ""
}

// percentVAT maps a tax percentage to the receipt VAT rate.
func percentVAT(d decimal.Decimal) (receipt.VAT, bool) {
	for _, c := range []struct {
		pct int64
		vat receipt.VAT
	}{{0, receipt.VAT0}, {5, receipt.VAT5}, {7, receipt.VAT7}, {10, receipt.VAT10}, {20, receipt.VAT20}, {22, receipt.VAT22}} {
		if d.Equal(decimal.NewFromInt(c.pct)) {
			return c.vat, true
		}
	}
	return "", false
}

// calculated maps a rate to its calculated rate (20 → 20/120), used on
// advance payments.
var calculated = map[receipt.VAT]receipt.VAT{
	receipt.VAT5: receipt.VAT105, receipt.VAT7: receipt.VAT107, receipt.VAT10: receipt.VAT110,
	receipt.VAT20: receipt.VAT120, receipt.VAT22: receipt.VAT122,
}

// isAdvance reports whether a payment method is an advance payment, for
// which 54-FZ prescribes the calculated VAT rates.
func isAdvance(m receipt.PaymentMethod) bool {
	return m == receipt.FullPrepayment || m == receipt.Prepayment || m == receipt.Advance
}

// lineVAT returns the VAT of a line from its taxes[] (ids into tax_lines),
// or "" when the line has no usable tax rate (the defaults apply).
func (r *rates) lineVAT(line jsonin.Obj) receipt.VAT {
	found := map[receipt.VAT]bool{}
	bad := false
	for _, t := range line.Array("taxes") {
		if !t.R.IsObject() {
			continue
		}
		id := idText(t.Child("id"))
		tr, ok := r.byID[id]
		if id == "" || !ok || !tr.known {
			line.P.Warnf(CodeVATUnknown, t.Path+".id", "id", strconv.Quote(id))
			continue
		}
		v, ok := percentVAT(tr.percent)
		if !ok {
			bad = true
			if !r.reported[id] {
				r.reported[id] = true
				line.P.Errorf(CodeVATRate, tr.path, "value", tr.percent.String())
			}
			continue
		}
		found[v] = true
	}
	if bad || len(found) == 0 {
		return ""
	}
	if len(found) > 1 {
		names := make([]string, 0, len(found))
		for v := range found {
			names = append(names, string(v))
		}
		sort.Strings(names)
		line.P.Errorf(CodeVATAmbiguous, line.Path+".taxes", "rates", strings.Join(names, ", "))
		return ""
	}
	for v := range found {
		return v
	}
	return ""
}
