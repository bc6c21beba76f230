package wordpress

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

var codCash = json.RawMessage(`{"payment_types":{"cod":"cash"}}`)

func mapRefund(t *testing.T, refund []byte) (receipt.Order, receipt.Problems) {
	t.Helper()
	return Map(read(t, "rub-fixed-cart.json"), refund, codCash, testRules())
}

func TestRefundPartial(t *testing.T) {
	o, p := mapRefund(t, read(t, "rub-fixed-cart.refund-partial.json"))
	if len(p) != 0 {
		t.Fatalf("problems: %v", p)
	}
	// quantity −1, total −311.11 → one unit at 311.11, paid back in cash.
	equalStrings(t, "items", []string{itemStr(o.Items[0])}, []string{"goods Футболка «Котик», размер M 311.11×1=311.11 "})
	if len(o.Items) != 1 || o.Items[0].Path != "refund.line_items[0]" {
		t.Errorf("items %+v", o.Items)
	}
	if o.Kind != receipt.KindSaleRefund || o.ID != "1001-refund-2001" || o.Paid.String() != "311.11" || o.PaidPath != "refund.amount" {
		t.Errorf("order %+v", o)
	}
	if len(o.Payments) != 1 || o.Payments[0].Type != receipt.Cash || o.Payments[0].Amount != 31111 {
		t.Errorf("payments %+v", o.Payments)
	}
	// date_paid_gmt 2024-05-14T07:30:02 UTC.
	if o.Reference == nil || *o.Reference != (receipt.Reference{Name: "Заказ 1001", Number: "1001", Date: 1715671802}) {
		t.Errorf("reference %+v", o.Reference)
	}
	r := reconcile(t, o, testRules())
	if r.Kind != receipt.KindSaleRefund || r.Total != 31111 {
		t.Errorf("receipt %+v", r)
	}
}

// A full refund returns every line: its receipt carries what the sale's
// receipt carried, line by line.
func TestRefundFull(t *testing.T) {
	o, p := mapRefund(t, read(t, "rub-fixed-cart.refund-full.json"))
	if len(p) != 0 {
		t.Fatalf("problems: %v", p)
	}
	var got []string
	for _, it := range o.Items {
		got = append(got, itemStr(it))
	}
	equalStrings(t, "items", got, []string{
		"goods Футболка «Котик», размер M 311.11×3=933.32 ", // subtotal = total in a refund: 933.32 / 3 → 311.11
		"goods Кружка «Утро» 466.67×1=466.67 ",
		"shipping Курьер СДЭК 300.00×1=- ",
	})
	refund := reconcile(t, o, testRules())
	sale, sp := Map(read(t, "rub-fixed-cart.json"), nil, codCash, testRules())
	if sp.HasErrors() {
		t.Fatal(sp)
	}
	sr := reconcile(t, sale, testRules())
	if refund.Total != sr.Total || len(refund.Lines) != len(sr.Lines) {
		t.Fatalf("refund %s in %d lines, sale %s in %d", refund.Total, len(refund.Lines), sr.Total, len(sr.Lines))
	}
	for i := range sr.Lines {
		if lineStr(refund.Lines[i]) != lineStr(sr.Lines[i]) {
			t.Errorf("line %d: refund %s, sale %s", i, lineStr(refund.Lines[i]), lineStr(sr.Lines[i]))
		}
	}
}

// An amount-only refund is spread over the order's lines in proportion.
func TestRefundAmountOnly(t *testing.T) {
	o, p := mapRefund(t, read(t, "rub-fixed-cart.refund-amount.json"))
	if p.HasErrors() || !has(p, receipt.SeverityWarning, CodeRefundSpread, "refund.amount") {
		t.Fatalf("problems: %v", p)
	}
	// 500.00 of 933.32 + 466.67 + 300.00 = 1699.99. Exact shares of the
	// amount: 274.5075, 137.2567, 88.2358; the reductions 1199.99 × a / A
	// floor to 658.81, 329.41, 211.76 (1199.98) and the last kopeck goes to
	// the largest remainder (shipping): 274.51, 137.26, 88.23.
	var got []string
	for _, it := range o.Items {
		got = append(got, itemStr(it))
	}
	equalStrings(t, "items", got, []string{
		"goods Футболка «Котик», размер M 91.51×3=274.51 ", // 91.5033 half up; × 3 = 274.53 ≥ 274.51
		"goods Кружка «Утро» 137.26×1=137.26 ",
		"shipping Курьер СДЭК 88.23×1=88.23 ",
	})
	weights := []receipt.Money{93332, 46667, 30000}
	var s receipt.Money
	for i, it := range o.Items {
		s += *it.Total
		// Within a kopeck of the exact proportion a × 500 / 1699.99.
		exact := float64(weights[i]) * 50000 / 169999
		if d := float64(*it.Total) - exact; d <= -1 || d >= 1 {
			t.Errorf("item %d: %s is not within a kopeck of %.4f", i, it.Total, exact/100)
		}
	}
	if s != 50000 || o.Paid.String() != "500.00" {
		t.Errorf("sum %s, paid %v", s, o.Paid)
	}
	r := reconcile(t, o, testRules())
	// 274.51 = 3 × 91.50 + 0.01: 2 × 91.50 and 1 × 91.51.
	var ls []string
	for _, l := range r.Lines {
		ls = append(ls, lineStr(l))
	}
	equalStrings(t, "lines", ls, []string{"goods 91.50×2=183.00 none", "goods 91.51×1=91.51 none", "goods 137.26×1=137.26 none", "shipping 88.23×1=88.23 none"})
}

