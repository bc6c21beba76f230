package nanokassa_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	sim "github.com/kopeck/kopeck/internal/sim/nanokassa"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

const (
	testToken = "TOKEN-must-never-leak-0123456789"
	section   = `{"kassaid":"123456","kassatoken":"` + testToken + `"}`
)

// line returns a reconciled line: price × qty, no discount.
func line(name string, price receipt.Money, q receipt.Qty) receipt.Line {
	return receipt.Line{Name: name, Type: receipt.Goods, Price: price, Quantity: q, Total: receipt.Amount(price, q),
		PriceBeforeDiscount: price, VAT: receipt.VATNone, PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity,
		Path: "order.items[0]"}
}

// sale returns a reconciled receipt over lines, paid electronically.
func sale(lines ...receipt.Line) *receipt.Receipt {
	r := &receipt.Receipt{ID: "51", Kind: receipt.KindSale, TaxSystem: receipt.USNIncome, Deliver: receipt.DeliverEmail,
		Customer: receipt.Customer{Email: "a@example.ru"}}
	for i, l := range lines {
		if l.Path == "order.items[0]" {
			l.Path = "order.items[" + strconv.Itoa(i) + "]"
		}
		r.Lines = append(r.Lines, l)
		r.Total += l.Total
	}
	r.Payments = []receipt.Payment{{Type: receipt.Electronic, Amount: r.Total}}
	return r
}

func build(t *testing.T, r *receipt.Receipt, cfg string) (provider.Built, receipt.Problems) {
	t.Helper()
	b, p := nanokassa.New().Build(r, provider.Options{Test: true, Config: json.RawMessage(cfg), ConfigPath: "settings.nanokassa", Rand: seeded(7)})
	for _, pr := range p {
		if strings.Contains(pr.Message, testToken) || strings.Contains(pr.Path, testToken) {
			t.Fatalf("a problem reveals the token: %v", pr)
		}
	}
	if !p.HasErrors() {
		if bad := sim.CheckExtended(b.Payload); bad != nil {
			t.Fatalf("payload breaks the rules: %v\n%s", bad, b.Payload)
		}
	}
	return b, p
}

// must builds and fails on errors.
func must(t *testing.T, r *receipt.Receipt, cfg string) (gjson.Result, receipt.Problems) {
	t.Helper()
	b, p := build(t, r, cfg)
	if p.HasErrors() {
		t.Fatalf("unexpected errors: %v", p)
	}
	return gjson.ParseBytes(b.Payload), p
}

// hasProblem reports whether ps has code at path.
func hasProblem(ps receipt.Problems, sev receipt.Severity, code, path string) bool {
	for _, p := range ps {
		if p.Code == code && p.Path == path && p.Severity == sev {
			return true
		}
	}
	return false
}

func TestVATCodes(t *testing.T) {
	documented := map[receipt.VAT]int64{receipt.VAT20: 1, receipt.VAT10: 2, receipt.VAT120: 3, receipt.VAT110: 4, receipt.VAT0: 5, receipt.VATNone: 6}
	extended := map[receipt.VAT]int64{receipt.VAT5: 7, receipt.VAT7: 8, receipt.VAT105: 9, receipt.VAT107: 10, receipt.VAT22: 11, receipt.VAT122: 12}
	if len(documented)+len(extended) != len(receipt.VATs) {
		t.Fatal("a VAT rate is missing from the table")
	}
	for _, v := range receipt.VATs {
		l := line("x", 100, 1000)
		l.VAT = v
		if code, ok := documented[v]; ok {
			pl, _ := must(t, sale(l), section)
			if got := pl.Get("products_arr.0.stavka_nds").Int(); got != code {
				t.Errorf("%s: stavka_nds %d, want %d", v, got, code)
			}
			continue
		}
		_, p := build(t, sale(l), section)
		if !hasProblem(p, receipt.SeverityError, receipt.CodeUnsupported, "order.items[0].vat") {
			t.Errorf("%s without extended_vat: want unsupported at order.items[0].vat, got %v", v, p)
		}
		pl, _ := must(t, sale(l), `{"kassaid":"1","kassatoken":"t","extended_vat":true}`)
		if got := pl.Get("products_arr.0.stavka_nds").Int(); got != extended[v] {
			t.Errorf("%s with extended_vat: stavka_nds %d, want %d", v, got, extended[v])
		}
	}
}

