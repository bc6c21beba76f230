package settings

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestDefaultsAreSafe(t *testing.T) {
	s, p := Parse(nil)
	if len(p) != 0 {
		t.Fatal(p)
	}
	if !s.Test {
		t.Error("test must default to true: a production receipt needs an explicit false")
	}
	if s.Rules.TaxSystem != "" || s.Provider != "" {
		t.Error("no tax system or provider may be guessed")
	}
	if s.Rules.Tolerance != 100 || s.Rules.Defaults.VAT != receipt.VATNone || s.Locale != "en" {
		t.Errorf("%+v", s)
	}
	if raw, path := s.Section("itkassa"); string(raw) != "{}" || path != "settings.itkassa" {
		t.Errorf("%s %s", raw, path)
	}
}

func TestParseEverything(t *testing.T) {
	s, p := Parse([]byte(`{"provider":"itkassa","test":false,"tax_system":"patent","deliver":"phone",
		"defaults":{"vat":"vat20","payment_method":"prepayment","subject":"service","shipping":{"vat":"vat10","subject":"job"}},
		"discount":{"include_shipping":true},"tolerance":"0.05","locale":"ru",
		"vending":{"address":"Москва","place":"Холл","machine_number":"A-1"},
		"itkassa":{"api_key":"k"},"woocommerce":{"payment_types":{}}}`))
	if len(p) != 0 {
		t.Fatal(p)
	}
	r := s.Rules
	if s.Provider != "itkassa" || s.Test || s.Locale != "ru" || r.TaxSystem != receipt.Patent || r.Deliver != receipt.DeliverPhone ||
		r.Defaults != (receipt.Defaults{VAT: receipt.VAT20, PaymentMethod: receipt.Prepayment, Subject: receipt.Service,
			ShippingVAT: receipt.VAT10, ShippingSubject: receipt.Job}) ||
		!r.IncludeShipping || r.Tolerance != 5 || r.Vending.MachineNumber != "A-1" {
		t.Errorf("%+v", s)
	}
	if raw, _ := s.Section("itkassa"); string(raw) != `{"api_key":"k"}` {
		t.Errorf("section %s", raw)
	}
	if _, ok := s.Sections["woocommerce"]; !ok {
		t.Error("woocommerce section lost")
	}
}

func TestProblemsHavePaths(t *testing.T) {
	_, p := Parse([]byte(`{"provider":"atol","test":"yes","tax_system":"usn","deliver":"fax","tolerance":"-1",
		"vending":{"address":"x"},"defaults":{"shipping":{"vat":"20"}},"tax_sytem":"osn"}`))
	want := map[string]string{
		"settings.provider": "unknown_value", "settings.test": "wrong_type", "settings.tax_system": "unknown_value",
		"settings.deliver": "unknown_value", "settings.tolerance": "negative", "settings.vending.place": "required",
		"settings.vending.machine_number": "required", "settings.defaults.shipping.vat": "unknown_value",
		"settings.tax_sytem": "unknown_field",
	}
	got := map[string]string{}
	for _, e := range p {
		got[e.Path] = e.Code
	}
	for path, code := range want {
		if got[path] != code {
			t.Errorf("%s: %q, want %q", path, got[path], code)
		}
	}
	if _, p := Parse([]byte(`[1]`)); !p.HasErrors() {
		t.Error("an array as settings")
	}
	if _, p := Parse([]byte(`{`)); len(p) != 1 || p[0].Code != receipt.CodeInvalidJSON {
		t.Errorf("%v", p)
	}
}
