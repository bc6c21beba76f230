package receipt

import "testing"

func TestProblemsLocalize(t *testing.T) {
	var p Problems
	p.Errorf(CodeTotalMismatch, "order.total", "lines", "10.00", "paid", "12.00", "difference", "2.00", "tolerance", "1.00")
	p.Warnf(CodeTruncated, "order.items[0].name", "limit", "128", "length", "130")
	if !p.HasErrors() || len(p.Errors()) != 1 || len(p.Warnings()) != 1 {
		t.Fatalf("%v", p)
	}
	en := p[0].Message
	ru := p.Localize("ru")[0].Message
	if en != "lines add up to 10.00 but the paid amount is 12.00: difference 2.00 exceeds the tolerance 1.00" {
		t.Errorf("en: %q", en)
	}
	if ru != "сумма позиций 10.00 не равна оплаченной сумме 12.00: разница 2.00 больше допуска 1.00" {
		t.Errorf("ru: %q", ru)
	}
	if p[0].Message != en {
		t.Error("Localize changed its receiver")
	}
}

func TestEveryCoreCodeHasBothLanguages(t *testing.T) {
	for code, m := range catalog {
		if m.en == "" || m.ru == "" {
			t.Errorf("%s: missing a language", code)
		}
	}
}