// refundDoc edits the partial refund.
func refundDoc(t *testing.T, change func(m map[string]any)) []byte {
	return edit(t, string(read(t, "rub-fixed-cart.refund-partial.json")), change)
}

func rline0(m map[string]any) map[string]any { return line0(m) }

func TestRefundErrors(t *testing.T) {
	order := read(t, "rub-fixed-cart.json")
	cases := []struct {
		name       string
		order      []byte
		refund     []byte
		code, path string
	}{
		{"positive quantity", nil, refundDoc(t, func(m map[string]any) { rline0(m)["quantity"] = 1 }), CodeRefundSign, "refund.line_items[0].quantity"},
		{"positive total", nil, refundDoc(t, func(m map[string]any) {
			l := rline0(m)
			l["total"], l["subtotal"] = "311.11", "311.11"
		}), CodeRefundSign, "refund.line_items[0].total"},
		{"positive shipping", nil, refundDoc(t, func(m map[string]any) {
			m["shipping_lines"] = []any{map[string]any{"total": "300.00"}}
		}), CodeRefundSign, "refund.shipping_lines[0].total"},
		{"amount missing", nil, refundDoc(t, func(m map[string]any) { delete(m, "amount") }), receipt.CodeRequired, "refund.amount"},
		{"amount decimals", nil, refundDoc(t, func(m map[string]any) { m["amount"] = "311.111" }), receipt.CodeTooManyDecimals, "refund.amount"},
		{"amount negative", nil, refundDoc(t, func(m map[string]any) { m["amount"] = "-311.11" }), receipt.CodeNegative, "refund.amount"},
		{"empty", nil, refundDoc(t, func(m map[string]any) { m["amount"] = "0.00"; m["line_items"] = []any{} }), CodeRefundEmpty, "refund"},
		{"too large", nil, refundDoc(t, func(m map[string]any) { m["amount"] = "1700.00"; m["line_items"] = []any{} }), CodeRefundTooLarge, "refund.amount"},
		{"currency", nil, refundDoc(t, func(m map[string]any) { m["currency"] = "EUR" }), receipt.CodeCurrency, "refund.currency"},
		{"not JSON", nil, []byte(`{"amount":`), receipt.CodeInvalidJSON, "refund"},
		{"not an object", nil, []byte(`"311.11"`), receipt.CodeWrongType, "refund"},
		{"bad line", nil, refundDoc(t, func(m map[string]any) { m["line_items"] = []any{"x"} }), receipt.CodeWrongType, "refund.line_items[0]"},
		{"no line left", nil, refundDoc(t, func(m map[string]any) { m["line_items"] = []any{"x"} }), receipt.CodeNoItems, "refund.line_items"},
		{"order unpaid", edit(t, string(order), func(m map[string]any) { m["status"] = "pending" }), nil, CodeNotPaid, "order.status"},
		{"cancelled unpaid", edit(t, string(order), func(m map[string]any) {
			m["status"] = "cancelled"
			m["date_paid"], m["date_paid_gmt"] = nil, nil
		}), nil, CodeNotPaid, "order.status"},
		{"order currency", edit(t, string(order), func(m map[string]any) { m["currency"] = "USD" }), nil, receipt.CodeCurrency, "order.currency"},
		{"REST error", nil, []byte(`{"code":"woocommerce_rest_invalid_id","message":"Invalid ID.","data":{"status":404}}`), CodeRESTError, "refund"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, r := c.order, c.refund
			if o == nil {
				o = order
			}
			if r == nil {
				r = read(t, "rub-fixed-cart.refund-partial.json")
			}
			got, p := Map(o, r, codCash, testRules())
			if !has(p, receipt.SeverityError, c.code, c.path) {
				t.Errorf("want error %s at %s, got %v", c.code, c.path, p)
			}
			if got.Kind != receipt.KindSaleRefund {
				t.Errorf("kind %q", got.Kind)
			}
		})
	}
}

// A paid order that was cancelled may be refunded.
func TestRefundOfCancelledPaidOrder(t *testing.T) {
	order := edit(t, string(read(t, "rub-fixed-cart.json")), func(m map[string]any) { m["status"] = "cancelled" })
	_, p := Map(order, read(t, "rub-fixed-cart.refund-partial.json"), codCash, testRules())
	if p.HasErrors() {
		t.Errorf("errors: %v", p)
	}
	_, p = Map(order, nil, codCash, testRules())
	if !has(p, receipt.SeverityError, CodeNotPaid, "order.status") {
		t.Errorf("a cancelled order is no sale: %v", p)
	}
}

