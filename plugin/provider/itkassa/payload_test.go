package itkassa

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/itkassa"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return m
}

func command0(t *testing.T, b []byte) map[string]any {
	t.Helper()
	cmds, _ := decode(t, b)["commands"].([]any)
	if len(cmds) != 1 {
		t.Fatalf("want one command: %s", b)
	}
	return cmds[0].(map[string]any)
}

func line0(t *testing.T, b []byte, i int) map[string]any {
	t.Helper()
	return command0(t, b)["lines"].([]any)[i].(map[string]any)
}

// build builds r and requires no errors and a payload that passes the
// simulator's independent checker.
func build(t *testing.T, r *receipt.Receipt, o provider.Options) (provider.Built, receipt.Problems) {
	t.Helper()
	b, p := New().Build(r, o)
	if p.HasErrors() {
		t.Fatalf("errors: %v", p)
	}
	if errs := sim.Check(b.Payload); len(errs) > 0 {
		t.Fatalf("Check refuses %s: %v", b.Payload, errs)
	}
	noSecrets(t, p)
	return b, p
}

// mustFail builds r and requires the error code at path, and nothing built.
func mustFail(t *testing.T, r *receipt.Receipt, o provider.Options, code, path string) receipt.Problems {
	t.Helper()
	b, p := New().Build(r, o)
	mustProblem(t, p, receipt.SeverityError, code, path)
	if b.Payload != nil || b.Request.URL != "" {
		t.Fatalf("built despite errors: %s", b.Payload)
	}
	noSecrets(t, p)
	return p
}

func TestBuildSale(t *testing.T) {
	b, p := build(t, sale(), opts())
	if len(p) != 0 {
		t.Fatalf("unexpected problems %v", p)
	}
	// Written by hand from the document: 2 × 70.95 = 141.90; 1.5 × 10.01 =
	// 15.015 → 15.02; 141.90 + 15.02 = 156.92 = 100.00 card + 56.92 cash.
	want := `{"creItemId":"89189775-e4fc-70d0-5e2c-182e4121308e","idempKey":"e587cc20-c627-592c-a9bc-d1fdc9c18666",
	"commands":[{"type":"sale","isPrintable":false,"sno":"sno_ysn_dmr",
	"tagCashierName":"Иванова А.А.","tagCashierINN":"500100732259","tagClientContact":"buyer@example.com",
	"lines":[
	 {"title":"Чай зелёный","price":"70.95","quantity":"2","total":"141.90","tax":"vat_20","ppr":"goods","psr":"full_settle"},
	 {"title":"Конфеты весовые","price":"10.01","quantity":"1.5","total":"15.02","tax":"vat_none","ppr":"goods","psr":"full_settle"}],
	"amountCash":"56.92","amountElectronic":"100.00","amountPrepaid":"0.00","amountCredit":"0.00","amountIncoming":"0.00"}]}`
	if got, exp := decode(t, b.Payload), decode(t, []byte(want)); !reflect.DeepEqual(got, exp) {
		t.Fatalf("payload\n%s\nwant\n%s", b.Payload, want)
	}
	rq := b.Request
	if rq.Method != "POST" || rq.URL != sandboxURL+"/print-documents" || rq.Body != string(b.Payload) {
		t.Fatalf("request %+v", rq)
	}
	if rq.Headers["Content-Type"] != "application/json;charset=UTF-8" || rq.Headers["X-API-Key"] != testAPIKey {
		t.Fatalf("headers %v", rq.Headers)
	}
}

func TestBuildDefaultURLAndTestGuard(t *testing.T) {
	o := optsWith(nil)
	mustFail(t, sale(), o, CodeNoTestEndpoint, "settings.test")
	o.Test = false
	b, _ := build(t, sale(), o)
	if b.Request.URL != "https://qapi.itkassa.ru/open/api/v1/print-documents" {
		t.Fatalf("url %s", b.Request.URL)
	}
}

