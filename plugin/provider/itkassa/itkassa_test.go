package itkassa

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

const (
	testCre    = "89189775-e4fc-70d0-5e2c-182e4121308e"
	testAPIKey = "KqZD0anh8wkRs01eZVwhkPSR7d3Fgq4k"
	testCbKey  = "s3cr3tcallbackkey"
	sandboxURL = "http://127.0.0.1:8080/open/api/v1"
)

// opts are options for the sandbox: test mode with the URL overridden.
func opts() provider.Options {
	return optsWith(map[string]any{"url": sandboxURL + "/"})
}

func optsWith(cfg map[string]any) provider.Options {
	base := map[string]any{"api_key": testAPIKey, "cre_item_id": testCre, "callback_api_key": testCbKey}
	for k, v := range cfg {
		if v == nil {
			delete(base, k)
		} else {
			base[k] = v
		}
	}
	raw, _ := json.Marshal(base)
	return provider.Options{Test: true, Config: raw, ConfigPath: "settings.itkassa"}
}

// sale is a two-line sale: 2 × 70.95 (vat20) and 1.5 × 10.01 rounded
// (15.02, vat none), paid 100.00 by card and 56.92 in cash. 141.90 + 15.02 = 156.92.
func sale() *receipt.Receipt {
	return &receipt.Receipt{
		ID:        "1042",
		Kind:      receipt.KindSale,
		TaxSystem: receipt.USNIncomeOutcome,
		Deliver:   receipt.DeliverEmail,
		Lines: []receipt.Line{
			{Name: "Чай зелёный", Type: receipt.Goods, Price: 7095, Quantity: 2000, Total: 14190,
				VAT: receipt.VAT20, PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity, Path: "order.items[0]"},
			{Name: "Конфеты весовые", Type: receipt.Goods, Price: 1001, Quantity: 1500, Total: 1502,
				VAT: receipt.VATNone, PaymentMethod: receipt.FullPayment, Subject: receipt.Commodity, Item: 1, Path: "order.items[1]"},
		},
		Payments: []receipt.Payment{{Type: receipt.Electronic, Amount: 10000, Path: "order.payments[0]"},
			{Type: receipt.Cash, Amount: 5692, Path: "order.payments[1]"}},
		Total:    15692,
		Customer: receipt.Customer{Email: "buyer@example.com", Phone: "79123456789"},
		Cashier:  receipt.Cashier{Name: "Иванова А.А.", INN: "500100732259"},
	}
}

// hasProblem reports whether ps holds code at path with the given severity.
func hasProblem(ps receipt.Problems, sev receipt.Severity, code, path string) bool {
	for _, p := range ps {
		if p.Code == code && p.Path == path && p.Severity == sev {
			return true
		}
	}
	return false
}

func mustProblem(t *testing.T, ps receipt.Problems, sev receipt.Severity, code, path string) {
	t.Helper()
	if !hasProblem(ps, sev, code, path) {
		t.Fatalf("want %s %s at %s, got %v", sev, code, path, ps)
	}
}

// noSecrets fails when a problem mentions a configured secret.
func noSecrets(t *testing.T, ps receipt.Problems) {
	t.Helper()
	for _, p := range ps {
		s := p.Message + " " + p.Path
		for _, v := range p.Params {
			s += " " + v
		}
		if strings.Contains(s, testAPIKey) || strings.Contains(s, testCbKey) {
			t.Fatalf("a secret leaked into %v", p)
		}
	}
}

func TestNewAndName(t *testing.T) {
	p := New()
	if p.Name() != "itkassa" || Name != "itkassa" {
		t.Fatalf("name %q", p.Name())
	}
}