func TestRefundLines(t *testing.T) {
	order := edit(t, string(read(t, "rub-fixed-cart.json")), func(m map[string]any) {
		m["tax_lines"] = []any{map[string]any{"id": 1, "rate_id": 5, "rate_percent": 20}}
		l := line0(m)
		l["taxes"] = []any{map[string]any{"id": 5, "total": "0", "subtotal": "0"}}
		l["meta_data"] = []any{
			map[string]any{"key": MetaSubject, "value": "excise"},
			map[string]any{"key": MetaMarkingCode, "value": "0104601"},
		}
	})
	t.Run("order line's name, taxes and meta; the refund's own meta wins", func(t *testing.T) {
		refund := refundDoc(t, func(m map[string]any) {
			l := rline0(m)
			l["name"], l["taxes"] = "", []any{}
			l["meta_data"] = append(l["meta_data"].([]any), map[string]any{"key": MetaSubject, "value": "commodity"})
		})
		o, p := Map(order, refund, codCash, testRules())
		if p.HasErrors() {
			t.Fatal(p)
		}
		it := o.Items[0]
		if it.Name != "Футболка «Котик», размер M" || it.VAT != receipt.VAT20 || it.Subject != receipt.Commodity || it.MarkingCode != "0104601" {
			t.Errorf("item %+v", it)
		}
	})
	t.Run("quantity 0 is one unit", func(t *testing.T) {
		refund := refundDoc(t, func(m map[string]any) {
			l := rline0(m)
			l["quantity"], l["total"], l["subtotal"] = 0, "-50.00", "-50.00"
			m["amount"] = "50.00"
		})
		o, p := Map(order, refund, codCash, testRules())
		if p.HasErrors() || !has(p, receipt.SeverityWarning, CodeRefundNoQuantity, "refund.line_items[0].quantity") {
			t.Fatal(p)
		}
		if s := itemStr(o.Items[0]); s != "goods Футболка «Котик», размер M 50.00×1=50.00 vat20" {
			t.Errorf("item %s", s)
		}
		reconcile(t, o, testRules())
	})
	t.Run("unknown order line", func(t *testing.T) {
		refund := refundDoc(t, func(m map[string]any) {
			rline0(m)["meta_data"] = []any{map[string]any{"key": refundedItem, "value": 999}}
		})
		o, p := Map(order, refund, codCash, testRules())
		if p.HasErrors() || !has(p, receipt.SeverityWarning, CodeRefundItemUnknown, "refund.line_items[0].meta_data[0].value") {
			t.Fatal(p)
		}
		if o.Items[0].Subject != "" || o.Items[0].VAT != "" {
			t.Errorf("item %+v took an order line's data", o.Items[0])
		}
	})
	t.Run("fees", func(t *testing.T) {
		// A refunded fee is a fee line; a refunded negative fee (written
		// positive in the refund) lowers the refund like a discount.
		refund := refundDoc(t, func(m map[string]any) {
			m["fee_lines"] = []any{
				map[string]any{"name": "Подарочная упаковка", "total": "-150.00", "total_tax": "0.00"},
				map[string]any{"name": "Скидка за оплату онлайн", "total": "100.00", "total_tax": "0.00"},
			}
			m["amount"] = "361.11"
		})
		o, p := Map(order, refund, codCash, testRules())
		if p.HasErrors() {
			t.Fatal(p)
		}
		if len(o.Items) != 2 || itemStr(o.Items[1]) != "fee Подарочная упаковка 150.00×1=- " ||
			len(o.Discounts) != 1 || o.Discounts[0].Amount != 10000 {
			t.Fatalf("items %v discounts %+v", o.Items, o.Discounts)
		}
		r := reconcile(t, o, testRules())
		if r.Total != 36111 { // 311.11 + 150.00 − 100.00
			t.Errorf("total %s", r.Total)
		}
	})
	t.Run("wrapped refund", func(t *testing.T) {
		r := read(t, "rub-fixed-cart.refund-partial.json")
		w := append(append([]byte(`{"data":`), r...), '}')
		a, pa := Map(order, r, codCash, testRules())
		b, pb := Map(order, w, codCash, testRules())
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) || pa.Error() != pb.Error() || strings.Contains(pb.Error(), "data") {
			t.Errorf("wrapped refund differs:\n%s\n%s", ja, jb)
		}
	})
}

// A refund whose lines do not add up to its amount ends in the core's
// total_mismatch at refund.amount: 311.11 of lines against 300.00.
func TestRefundAmountMismatch(t *testing.T) {
	o, p := mapRefund(t, refundDoc(t, func(m map[string]any) { m["amount"] = "300.00" }))
	if p.HasErrors() {
		t.Fatal(p)
	}
	_, rp := receipt.Reconcile(o, testRules())
	found := false
	for _, e := range rp.Errors() {
		found = found || (e.Code == receipt.CodeTotalMismatch && e.Path == "refund.amount" &&
			e.Params["lines"] == "311.11" && e.Params["paid"] == "300.00")
	}
	if !found {
		t.Errorf("want total_mismatch at refund.amount, got %v", rp)
	}
}