func TestPaymentMethodsAndSubjects(t *testing.T) {
	for i, m := range receipt.PaymentMethods {
		l := line("x", 100, 1000)
		l.PaymentMethod = m
		pl, _ := must(t, sale(l), section)
		if got := pl.Get("products_arr.0.priznak_sposoba_rascheta").Int(); got != int64(i+1) {
			t.Errorf("%s: %d, want %d", m, got, i+1)
		}
	}
	for i, s := range receipt.Subjects {
		code := i + 1
		l := line("x", 100, 1000)
		l.Subject = s
		if code == 7 || code > 13 { // lottery and FFD 1.2 subjects: not in the document
			_, p := build(t, sale(l), section)
			if !hasProblem(p, receipt.SeverityError, receipt.CodeUnsupported, "order.items[0].subject") {
				t.Errorf("%s (FFD %d): want unsupported, got %v", s, code, p)
			}
			continue
		}
		pl, _ := must(t, sale(l), section)
		if got := pl.Get("products_arr.0.priznak_predmeta_rascheta").Int(); got != int64(code) {
			t.Errorf("%s: %d, want %d", s, got, code)
		}
	}
}

func TestKindTaxSystemAndDelivery(t *testing.T) {
	for i, k := range receipt.Kinds {
		r := sale(line("x", 100, 1000))
		r.Kind = k
		if k == receipt.KindSaleRefund {
			r.Reference = &receipt.Reference{Name: "Чек", Number: "7", Date: 1700000000}
		}
		pl, _ := must(t, r, section)
		if got := pl.Get("itog_arr.priznak_rascheta").Int(); got != int64(i+1) {
			t.Errorf("%s: %d, want %d", k, got, i+1)
		}
	}
	for i, ts := range receipt.TaxSystems {
		r := sale(line("x", 100, 1000))
		r.TaxSystem = ts
		pl, _ := must(t, r, section)
		if got := pl.Get("oplata_arr.rezhim_nalog"); got.Type != gjson.String || got.Str != strconv.Itoa(i) {
			t.Errorf("%s: rezhim_nalog %s, want the string %q", ts, got.Raw, strconv.Itoa(i))
		}
	}
	r := sale(line("x", 100, 1000))
	r.TaxSystem = ""
	if _, p := build(t, r, section); !hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "settings.tax_system") {
		t.Errorf("no tax system: %v", p)
	}

	r = sale(line("x", 100, 1000))
	r.Deliver = receipt.DeliverPhone
	r.Customer = receipt.Customer{Email: "a@example.ru", Phone: "+7 (912) 345-67-89"}
	pl, _ := must(t, r, section)
	if pl.Get("check_send_type").Str != "phone" || pl.Get("oplata_arr.client_phone").Str != "79123456789" {
		t.Errorf("phone delivery: %s / %s", pl.Get("check_send_type").Raw, pl.Get("oplata_arr.client_phone").Raw)
	}
	r.Deliver = receipt.DeliverPrint
	if _, p := build(t, r, section); !hasProblem(p, receipt.SeverityError, receipt.CodeUnsupported, "settings.deliver") {
		t.Errorf("print: want unsupported at settings.deliver, got %v", p)
	}
	r.Deliver, r.Customer = receipt.DeliverEmail, receipt.Customer{Phone: "79123456789"}
	if _, p := build(t, r, section); !hasProblem(p, receipt.SeverityError, receipt.CodeNoContact, "order.customer.email") {
		t.Errorf("email without an address: %v", p)
	}
}

