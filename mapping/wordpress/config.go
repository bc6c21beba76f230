package wordpress

import (
	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

// Config is the settings.woocommerce section:
//
//	{"payment_types":{"cod":"cash","bacs":"electronic"},
//	 "vat_from_taxes":true,
//	 "fees":{"vat":"vat20","subject":"service"},
//	 "currency_as_rub":false}
type Config struct {
	// PaymentTypes maps a WooCommerce payment gateway id (the order's
	// payment_method) to a payment type; a gateway not listed is electronic.
	PaymentTypes map[string]receipt.PaymentType
	// VATFromTaxes takes a goods line's VAT from its WooCommerce tax rate
	// (default true).
	VATFromTaxes bool
	// FeeVAT and FeeSubject apply to positive fee lines; empty leaves them
	// to settings.defaults.
	FeeVAT     receipt.VAT
	FeeSubject receipt.Subject
	// CurrencyAsRUB lets a document in another currency pass as rubles, with
	// a warning each time: for test data only (default false).
	CurrencyAsRUB bool
}

// DefaultConfig is the configuration when the section is absent.
func DefaultConfig() Config {
	return Config{PaymentTypes: map[string]receipt.PaymentType{}, VATFromTaxes: true}
}

// ReadConfig reads the settings.woocommerce object o (missing means the
// defaults); problems go to o.P with paths under o.Path.
func ReadConfig(o jsonin.Obj) Config {
	c := DefaultConfig()
	if !o.Exists() || !o.IsObject() {
		return c
	}
	o.Known("payment_types", "vat_from_taxes", "fees", "currency_as_rub")
	if pt := o.Child("payment_types"); pt.IsObject() {
		pt.R.ForEach(func(k, _ gjson.Result) bool {
			if v := jsonin.Enum(pt, k.Str, receipt.PaymentTypes); v != "" {
				c.PaymentTypes[k.Str] = v
			} else if !pt.Child(k.Str).Exists() {
				pt.P.Errorf(receipt.CodeRequired, pt.Path+"."+k.Str, "field", k.Str)
			}
			return true
		})
	}
	if v, ok := o.Bool("vat_from_taxes"); ok {
		c.VATFromTaxes = v
	}
	if f := o.Child("fees"); f.IsObject() {
		f.Known("vat", "subject")
		c.FeeVAT = jsonin.Enum(f, "vat", receipt.VATs)
		c.FeeSubject = jsonin.Enum(f, "subject", receipt.Subjects)
	}
	if v, ok := o.Bool("currency_as_rub"); ok {
		c.CurrencyAsRUB = v
	}
	return c
}

// paymentType returns the payment type of a gateway id.
func (c Config) paymentType(gateway string) (receipt.PaymentType, bool) {
	t, ok := c.PaymentTypes[gateway]
	if !ok {
		return receipt.Electronic, false
	}
	return t, true
}
