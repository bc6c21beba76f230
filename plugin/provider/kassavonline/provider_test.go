package kassavonline

import (
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/kassavonline"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

const (
	testUser    = "shop-user"
	testKey     = "TOPSECRET-key-123"
	testSerial  = "06773453533"
	testConnKey = "CONNSECRET-YUXV76567"
)

// opts returns options with full credentials, "test": false, plus extra
// section members.
func opts(extra map[string]any) provider.Options {
	cfg := map[string]any{"user": testUser, "key": testKey, "kkm_serial_number": testSerial, "kkm_connection_key": testConnKey}
	for k, v := range extra {
		if v == nil {
			delete(cfg, k)
		} else {
			cfg[k] = v
		}
	}
	b, _ := json.Marshal(cfg)
	return provider.Options{Test: false, Config: b, ConfigPath: "settings.kassavonline"}
}

// sample is a hand-built reconciled receipt: 2 × 70.95 + 1.5 × 120.00 = 321.90,
// paid 100.00 cash and 221.90 by card.
func sample() *receipt.Receipt {
	return &receipt.Receipt{
		ID: "51", Kind: receipt.KindSale, TaxSystem: receipt.USNIncome, Deliver: receipt.DeliverEmail,
		Lines: []receipt.Line{
			{Name: "Чай", Type: receipt.Goods, Price: 7095, Quantity: 2000, Total: 14190, VAT: receipt.VAT20,
				PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity, Path: "order.items[0]"},
			{Name: "Сыр", Type: receipt.Goods, Price: 12000, Quantity: 1500, Total: 18000, VAT: receipt.VAT10,
				PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity, Item: 1, Path: "order.items[1]"},
		},
		Payments: []receipt.Payment{{Type: receipt.Cash, Amount: 10000, Path: "order.payments[0]"},
			{Type: receipt.Electronic, Amount: 22190, Path: "order.payments[1]"}},
		Total:    32190,
		Customer: receipt.Customer{Email: "ann@example.ru", Phone: "79123456789"},
		Cashier:  receipt.Cashier{Name: "Иванов И.И."},
	}
}

func TestName(t *testing.T) {
	if New().Name() != "kassavonline" || Name != "kassavonline" {
		t.Fatal(New().Name())
	}
}

func TestBuildSample(t *testing.T) {
	b, p := New().Build(sample(), opts(nil))
	if len(p) != 0 {
		t.Fatalf("problems: %v", p)
	}
	// Written by hand from the document's field order and the sample's numbers.
	want := `{"kkm_serial_number":"06773453533","kkm_connection_key":"CONNSECRET-YUXV76567","receipt":{` +
		`"ffd":"1.05","type":"cash_in","is_electronic":1,"cashier":"Иванов И.И.","cashier_inn":"",` +
		`"client_tel":"+79123456789","client_email":"ann@example.ru","items":[` +
		`{"title":"Чай","price":70.95,"quantity":2,"tax_type_name":"VAT20","payment_type":4,"payment_subject":1,"agent_type":"NONE","suplier_name":"","suplier_inn":"","suplier_phone":""},` +
		`{"title":"Сыр","price":120.00,"quantity":1.5,"tax_type_name":"VAT10","payment_type":4,"payment_subject":1,"agent_type":"NONE","suplier_name":"","suplier_inn":"","suplier_phone":""}],` +
		`"payments":[{"type":"cash","amount":100.00},{"type":"electronically","amount":221.90}]}}`
	if string(b.Payload) != want {
		t.Fatalf("payload\n got %s\nwant %s", b.Payload, want)
	}
	if bad := sim.Check(b.Payload); len(bad) != 0 {
		t.Fatalf("Check: %v", bad)
	}
	if b.Request.Method != "POST" || b.Request.URL != "https://kassa-v-online.ru/api/print" ||
		b.Request.Headers["Content-Type"] != "application/x-www-form-urlencoded" {
		t.Fatalf("request %+v", b.Request)
	}
	form, err := url.ParseQuery(b.Request.Body)
	if err != nil {
		t.Fatal(err)
	}
	if form.Get("params") != want || form.Get("user") != testUser || form.Get("key") != testKey || len(form) != 3 {
		t.Fatalf("form %v", form)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := New().Build(sample(), opts(nil))
	for i := 0; i < 20; i++ {
		b, _ := New().Build(sample(), opts(nil))
		if string(a.Payload) != string(b.Payload) || a.Request.Body != b.Request.Body {
			t.Fatal("not deterministic")
		}
	}
}

func TestBuildNilReceipt(t *testing.T) {
	b, p := New().Build(nil, opts(nil))
	if !p.HasErrors() || b.Payload != nil {
		t.Fatalf("%v", p)
	}
}

// No problem of any call may carry a credential.
func TestNoSecretsInProblems(t *testing.T) {
	r := sample()
	r.Lines[0].VAT = receipt.VAT5
	r.Lines[1].Price = 99
	var all receipt.Problems
	_, p := New().Build(r, opts(map[string]any{"url": "ftp://" + testUser + ":" + testKey + "@x"}))
	all.Add(p)
	_, p = New().Command(provider.Command{Type: "bogus"}, opts(nil))
	all.Add(p)
	o := opts(nil)
	o.Test = true
	_, p = New().Build(sample(), o)
	all.Add(p)
	for _, pr := range append(all, all.Localize("ru")...) {
		for _, s := range []string{testKey, testConnKey, testUser, testSerial} {
			if strings.Contains(pr.Message, s) || strings.Contains(strings.Join(mapValues(pr.Params), " "), s) {
				t.Errorf("secret %q in %v", s, pr)
			}
		}
	}
	if len(all) < 4 {
		t.Fatalf("expected problems, got %v", all)
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// Random exact receipts always build into payloads the simulator's
// independent Check accepts; random inexact fractional lines are always
// refused.
func TestRandomReceipts(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	gcd := func(a, b int64) int64 {
		for b != 0 {
			a, b = b, a%b
		}
		return a
	}
	for n := 0; n < 2000; n++ {
		r := sample()
		r.Lines, r.Payments, r.Total = nil, nil, 0
		inexact := n%5 == 0
		for i := 0; i < 1+rnd.IntN(6); i++ {
			q := receipt.Qty(1 + rnd.Int64N(5000))
			if rnd.IntN(2) == 0 {
				q = receipt.Qty(1+rnd.Int64N(5)) * receipt.QtyUnit
			}
			step := 1000 / gcd(int64(q), 1000) // price granularity that keeps price × q whole
			price := receipt.Money(rnd.Int64N(100000/step+1) * step)
			if inexact && i == 0 {
				q, price = 1500, receipt.Money(2*rnd.Int64N(5000)+1) // odd kopecks × 1.5: half a kopeck
			}
			total := receipt.Amount(price, q)
			r.Lines = append(r.Lines, receipt.Line{Name: "Товар", Price: price, Quantity: q, Total: total,
				VAT: vatsWithCode[rnd.IntN(len(vatsWithCode))], PaymentMethod: receipt.PaymentMethods[rnd.IntN(7)],
				Subject: receipt.Subjects[rnd.IntN(14)], Path: "order.items[" + strconv.Itoa(i) + "]"})
			r.Total += total
		}
		cash := receipt.Money(rnd.Int64N(int64(r.Total) + 1))
		r.Payments = []receipt.Payment{{Type: receipt.Cash, Amount: cash}, {Type: receipt.Electronic, Amount: r.Total - cash}}
		b, p := New().Build(r, opts(nil))
		if inexact {
			if !has(p, CodeInexactLine, "order.items[0]") || b.Payload != nil {
				t.Fatalf("inexact line accepted: %+v %v", r.Lines[0], p)
			}
			continue
		}
		if p.HasErrors() {
			t.Fatalf("%v", p)
		}
		if bad := sim.Check(b.Payload); bad != nil {
			t.Fatalf("%v\n%s", bad, b.Payload)
		}
	}
}

var vatsWithCode = []receipt.VAT{receipt.VATNone, receipt.VAT0, receipt.VAT10, receipt.VAT20, receipt.VAT110, receipt.VAT120}