func TestNameTruncatedByRunes(t *testing.T) {
	name := strings.Repeat("Щ", 60) + "ёжикЖЖЖЖЖ" // 69 Cyrillic letters, 138 bytes
	pl, p := must(t, sale(line(name, 100, 1000)), section)
	got := pl.Get("products_arr.0.name_tovar").Str
	if utf8.RuneCountInString(got) != 65 || !utf8.ValidString(got) || got != string([]rune(name)[:65]) {
		t.Errorf("name_tovar %q (%d runes)", got, utf8.RuneCountInString(got))
	}
	if !hasProblem(p, receipt.SeverityWarning, receipt.CodeTruncated, "order.items[0].name") {
		t.Errorf("no truncated warning: %v", p)
	}
	exact := strings.Repeat("Я", 65)
	pl, p = must(t, sale(line(exact, 100, 1000)), section)
	if pl.Get("products_arr.0.name_tovar").Str != exact || len(p) != 0 {
		t.Errorf("a 65-character name must pass untouched: %v", p)
	}
}

func TestVendingLimits(t *testing.T) {
	ok := &receipt.Vending{Address: strings.Repeat("а", 256), Place: strings.Repeat("б", 256), MachineNumber: strings.Repeat("№", 20)}
	r := sale(line("x", 100, 1000))
	r.Vending = ok
	pl, _ := must(t, r, section)
	if utf8.RuneCountInString(pl.Get("check_vend_num_avtovat").Str) != 20 || utf8.RuneCountInString(pl.Get("check_vend_address").Str) != 256 {
		t.Errorf("vending fields at their limits must pass")
	}
	// The document's own example: "Number of vending machine " has 26 characters.
	r.Vending = &receipt.Vending{Address: ok.Address + "а", Place: ok.Place + "б", MachineNumber: "Number of vending machine "}
	_, p := build(t, r, section)
	for _, f := range []string{"address", "place", "machine_number"} {
		if !hasProblem(p, receipt.SeverityError, receipt.CodeTooLong, "settings.vending."+f) {
			t.Errorf("vending %s over its limit: %v", f, p)
		}
	}
	r.Vending = nil
	pl, _ = must(t, r, section)
	if pl.Get("check_vend_address").Exists() {
		t.Error("vending fields without vending settings")
	}
}

func TestAmountsAndDiscount(t *testing.T) {
	l := line("весовой", 12708, 1237) // 127.08 × 1.237 = 157.19796 → 157.20
	l.PriceBeforeDiscount = 12990     // 129.90 × 1.237 = 160.6863 → 160.69
	l.Discount = receipt.Amount(12990, 1237) - l.Total
	ship := line("Доставка", 30000, 1000)
	ship.Type = receipt.Shipping
	whole := line("штучный", 142, 2000)
	whole.PriceBeforeDiscount, whole.Discount = 155, 26
	pl, _ := must(t, sale(l, ship, whole), section)
	p0 := pl.Get("products_arr.0")
	if p0.Get("kolvo").Raw != "1.237" || p0.Get("summa").Int() != 15720 || p0.Get("skidka").Int() != 349 ||
		p0.Get("discount.value").Raw != "3.49" || p0.Get("discount.type").Str != "amount" {
		t.Errorf("fractional line: %s", p0.Raw)
	}
	p1 := pl.Get("products_arr.1")
	if p1.Get("deliveryposition").Str != "yes" || p1.Get("discount").Exists() || p1.Get("skidka").Int() != 0 {
		t.Errorf("shipping line: %s", p1.Raw)
	}
	if pl.Get("products_arr.0.deliveryposition").Exists() {
		t.Error("deliveryposition on a goods line")
	}
	p2 := pl.Get("products_arr.2")
	if p2.Get("kolvo").Raw != "2" || p2.Get("summa").Int() != 284 || p2.Get("skidka").Int() != 26 || p2.Get("discount.value").Raw != "0.26" {
		t.Errorf("whole line: %s", p2.Raw)
	}
	if got := pl.Get("itog_arr.itog_cheka").Int(); got != 15720+30000+284 || pl.Get("oplata_arr.money_electro").Int() != got {
		t.Errorf("itog_cheka %d", got)
	}
	big := line("дорогой", 1000_00, 1000)
	big.PriceBeforeDiscount, big.Discount = 1234_00, 234_00
	pl, _ = must(t, sale(big), section)
	if pl.Get("products_arr.0.discount.value").Raw != "234.00" {
		t.Errorf("discount value %s, want 234.00", pl.Get("products_arr.0.discount.value").Raw)
	}
}