func TestBuildSettingsRequired(t *testing.T) {
	mustFail(t, sale(), optsWith(map[string]any{"url": sandboxURL, "api_key": nil}), receipt.CodeRequired, "settings.itkassa.api_key")
	mustFail(t, sale(), optsWith(map[string]any{"url": sandboxURL, "cre_item_id": nil}), receipt.CodeRequired, "settings.itkassa.cre_item_id")
	mustFail(t, sale(), optsWith(map[string]any{"url": sandboxURL, "cre_item_id": "kassa-1"}), CodeInvalidUUID, "settings.itkassa.cre_item_id")
	mustFail(t, sale(), optsWith(map[string]any{"url": "ftp://x"}), CodeInvalidURL, "settings.itkassa.url")
	if _, p := New().Build(nil, opts()); !hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "order") {
		t.Fatal(p)
	}
}

func TestBuildAssertsAmounts(t *testing.T) {
	r := sale()
	r.Lines[1].Total = 1501 // 1.5 × 10.01 = 15.015 → 15.02, not 15.01
	r.Total--
	r.Payments[1].Amount--
	p := mustFail(t, r, opts(), CodeLineAmount, "order.items[1].total")
	if p[0].Params["amount"] != "15.02" {
		t.Fatalf("params %v", p[0].Params)
	}
	r = sale()
	r.Total = 15000
	mustFail(t, r, opts(), CodeLinesTotal, "order.total")
	r = sale()
	r.Payments[0].Amount = 9999
	mustFail(t, r, opts(), receipt.CodePaymentsMismatch, "order.payments")
	r = sale()
	r.Lines[0].Quantity = 0
	mustFail(t, r, opts(), receipt.CodeZeroQuantity, "order.items[0].quantity")
	r = sale()
	r.Lines[0].Price = -1
	mustFail(t, r, opts(), receipt.CodeNegative, "order.items[0].price")
	r = sale()
	r.Lines = nil
	r.Total, r.Payments = 0, nil
	mustFail(t, r, opts(), receipt.CodeNoItems, "order.items")
	r = sale()
	r.ID = " "
	mustFail(t, r, opts(), receipt.CodeRequired, "order.id")
	r = sale()
	r.Payments[0].Type = "bitcoin"
	mustFail(t, r, opts(), receipt.CodeUnsupported, "order.payments[0].type")
}

func TestBuildPayments(t *testing.T) {
	r := sale()
	r.Payments = []receipt.Payment{{Type: receipt.Cash, Amount: 1000}, {Type: receipt.Electronic, Amount: 2000},
		{Type: receipt.Prepaid, Amount: 3000}, {Type: receipt.OnCredit, Amount: 4000}, {Type: receipt.Other, Amount: 5000},
		{Type: receipt.Cash, Amount: 692}}
	b, _ := build(t, r, opts())
	c := command0(t, b.Payload)
	want := map[string]string{"amountCash": "16.92", "amountElectronic": "20.00", "amountPrepaid": "30.00",
		"amountCredit": "40.00", "amountIncoming": "50.00"}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("%s = %v, want %s", k, c[k], v)
		}
	}
}

func TestBuildDelivery(t *testing.T) {
	cases := []struct {
		deliver      receipt.Deliver
		email, phone string
		printable    bool
		contact      string
	}{
		{receipt.DeliverEmail, "a@b.ru", "79123456789", false, "a@b.ru"},
		{"", "a@b.ru", "", false, "a@b.ru"},
		{receipt.DeliverEmail, "", "79123456789", false, "+79123456789"},
		{receipt.DeliverPhone, "a@b.ru", "79123456789", false, "+79123456789"},
		{receipt.DeliverPhone, "a@b.ru", "", false, "a@b.ru"},
		{receipt.DeliverPhone, "", "+79123456789", false, "+79123456789"},
		{receipt.DeliverPrint, "a@b.ru", "", true, "a@b.ru"},
		{receipt.DeliverPrint, "", "", true, ""},
	}
	for _, c := range cases {
		r := sale()
		r.Deliver, r.Customer.Email, r.Customer.Phone = c.deliver, c.email, c.phone
		b, _ := build(t, r, opts())
		cmd := command0(t, b.Payload)
		if cmd["isPrintable"] != c.printable {
			t.Errorf("%+v: isPrintable %v", c, cmd["isPrintable"])
		}
		got, _ := cmd["tagClientContact"].(string)
		if got != c.contact {
			t.Errorf("%+v: contact %q", c, got)
		}
	}
	r := sale()
	r.Customer = receipt.Customer{Name: "ООО Ромашка"}
	mustFail(t, r, opts(), receipt.CodeNoContact, "order.customer.email")
	r.Deliver = receipt.DeliverPhone
	mustFail(t, r, opts(), receipt.CodeNoContact, "order.customer.phone")
	r.Deliver = "pigeon"
	mustFail(t, r, opts(), receipt.CodeUnsupported, "settings.deliver")
}

