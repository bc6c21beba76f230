package wordpress

import (
	"testing"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestReadConfig(t *testing.T) {
	var p receipt.Problems
	o, _ := jsonin.Parse([]byte(`{"payment_types":{"cod":"cash","bacs":"electronic","gift.card":"prepaid"},
		"vat_from_taxes":false,"fees":{"vat":"vat20","subject":"service"},"currency_as_rub":true}`), "settings.woocommerce", &p)
	c := ReadConfig(o)
	if len(p) != 0 {
		t.Fatal(p)
	}
	if c.VATFromTaxes || !c.CurrencyAsRUB || c.FeeVAT != receipt.VAT20 || c.FeeSubject != receipt.Service || len(c.PaymentTypes) != 3 {
		t.Errorf("config %+v", c)
	}
	for gw, want := range map[string]receipt.PaymentType{"cod": receipt.Cash, "bacs": receipt.Electronic, "gift.card": receipt.Prepaid, "stripe": receipt.Electronic} {
		if got, _ := c.paymentType(gw); got != want {
			t.Errorf("%s → %s, want %s", gw, got, want)
		}
	}
	if _, listed := c.paymentType("stripe"); listed {
		t.Error("stripe is not listed")
	}
}

func TestDefaultConfig(t *testing.T) {
	for _, in := range []string{`{}`, `null`} {
		var p receipt.Problems
		o, _ := jsonin.Parse([]byte(in), "settings.woocommerce", &p)
		c := ReadConfig(o)
		if len(p) != 0 || !c.VATFromTaxes || c.CurrencyAsRUB || c.FeeVAT != "" || c.FeeSubject != "" || len(c.PaymentTypes) != 0 {
			t.Errorf("%s: %+v %v", in, c, p)
		}
	}
	// A missing section (no JSON at all) is the defaults too.
	c := ReadConfig(jsonin.Obj{Path: "settings.woocommerce", P: &receipt.Problems{}})
	if !c.VATFromTaxes || c.PaymentTypes == nil {
		t.Errorf("%+v", c)
	}
}