func TestPayments(t *testing.T) {
	r := sale(line("x", 15000, 1000))
	r.Payments = []receipt.Payment{{Type: receipt.Cash, Amount: 1000}, {Type: receipt.Electronic, Amount: 2000},
		{Type: receipt.Prepaid, Amount: 3000}, {Type: receipt.OnCredit, Amount: 4000}, {Type: receipt.Other, Amount: 5000}}
	r.Cashier = receipt.Cashier{Name: "Иванов И.", INN: "500100732259"}
	pl, _ := must(t, r, section)
	o := pl.Get("oplata_arr")
	for f, want := range map[string]int64{"money_nal": 1000, "money_electro": 2000, "money_predoplata": 3000, "money_postoplata": 4000, "money_vstrecha": 5000} {
		if o.Get(f).Int() != want {
			t.Errorf("%s = %d, want %d", f, o.Get(f).Int(), want)
		}
	}
	if o.Get("kassir_fio").Str != "Иванов И." || o.Get("kassir_inn").Str != "500100732259" {
		t.Errorf("cashier: %s", o.Raw)
	}
}

func TestAgents(t *testing.T) {
	full := &receipt.Agent{
		Supplier:                receipt.Supplier{Name: "ООО Поставщик", INN: "7707083893", Phone: "74951234567"},
		PayingAgent:             &receipt.PayingAgent{Operation: "Платёж", Phone: "74957654321"},
		ReceivePaymentsOperator: &receipt.Operator{Phone: "74951112233"},
		MoneyTransferOperator:   &receipt.TransferOperator{Name: "Банк", Address: "Москва", INN: "7728168971", Phone: "74950000000"},
	}
	for bit, at := range receipt.AgentTypes {
		a := *full
		a.Type = at
		l := line("x", 100, 1000)
		l.Agent = &a
		pl, p := must(t, sale(l), section)
		pr := pl.Get("products_arr.0")
		if pr.Get("priznak_agenta").Type != gjson.String || pr.Get("priznak_agenta").Str != strconv.Itoa(bit) {
			t.Errorf("%s: priznak_agenta %s", at, pr.Get("priznak_agenta").Raw)
		}
		want := map[string]string{"phone_oper_perevoda": "74950000000", "operation_plat_agenta": "Платёж", "phone_plat_agent": "74957654321",
			"phone_oper_priem_plat": "74951112233", "name_oper_perevoda": "Банк", "address_oper_perevoda": "Москва",
			"inn_oper_perevoda": "7728168971", "phone_postavshika": "74951234567", "name_postavshika": "ООО Поставщик"}
		for f, v := range want {
			if pr.Get(f).Str != v {
				t.Errorf("%s: %s = %q, want %q", at, f, pr.Get(f).Str, v)
			}
		}
		if !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeNotSent, "order.items[0].agent.supplier.inn") {
			t.Errorf("%s: no warning for the supplier INN: %v", at, p)
		}
		// Without data, each type misses what the document marks for it.
		l.Agent = &receipt.Agent{Type: at}
		_, p = build(t, sale(l), section)
		need := map[string]bool{"supplier.phone": true, "supplier.name": true}
		switch at {
		case receipt.BankPayingAgent, receipt.BankPayingSubagent:
			for _, f := range []string{"money_transfer_operator.phone", "paying_agent.operation", "money_transfer_operator.name", "money_transfer_operator.address", "money_transfer_operator.inn"} {
				need[f] = true
			}
		case receipt.PayingAgentType, receipt.PayingSubagent:
			need["paying_agent.phone"], need["receive_payments_operator.phone"] = true, true
		}
		if len(p) != len(need) {
			t.Errorf("%s: %d problems, want %d: %v", at, len(p), len(need), p)
		}
		for f := range need {
			if !hasProblem(p, receipt.SeverityError, receipt.CodeAgentData, "order.items[0].agent."+f) {
				t.Errorf("%s: no agent_data_missing at %s: %v", at, f, p)
			}
		}
	}
	pl, _ := must(t, sale(line("x", 100, 1000)), section)
	pr := pl.Get("products_arr.0")
	if pr.Get("priznak_agenta").Str != "none" || pr.Get("name_postavshika").Type != gjson.String || pr.Get("phone_plat_agent").Str != "" {
		t.Errorf("no agent: %s", pr.Raw)
	}
}