func TestBuildClientAndVending(t *testing.T) {
	r := sale()
	r.Customer.Name, r.Customer.INN = "ООО Ромашка", "7707083893"
	r.Vending = &receipt.Vending{Address: "г. Москва, ул. Тверская, 1", Place: "Холл", MachineNumber: "A-17"}
	b, _ := build(t, r, opts())
	c := command0(t, b.Payload)
	if c["tagClientTitle"] != "ООО Ромашка" || c["tagClientINN"] != "7707083893" || c["tagSaleLocation"] != "г. Москва, ул. Тверская, 1" {
		t.Fatalf("%v", c)
	}
	if strings.Contains(string(b.Payload), "A-17") {
		t.Fatal("machine number has no ITKassa field")
	}
}

func TestBuildTitle(t *testing.T) {
	r := sale()
	r.Lines[0].Name = strings.Repeat("Ж", 260) // 520 bytes, 260 runes
	b, p := build(t, r, opts())
	mustProblem(t, p, receipt.SeverityWarning, receipt.CodeTruncated, "order.items[0].name")
	if got := line0(t, b.Payload, 0)["title"].(string); got != strings.Repeat("Ж", 250) {
		t.Fatalf("title %d runes", len([]rune(got)))
	}
	if p[0].Params["limit"] != "250" || p[0].Params["length"] != "260" {
		t.Fatal(p[0].Params)
	}
	r.Lines[0].Name = strings.Repeat("Ж", 250)
	if _, p := build(t, r, opts()); len(p) != 0 {
		t.Fatalf("250 runes must pass: %v", p)
	}
	r.Lines[0].Name = "  "
	mustFail(t, r, opts(), receipt.CodeRequired, "order.items[0].name")
	r = sale()
	r.Lines[0].Name = `Чай "<Ахмад> & Ко"`
	b, _ = build(t, r, opts())
	if !strings.Contains(string(b.Payload), `"Чай \"<Ахмад> & Ко\""`) {
		t.Fatalf("HTML must not be escaped: %s", b.Payload)
	}
}

func agentSale() *receipt.Receipt {
	r := sale()
	r.Lines[0].Agent = &receipt.Agent{Type: receipt.CommissionAgent,
		Supplier: receipt.Supplier{Name: "ИП Петров", INN: "500100732259", Phone: "79001112233"}}
	r.Lines[1].Agent = &receipt.Agent{Type: receipt.PayingAgentType,
		Supplier:                receipt.Supplier{Name: "ООО Поставщик", INN: "7707083893"},
		PayingAgent:             &receipt.PayingAgent{Operation: "Оплата", Phone: "79990001122"},
		ReceivePaymentsOperator: &receipt.Operator{Phone: "+79990003344"},
		MoneyTransferOperator:   &receipt.TransferOperator{Name: "ООО Перевод", Address: "Москва", INN: "7707083893", Phone: "79990005566"},
	}
	return r
}

