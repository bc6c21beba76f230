package itkassa

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

// The expected codes are copied from the API document's tables, not from
// enums.go; every canonical value is either mapped to its documented code
// or refused with "unsupported" at the right path.

func TestKindTable(t *testing.T) {
	want := map[receipt.Kind]string{"sale": "sale", "sale_refund": "returnSale", "purchase": "buy", "purchase_refund": "returnBuy"}
	for _, k := range receipt.Kinds {
		r := sale()
		r.Kind = k
		b, _ := build(t, r, opts())
		if got := command0(t, b.Payload)["type"]; got != want[k] {
			t.Errorf("%s → %v, want %s", k, got, want[k])
		}
	}
}

func TestTaxTable(t *testing.T) {
	want := map[receipt.VAT]string{"none": "vat_none", "vat0": "vat_0", "vat10": "vat_10", "vat20": "vat_20",
		"vat110": "vat_110", "vat120": "vat_120"}
	for _, v := range receipt.VATs {
		r := sale()
		r.Lines[1].VAT = v
		code, ok := want[v]
		if !ok {
			p := mustFail(t, r, opts(), receipt.CodeUnsupported, "order.items[1].vat")
			if p[0].Params["value"] != `"`+string(v)+`"` || p[0].Params["provider"] != "itkassa" {
				t.Errorf("%s params %v", v, p[0].Params)
			}
			continue
		}
		b, _ := build(t, r, opts())
		if got := line0(t, b.Payload, 1)["tax"]; got != code {
			t.Errorf("%s → %v, want %s", v, got, code)
		}
	}
	if len(Taxes) != len(want) {
		t.Fatalf("table has %d codes, the document %d", len(Taxes), len(want))
	}
}

// TestVAT120Decision: the document's table says "vat_120 НДС 10/120". kopeck
// decides vat_120 is the calculated rate 20/120 (the pattern of vat_110 =
// 10/110); vat20/120 lines are sent as vat_120, and the 10% rates never are.
func TestVAT120Decision(t *testing.T) {
	if Taxes[receipt.VAT120] != "vat_120" || Taxes[receipt.VAT110] != "vat_110" {
		t.Fatal("vat120 must be vat_120 and vat110 vat_110")
	}
	for v, code := range Taxes {
		if code == "vat_120" && v != receipt.VAT120 {
			t.Fatalf("%s must not map to vat_120", v)
		}
	}
	if CorrectionVATs[receipt.VAT120] != "amountVat120" {
		t.Fatal("correction amounts follow the same decision")
	}
}

func TestSubjectTable(t *testing.T) {
	want := map[receipt.Subject]string{"commodity": "goods", "excise": "excise_goods", "job": "job", "service": "service",
		"gambling_bet": "bet_in_game", "gambling_prize": "winning_in_game", "lottery": "lottery_ticket",
		"lottery_prize": "lottery_winning", "intellectual_activity": "ipr", "payment": "payment", "composite": "composite",
		"agent_commission": "agent_commission", "another": "other"}
	for _, s := range receipt.Subjects {
		r := sale()
		r.Lines[0].Subject = s
		code, ok := want[s]
		if !ok {
			mustFail(t, r, opts(), receipt.CodeUnsupported, "order.items[0].subject")
			continue
		}
		b, _ := build(t, r, opts())
		if got := line0(t, b.Payload, 0)["ppr"]; got != code {
			t.Errorf("%s → %v, want %s", s, got, code)
		}
	}
	r := sale()
	r.Lines[0].Subject = ""
	mustFail(t, r, opts(), receipt.CodeRequired, "order.items[0].subject")
}

func TestMethodTable(t *testing.T) {
	want := map[receipt.PaymentMethod]string{"full_prepayment": "prepayment_100", "prepayment": "prepayment",
		"advance": "advance", "full_payment": "full_settle", "partial_payment": "credit", "credit": "credit_transfer",
		"credit_payment": "credit_payment"}
	for _, m := range receipt.PaymentMethods {
		r := sale()
		r.Lines[0].PaymentMethod = m
		b, _ := build(t, r, opts())
		if got := line0(t, b.Payload, 0)["psr"]; got != want[m] {
			t.Errorf("%s → %v, want %s", m, got, want[m])
		}
	}
	r := sale()
	r.Lines[0].PaymentMethod = "barter"
	mustFail(t, r, opts(), receipt.CodeUnsupported, "order.items[0].payment_method")
}

func TestTaxSystemTable(t *testing.T) {
	want := map[receipt.TaxSystem]string{"osn": "sno_osn", "usn_income": "sno_ysn_d", "usn_income_outcome": "sno_ysn_dmr",
		"envd": "sno_envd", "esn": "sno_esn", "patent": "sno_psn"}
	for _, ts := range receipt.TaxSystems {
		r := sale()
		r.TaxSystem = ts
		b, _ := build(t, r, opts())
		if got := command0(t, b.Payload)["sno"]; got != want[ts] {
			t.Errorf("%s → %v, want %s", ts, got, want[ts])
		}
	}
	r := sale()
	r.TaxSystem = "usn"
	mustFail(t, r, opts(), receipt.CodeUnsupported, "settings.tax_system")
}

func TestAgentMask(t *testing.T) {
	want := []int{1, 2, 4, 8, 16, 32, 64} // the document's bit table, bits 0…6
	for i, a := range receipt.AgentTypes {
		if m, ok := AgentMask(a); !ok || m != want[i] {
			t.Errorf("%s → %d", a, m)
		}
	}
	if _, ok := AgentMask("broker"); ok {
		t.Fatal("unknown agent type mapped")
	}
}

func TestAmountFields(t *testing.T) {
	if len(Amounts) != len(receipt.PaymentTypes) {
		t.Fatal("every payment type needs an amount field")
	}
}