func TestMarkingCodes(t *testing.T) {
	l := line("x", 100, 1000)
	l.MarkingCode = "0104604060005900215Abc\x1d91EE"
	pl, p := must(t, sale(l), section)
	if pl.Get("products_arr.0.code_tov_nomen").Str != l.MarkingCode || len(p) != 0 {
		t.Errorf("marking code only: %s %v", pl.Get("products_arr.0.code_tov_nomen").Raw, p)
	}
	l.NomenclatureCode = "444D0001"
	pl, p = must(t, sale(l), section)
	if pl.Get("products_arr.0.code_tov_nomen").Str != "444D0001" || !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeNotSent, "order.items[0].marking_code") {
		t.Errorf("both codes: %s %v", pl.Get("products_arr.0.code_tov_nomen").Raw, p)
	}
	pl, _ = must(t, sale(line("x", 100, 1000)), section)
	if pl.Get("products_arr.0.code_tov_nomen").Exists() {
		t.Error("code_tov_nomen without a code")
	}
}

func TestRefundReference(t *testing.T) {
	r := sale(line("x", 100, 1000))
	r.Kind = receipt.KindSaleRefund
	pl, p := must(t, r, section)
	if pl.Get("korr_arr").Exists() || !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeNoReference, "order.reference") {
		t.Errorf("refund without reference: %s %v", pl.Get("korr_arr").Raw, p)
	}
	r.Reference = &receipt.Reference{Name: "Кассовый чек", Number: "1024", Date: 1700000000}
	pl, _ = must(t, r, section)
	if pl.Get("korr_arr").Raw != `{"name_doc_korr":"Кассовый чек","date_doc_korr":"1700000000","num_doc_korr":"1024"}` {
		t.Errorf("korr_arr %s", pl.Get("korr_arr").Raw)
	}
	r.Reference = &receipt.Reference{}
	_, p = build(t, r, section)
	for _, f := range []string{"name", "number", "date"} {
		if !hasProblem(p, receipt.SeverityError, receipt.CodeRequired, "order.reference."+f) {
			t.Errorf("empty reference: no error at %s: %v", f, p)
		}
	}
	r.Kind, r.Reference = receipt.KindPurchaseRefund, &receipt.Reference{Name: "a", Number: "1", Date: 1}
	pl, p = must(t, r, section)
	if pl.Get("korr_arr").Exists() || !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeNotSent, "order.reference") {
		t.Errorf("purchase refund: %v", p)
	}
}