func TestBuildAgent(t *testing.T) {
	b, _ := build(t, agentSale(), opts())
	c := command0(t, b.Payload)
	// commission_agent is bit 5 (32), paying_agent bit 2 (4): 1057 = 36.
	if c["tagAgentType"] != json.Number("36") {
		t.Fatalf("receipt tagAgentType %v", c["tagAgentType"])
	}
	for k, v := range map[string]string{"tagAgentOperator": "Оплата", "tagAgentContact": "+79990001122",
		"tagPayeeServiceOperatorContact": "+79990003344", "tagTransferServiceOperatorTitle": "ООО Перевод",
		"tagTransferServiceOperatorAddress": "Москва", "tagTransferServiceOperatorINN": "7707083893",
		"tagTransferServiceOperatorContact": "+79990005566"} {
		if c[k] != v {
			t.Errorf("%s = %v, want %s", k, c[k], v)
		}
	}
	l0, l1 := line0(t, b.Payload, 0), line0(t, b.Payload, 1)
	if l0["tagAgentType"] != json.Number("32") || l0["tagServiceProviderINN"] != "500100732259" ||
		l0["tagServiceProviderTitle"] != "ИП Петров" || l0["tagServiceProviderContact"] != "+79001112233" {
		t.Fatalf("line 0 %v", l0)
	}
	if l1["tagAgentType"] != json.Number("4") || l1["tagServiceProviderContact"] != nil {
		t.Fatalf("line 1 %v", l1)
	}

	r := agentSale()
	r.Lines[0].Agent.PayingAgent = &receipt.PayingAgent{Operation: "Другое"}
	p := mustFail(t, r, opts(), CodeAgentConflict, "order.items[1].agent.paying_agent.operation")
	if len(p.Errors()) != 1 {
		t.Fatalf("only the differing field conflicts: %v", p)
	}
	r = agentSale()
	r.Lines[0].Agent.Supplier.INN = ""
	mustFail(t, r, opts(), receipt.CodeAgentData, "order.items[0].agent.supplier.inn")
	r = agentSale()
	r.Lines[0].Agent.Type = "broker"
	mustFail(t, r, opts(), receipt.CodeUnsupported, "order.items[0].agent.type")
}

func TestBuildMarking(t *testing.T) {
	r := sale()
	r.Lines[0].MarkingCode = "010460406000600021N4N57RSCBUZTQ\u001d2403004002910161218\u001d1724010191ffd0\u001d92tIAF/YVoU4roQS3M/m4z78yFq0fc/WsSmLeX5QkF/YVWwy8IMYAeiQ91Xa2z/fFSJcOkb2N+uUUmfr4n0mOX0Q=="
	r.Lines[0].NomenclatureCode = "44 4D 04 36"
	r.Lines[1].NomenclatureCode = "1520043603bef514"
	b, _ := build(t, r, opts())
	l0, l1 := line0(t, b.Payload, 0), line0(t, b.Payload, 1)
	if l0["tagTrueSign"] != r.Lines[0].MarkingCode || l0["tags"] != nil {
		t.Fatalf("line 0 %v", l0)
	}
	tags := l1["tags"].([]any)[0].(map[string]any)
	if tags["id"] != json.Number("1162") || tags["type"] != "array" || tags["value"] != "15 20 04 36 03 BE F5 14" {
		t.Fatalf("tags %v", tags)
	}
	r.Lines[1].NomenclatureCode = "15 2 0G"
	mustFail(t, r, opts(), CodeNomenclature, "order.items[1].nomenclature_code")
}

func TestBuildCollectsAllProblems(t *testing.T) {
	r := sale()
	r.Kind = "gift"
	r.TaxSystem = ""
	r.Lines[0].VAT = receipt.VAT22
	r.Lines[1].Subject = receipt.ResortFee
	_, p := New().Build(r, optsWith(map[string]any{"url": sandboxURL, "api_key": nil}))
	for _, want := range [][2]string{{receipt.CodeUnsupported, "order.kind"}, {receipt.CodeRequired, "settings.tax_system"},
		{receipt.CodeUnsupported, "order.items[0].vat"}, {receipt.CodeUnsupported, "order.items[1].subject"},
		{receipt.CodeRequired, "settings.itkassa.api_key"}} {
		mustProblem(t, p, receipt.SeverityError, want[0], want[1])
	}
}
