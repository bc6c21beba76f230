package kassavonline

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// one returns the single problem of p, failing otherwise.
func one(t *testing.T, p receipt.Problems) receipt.Problem {
	t.Helper()
	if len(p) != 1 {
		t.Fatalf("want one problem, got %v", p)
	}
	return p[0]
}

func TestKinds(t *testing.T) {
	for _, c := range []struct {
		k    receipt.Kind
		want string
		code string
	}{
		{receipt.KindSale, "cash_in", ""},
		{receipt.KindSaleRefund, "return_cash_in", ""},
		{receipt.KindPurchase, "", receipt.CodeUnsupported},
		{receipt.KindPurchaseRefund, "", receipt.CodeUnsupported},
		{"", "", receipt.CodeRequired},
		{"sell", "", receipt.CodeUnknownValue},
	} {
		var p receipt.Problems
		got := mapKind(c.k, &p)
		if got != c.want {
			t.Errorf("%q → %q, want %q", c.k, got, c.want)
		}
		if c.code == "" {
			if len(p) != 0 {
				t.Errorf("%q: %v", c.k, p)
			}
			continue
		}
		pr := one(t, p)
		if pr.Code != c.code || pr.Path != "order.kind" {
			t.Errorf("%q: %+v", c.k, pr)
		}
	}
}

// Every canonical VAT rate: the six with a code map to the document's names,
// every other one is "unsupported" at the line's vat path.
func TestVATs(t *testing.T) {
	want := map[receipt.VAT]string{"none": "NO", "vat0": "VAT0", "vat10": "VAT10", "vat20": "VAT20", "vat110": "VAT110", "vat120": "VAT120"}
	for _, v := range receipt.VATs {
		var p receipt.Problems
		got := mapVAT(v, "order.items[3].vat", &p)
		if w, ok := want[v]; ok {
			if got != w || len(p) != 0 {
				t.Errorf("%s → %q %v, want %s", v, got, p, w)
			}
			continue
		}
		pr := one(t, p)
		if got != "" || pr.Code != receipt.CodeUnsupported || pr.Path != "order.items[3].vat" || pr.Params["value"] != string(v) {
			t.Errorf("%s: %q %+v", v, got, pr)
		}
	}
	for _, v := range []receipt.VAT{"vat18", "vat118"} { // obsolete: never produced
		var p receipt.Problems
		if mapVAT(v, "x.vat", &p) != "" || one(t, p).Code != receipt.CodeUnknownValue {
			t.Errorf("%s accepted", v)
		}
	}
	if len(want) != 6 || len(receipt.VATs)-len(want) != 6 {
		t.Fatal("the canonical VAT list changed: review the mapping")
	}
}

func TestPaymentMethods(t *testing.T) {
	want := []int{1, 2, 3, 4, 5, 6, 7}
	names := []receipt.PaymentMethod{"full_prepayment", "prepayment", "advance", "full_payment", "partial_payment", "credit", "credit_payment"}
	for i, m := range names {
		var p receipt.Problems
		if got := mapMethod(m, "x", &p); got != want[i] || len(p) != 0 {
			t.Errorf("%s → %d %v", m, got, p)
		}
	}
	var p receipt.Problems
	if mapMethod("cash", "order.items[0].payment_method", &p) != 0 || one(t, p).Path != "order.items[0].payment_method" {
		t.Error(p)
	}
}

// The document lists payment_subject 1–14 and 17–19.
func TestSubjects(t *testing.T) {
	want := map[receipt.Subject]int{
		"commodity": 1, "excise": 2, "job": 3, "service": 4, "gambling_bet": 5, "gambling_prize": 6,
		"lottery": 7, "lottery_prize": 8, "intellectual_activity": 9, "payment": 10, "agent_commission": 11,
		"composite": 12, "another": 13, "property_right": 14, "sales_tax": 17, "resort_fee": 18, "deposit": 19,
	}
	for _, s := range receipt.Subjects {
		var p receipt.Problems
		got := mapSubject(s, "order.items[1].subject", &p)
		if w, ok := want[s]; ok {
			if got != w || len(p) != 0 {
				t.Errorf("%s → %d %v, want %d", s, got, p, w)
			}
			continue
		}
		pr := one(t, p)
		if pr.Code != receipt.CodeUnsupported || pr.Path != "order.items[1].subject" || pr.Params["value"] != string(s) {
			t.Errorf("%s: %+v", s, pr)
		}
	}
	for _, s := range []receipt.Subject{receipt.NonOperatingGain, receipt.InsurancePremium} {
		if _, ok := want[s]; ok {
			t.Errorf("%s must be unsupported", s)
		}
	}
	if len(want) != 17 || len(receipt.Subjects) != 19 {
		t.Fatal("subject lists changed")
	}
}

func TestAgents(t *testing.T) {
	var p receipt.Problems
	if mapAgent(nil, "x", &p) != "NONE" || len(p) != 0 {
		t.Fatal("no agent")
	}
	want := map[receipt.AgentType]string{"commission_agent": "COMMISSION_AGENT", "another": "ANOTHER"}
	for _, a := range receipt.AgentTypes {
		var p receipt.Problems
		got := mapAgent(&receipt.Agent{Type: a}, "order.items[2].agent.type", &p)
		if w, ok := want[a]; ok {
			if got != w || len(p) != 0 {
				t.Errorf("%s → %q %v", a, got, p)
			}
			continue
		}
		pr := one(t, p)
		if pr.Code != receipt.CodeUnsupported || pr.Path != "order.items[2].agent.type" {
			t.Errorf("%s: %+v", a, pr)
		}
	}
}

func TestPaymentTypes(t *testing.T) {
	want := map[receipt.PaymentType]string{"cash": "cash", "electronic": "electronically", "prepaid": "prepaid", "credit": "credit", "other": "other"}
	for _, pt := range receipt.PaymentTypes {
		var p receipt.Problems
		if got := mapPayment(pt, "x", &p); got != want[pt] || len(p) != 0 {
			t.Errorf("%s → %q %v", pt, got, p)
		}
	}
	if len(want) != len(receipt.PaymentTypes) {
		t.Fatal("payment types changed")
	}
	var p receipt.Problems
	if mapPayment("card", "order.payments[1].type", &p) != "" || one(t, p).Path != "order.payments[1].type" {
		t.Error(p)
	}
}
