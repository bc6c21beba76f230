package wordpress

import (
	"testing"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
)

func TestPercentVAT(t *testing.T) {
	want := map[string]receipt.VAT{"0": receipt.VAT0, "5": receipt.VAT5, "7": receipt.VAT7, "10": receipt.VAT10,
		"20": receipt.VAT20, "20.0000": receipt.VAT20, "22": receipt.VAT22}
	for in, v := range want {
		if got, ok := percentVAT(decimal.RequireFromString(in)); !ok || got != v {
			t.Errorf("%s → %q %v, want %q", in, got, ok, v)
		}
	}
	for _, in := range []string{"18", "4.5", "2", "-20", "0.2", "120"} {
		if got, ok := percentVAT(decimal.RequireFromString(in)); ok {
			t.Errorf("%s → %q, want none", in, got)
		}
	}
	// Every rate with a calculated counterpart maps to it; vat0 has none.
	for from, to := range map[receipt.VAT]receipt.VAT{receipt.VAT5: receipt.VAT105, receipt.VAT7: receipt.VAT107,
		receipt.VAT10: receipt.VAT110, receipt.VAT20: receipt.VAT120, receipt.VAT22: receipt.VAT122} {
		if calculated[from] != to {
			t.Errorf("calculated[%s] = %s", from, calculated[from])
		}
	}
	if _, ok := calculated[receipt.VAT0]; ok || len(calculated) != 5 {
		t.Error("vat0 has no calculated rate")
	}
	for _, m := range receipt.PaymentMethods {
		adv := m == receipt.FullPrepayment || m == receipt.Prepayment || m == receipt.Advance
		if isAdvance(m) != adv {
			t.Errorf("isAdvance(%s) = %v", m, !adv)
		}
	}
}

func TestLineVAT(t *testing.T) {
	var p receipt.Problems
	order, _ := jsonin.Parse([]byte(`{"tax_lines":[
		{"rate_id":1,"rate_percent":20},{"rate_id":"2","rate_percent":"10"},{"rate_id":3,"rate_percent":18},
		{"rate_id":4},{"rate_id":5,"rate_percent":20},"junk",{"rate_percent":7}],
	 "lines":[
		{"taxes":[{"id":1}]},
		{"taxes":[{"id":"2"}]},
		{"taxes":[{"id":1},{"id":5}]},
		{"taxes":[{"id":1},{"id":2}]},
		{"taxes":[{"id":3}]},
		{"taxes":[{"id":3}]},
		{"taxes":[{"id":4}]},
		{"taxes":[]},
		{"taxes":[{"id":9},{"id":1}]}]}`), "order", &p)
	rates := readRates(order)
	want := []receipt.VAT{receipt.VAT20, receipt.VAT10, receipt.VAT20, "", "", "", "", "", receipt.VAT20}
	for i, l := range order.Array("lines") {
		if got := rates.lineVAT(l); got != want[i] {
			t.Errorf("line %d: %q, want %q", i, got, want[i])
		}
	}
	errs := p.Errors()
	// 18 % is reported once although two lines use it; 20 + 10 is ambiguous.
	if len(errs) != 2 || !has(p, receipt.SeverityError, CodeVATRate, "order.tax_lines[2].rate_percent") ||
		!has(p, receipt.SeverityError, CodeVATAmbiguous, "order.lines[3].taxes") {
		t.Errorf("errors %v", errs)
	}
	if !has(p, receipt.SeverityWarning, CodeVATUnknown, "order.lines[6].taxes[0].id") ||
		!has(p, receipt.SeverityWarning, CodeVATUnknown, "order.lines[8].taxes[0].id") {
		t.Errorf("warnings %v", p.Warnings())
	}
}

func TestReadOverrides(t *testing.T) {
	var p receipt.Problems
	line, _ := jsonin.Parse([]byte(`{"meta_data":[
		{"key":"_kopeck_vat","value":"vat120"},
		{"key":"_kopeck_subject","value":" service "},
		{"key":"_kopeck_payment_method","value":"advance"},
		{"key":"_kopeck_marking_code","value":"0104601234567890"},
		{"key":"_kopeck_nomenclature_code","value":""},
		{"key":"_kopeck_vat","value":["vat20"]},
		{"key":"_kopeck_colour","value":"red"},
		{"key":"_pao_ids","value":[{"key":"As a Gift","value":"No"}]},
		"junk"]}`), "line", &p)
	ov := readOverrides(line)
	want := overrides{VAT: receipt.VAT120, Subject: receipt.Service, PaymentMethod: receipt.Advance, MarkingCode: "0104601234567890"}
	if ov != want {
		t.Errorf("overrides %+v", ov)
	}
	if !has(p, receipt.SeverityError, receipt.CodeWrongType, "line.meta_data[5].value") ||
		!has(p, receipt.SeverityWarning, jsonin.CodeUnknownField, "line.meta_data[6].key") || len(p) != 2 {
		t.Errorf("problems %v", p)
	}
	base := overrides{VAT: receipt.VAT20, Subject: receipt.Excise, MarkingCode: "A", NomenclatureCode: "N"}
	got := base.over(overrides{Subject: receipt.Commodity, PaymentMethod: receipt.FullPayment})
	if got != (overrides{VAT: receipt.VAT20, Subject: receipt.Commodity, PaymentMethod: receipt.FullPayment, MarkingCode: "A", NomenclatureCode: "N"}) {
		t.Errorf("over %+v", got)
	}
}
