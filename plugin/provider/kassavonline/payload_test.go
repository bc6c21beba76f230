package kassavonline

import (
	"strings"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/kassavonline"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// build runs Build on r with full credentials and returns the payload's
// receipt object (empty on error) and the problems.
func build(t *testing.T, r *receipt.Receipt, extra map[string]any) (gjson.Result, receipt.Problems) {
	t.Helper()
	b, p := New().Build(r, opts(extra))
	if p.HasErrors() {
		if b.Payload != nil || b.Request.Body != "" {
			t.Fatal("an error must leave Built empty")
		}
		return gjson.Result{}, p
	}
	if bad := sim.Check(b.Payload); len(bad) != 0 {
		t.Fatalf("payload fails Check: %v\n%s", bad, b.Payload)
	}
	return gjson.GetBytes(b.Payload, "receipt"), p
}

func has(p receipt.Problems, code, path string) bool {
	for _, x := range p {
		if x.Code == code && x.Path == path {
			return true
		}
	}
	return false
}

func TestIsElectronic(t *testing.T) {
	for _, c := range []struct {
		deliver      receipt.Deliver
		email, phone string
		want         int64
		err          string
	}{
		{receipt.DeliverEmail, "a@b.ru", "", 1, ""},
		{receipt.DeliverPhone, "", "79123456789", 1, ""},
		{receipt.DeliverPrint, "", "", 0, ""},
		{receipt.DeliverPrint, "a@b.ru", "", 0, ""},
		{"", "a@b.ru", "", 1, ""},
		{"", "", "", 0, ""},
		{receipt.DeliverEmail, "", "79123456789", 0, "order.customer.email"},
		{receipt.DeliverPhone, "a@b.ru", "", 0, "order.customer.phone"},
	} {
		r := sample()
		r.Deliver, r.Customer = c.deliver, receipt.Customer{Email: c.email, Phone: c.phone}
		doc, p := build(t, r, nil)
		if c.err != "" {
			if !has(p, receipt.CodeNoContact, c.err) {
				t.Errorf("%+v: %v", c, p)
			}
			continue
		}
		if doc.Get("is_electronic").Int() != c.want || doc.Get("client_email").Str != c.email {
			t.Errorf("%+v: %s", c, doc.Raw)
		}
	}
}

func TestRefund(t *testing.T) {
	r := sample()
	r.Kind = receipt.KindSaleRefund
	doc, _ := build(t, r, nil)
	if doc.Get("type").Str != "return_cash_in" {
		t.Fatal(doc.Raw)
	}
	r.Kind = receipt.KindPurchase
	_, p := build(t, r, nil)
	if !has(p, receipt.CodeUnsupported, "order.kind") {
		t.Fatal(p)
	}
}

func TestLineErrorsCollected(t *testing.T) {
	r := sample()
	r.Lines[0].VAT = receipt.VAT22
	r.Lines[0].Subject = receipt.InsurancePremium
	r.Lines[1].Agent = &receipt.Agent{Type: receipt.Attorney}
	r.Lines[1].Price = 12001 // 120.01 × 1.5 = 180.015
	_, p := build(t, r, nil)
	for _, w := range [][2]string{
		{receipt.CodeUnsupported, "order.items[0].vat"},
		{receipt.CodeUnsupported, "order.items[0].subject"},
		{receipt.CodeUnsupported, "order.items[1].agent.type"},
		{CodeInexactLine, "order.items[1]"},
	} {
		if !has(p, w[0], w[1]) {
			t.Errorf("missing %v in %v", w, p)
		}
	}
}

func TestAgentLine(t *testing.T) {
	r := sample()
	r.Lines[0].Agent = &receipt.Agent{Type: receipt.CommissionAgent,
		Supplier: receipt.Supplier{Name: "ООО Поставщик", INN: "7707083893", Phone: "74951234567"}}
	doc, _ := build(t, r, nil)
	it := doc.Get("items.0")
	if it.Get("agent_type").Str != "COMMISSION_AGENT" || it.Get("suplier_name").Str != "ООО Поставщик" ||
		it.Get("suplier_inn").Str != "7707083893" || it.Get("suplier_phone").Str != "+74951234567" {
		t.Fatal(it.Raw)
	}
	if it := doc.Get("items.1"); it.Get("agent_type").Str != "NONE" || it.Get("suplier_name").Str != "" {
		t.Fatal(it.Raw)
	}
	r.Lines[0].Agent = &receipt.Agent{Type: receipt.AnotherAgent}
	_, p := build(t, r, nil)
	for _, f := range []string{"name", "inn", "phone"} {
		if !has(p, receipt.CodeAgentData, "order.items[0].agent.supplier."+f) {
			t.Errorf("no agent_data_missing for %s: %v", f, p)
		}
	}
	r.Lines[0].Agent.Supplier = receipt.Supplier{Name: "ИП", INN: "1234567890123", Phone: "7495123456789012345"}
	_, p = build(t, r, nil)
	if !has(p, receipt.CodeTooLong, "order.items[0].agent.supplier.inn") || !has(p, receipt.CodeTooLong, "order.items[0].agent.supplier.phone") {
		t.Error(p)
	}
}

func TestMarking(t *testing.T) {
	r := sample()
	r.Lines[1].MarkingCode = "010460406000600021N4N57RSCBUZTQ"
	_, p := build(t, r, nil)
	if pr := one(t, p); pr.Code != CodeMarking || pr.Path != "order.items[1].marking_code" || pr.Severity != receipt.SeverityError {
		t.Fatalf("%+v", pr)
	}
	doc, p := build(t, r, map[string]any{"marking": "warn"})
	if pr := one(t, p); pr.Code != CodeNotSent || pr.Path != "order.items[1].marking_code" || pr.Severity != receipt.SeverityWarning {
		t.Fatalf("%+v", pr)
	}
	if strings.Contains(doc.Raw, "010460406000600021N4N57RSCBUZTQ") {
		t.Fatal("the code cannot be sent anywhere")
	}
	r.Lines[1].MarkingCode, r.Lines[1].NomenclatureCode = "", "444D00000000"
	_, p = build(t, r, nil)
	if one(t, p).Path != "order.items[1].nomenclature_code" {
		t.Fatal(p)
	}
	_, p = build(t, r, map[string]any{"marking": "drop"})
	if !has(p, receipt.CodeUnknownValue, "settings.kassavonline.marking") {
		t.Fatal(p)
	}
}

func TestNotSentWarnings(t *testing.T) {
	r := sample()
	r.Customer.Name, r.Customer.INN = "ООО Ромашка", "7707083893"
	r.Vending = &receipt.Vending{Address: "Москва"}
	_, p := build(t, r, nil)
	if p.HasErrors() || len(p) != 3 || !has(p, CodeNotSent, "order.customer.name") || !has(p, CodeNotSent, "order.customer.inn") || !has(p, CodeNotSent, "settings.vending") {
		t.Fatal(p)
	}
}

func TestSums(t *testing.T) {
	r := sample()
	r.Payments[0].Amount = 10001
	_, p := build(t, r, nil)
	if pr := one(t, p); pr.Code != receipt.CodePaymentsMismatch || pr.Params["payments"] != "321.91" || pr.Params["total"] != "321.90" {
		t.Fatalf("%+v", pr)
	}
	r = sample()
	r.Total = 32191
	_, p = build(t, r, nil)
	if !has(p, receipt.CodeTotalMismatch, "order.total") {
		t.Fatal(p)
	}
	// A zero payment is left out.
	r = sample()
	r.Payments = append(r.Payments, receipt.Payment{Type: receipt.Prepaid, Amount: 0})
	doc, p := build(t, r, nil)
	if len(p) != 0 || len(doc.Get("payments").Array()) != 2 {
		t.Fatal(p, doc.Raw)
	}
	r.Payments[2].Amount = -5
	_, p = build(t, r, nil)
	if !has(p, receipt.CodeNegative, "order.payments[2].amount") {
		t.Fatal(p)
	}
}

func TestLineFields(t *testing.T) {
	r := sample()
	r.Lines[0].Name = ""
	r.Lines[1].Quantity, r.Lines[1].Total = 0, 0
	r.Payments = []receipt.Payment{{Type: receipt.Cash, Amount: 14190}}
	r.Total = 14190
	_, p := build(t, r, nil)
	if !has(p, receipt.CodeRequired, "order.items[0].name") || !has(p, receipt.CodeZeroQuantity, "order.items[1].quantity") {
		t.Fatal(p)
	}
	r = sample()
	r.Lines = nil
	_, p = build(t, r, nil)
	if !has(p, receipt.CodeNoItems, "order.items") {
		t.Fatal(p)
	}
}

func TestLimitsInPayload(t *testing.T) {
	r := sample()
	r.Lines[0].Name = strings.Repeat("я", 200)
	r.Cashier.Name = strings.Repeat("к", 70)
	doc, p := build(t, r, nil)
	if len([]rune(doc.Get("items.0.title").Str)) != 128 || len([]rune(doc.Get("cashier").Str)) != 64 {
		t.Fatal(doc.Raw)
	}
	if !has(p, receipt.CodeTruncated, "order.items[0].name") || !has(p, receipt.CodeTruncated, "order.cashier.name") || p.HasErrors() {
		t.Fatal(p)
	}
	r = sample()
	r.Customer.Email = strings.Repeat("a", 60) + "@example.ru"
	r.Cashier.INN = "1234567890123"
	_, p = build(t, r, nil)
	if !has(p, receipt.CodeTooLong, "order.customer.email") || !has(p, receipt.CodeTooLong, "order.cashier.inn") {
		t.Fatal(p)
	}
}

// Money goes out as the exact decimal text: large amounts and every kopeck.
func TestNumbersNeverFloat(t *testing.T) {
	r := sample()
	big := receipt.MaxMoney - 1 // 9 999 999 999 999.99 RUB: 15 significant digits
	r.Lines = []receipt.Line{{Name: "Яхта", Price: big, Quantity: 1000, Total: big, VAT: receipt.VATNone,
		PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity, Path: "order.items[0]"}}
	r.Payments = []receipt.Payment{{Type: receipt.Electronic, Amount: big}}
	r.Total = big
	b, p := New().Build(r, opts(nil))
	if len(p) != 0 || !strings.Contains(string(b.Payload), `"price":9999999999999.99,"quantity":1,`) ||
		!strings.Contains(string(b.Payload), `"amount":9999999999999.99}`) {
		t.Fatalf("%v %s", p, b.Payload)
	}
	if bad := sim.Check(b.Payload); len(bad) != 0 {
		t.Fatal(bad)
	}
}