func TestCustomerAndTest(t *testing.T) {
	r := sale(line("x", 100, 1000))
	r.Customer = receipt.Customer{Email: "a@example.ru", Name: "ООО Покупатель", INN: "7707083893"}
	pl, p := must(t, r, section)
	if !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeNotSent, "order.customer.name") || !hasProblem(p, receipt.SeverityWarning, nanokassa.CodeNotSent, "order.customer.inn") {
		t.Errorf("customer name/INN: %v", p)
	}
	if pl.Get("test").Str != "1" || pl.Get("cms").Str != "wordpress" || pl.Get("name_zakaz").Str != "заказ 51" {
		t.Errorf("test/cms/name_zakaz: %s %s %s", pl.Get("test").Raw, pl.Get("cms").Raw, pl.Get("name_zakaz").Raw)
	}
	b, p := nanokassa.New().Build(r, provider.Options{Test: false, Config: json.RawMessage(section), Rand: seeded(1)})
	if p.HasErrors() || gjson.GetBytes(b.Payload, "test").Str != "0" {
		t.Errorf("production: %s %v", gjson.GetBytes(b.Payload, "test").Raw, p)
	}
}

func TestUnreconciledReceipt(t *testing.T) {
	l := line("x", 7095, 2000)
	l.Total = 14191 // the document's impossible line
	r := sale(l)
	if _, p := build(t, r, section); !hasProblem(p, receipt.SeverityError, nanokassa.CodeUnreconciled, "order") {
		t.Errorf("an unreconciled line must be refused: %v", p)
	}
	if _, p := nanokassa.New().Build(nil, provider.Options{}); !p.HasErrors() {
		t.Error("nil receipt")
	}
}

func TestFieldOrder(t *testing.T) {
	l := line("x", 100, 1000)
	l.NomenclatureCode = "1"
	l.PriceBeforeDiscount, l.Discount = 150, 50
	l.Type = receipt.Shipping
	r := sale(l)
	r.Kind, r.Reference = receipt.KindSaleRefund, &receipt.Reference{Name: "a", Number: "1", Date: 1}
	r.Vending = &receipt.Vending{Address: "a", Place: "b", MachineNumber: "c"}
	b, _ := build(t, r, section)
	top := []string{"kassaid", "kassatoken", "cms", "check_send_type", "name_zakaz", "check_vend_address", "check_vend_mesto",
		"check_vend_num_avtovat", "products_arr", "oplata_arr", "itog_arr", "korr_arr", "test"}
	if got := keys(gjson.ParseBytes(b.Payload)); strings.Join(got, ",") != strings.Join(top, ",") {
		t.Errorf("top-level order %v", got)
	}
	prod := []string{"name_tovar", "price_piece_bez_skidki", "skidka", "kolvo", "price_piece", "summa", "stavka_nds",
		"priznak_sposoba_rascheta", "priznak_predmeta_rascheta", "priznak_agenta", "code_tov_nomen", "phone_oper_perevoda",
		"operation_plat_agenta", "phone_plat_agent", "phone_oper_priem_plat", "name_oper_perevoda", "address_oper_perevoda",
		"inn_oper_perevoda", "phone_postavshika", "name_postavshika", "discount", "deliveryposition"}
	if got := keys(gjson.GetBytes(b.Payload, "products_arr.0")); strings.Join(got, ",") != strings.Join(prod, ",") {
		t.Errorf("product order %v", got)
	}
	op := []string{"rezhim_nalog", "money_nal", "money_electro", "money_predoplata", "money_postoplata", "money_vstrecha",
		"kassir_inn", "kassir_fio", "client_email", "client_phone"}
	if got := keys(gjson.GetBytes(b.Payload, "oplata_arr")); strings.Join(got, ",") != strings.Join(op, ",") {
		t.Errorf("oplata order %v", got)
	}
	if bytes.Contains(b.Payload, []byte("\\u0026")) || bytes.Contains(b.Payload, []byte("\n")) {
		t.Error("payload must be compact and not HTML-escaped")
	}
}

func keys(r gjson.Result) []string {
	var out []string
	r.ForEach(func(k, _ gjson.Result) bool { out = append(out, k.Str); return true })
	return out
}
