// Package settings reads the settings object that comes with every call:
//
//	{"provider":"nanokassa","test":true,"tax_system":"usn_income","deliver":"email",
//	 "defaults":{"vat":"none","payment_method":"full_payment","subject":"commodity",
//	             "shipping":{"vat":"none","subject":"service"}},
//	 "discount":{"include_shipping":false},"tolerance":"1.00","locale":"en",
//	 "vending":{"address":"…","place":"…","machine_number":"…"},
//	 "nanokassa":{…},"kassavonline":{…},"itkassa":{…},"woocommerce":{…}}
//
// test is true unless the caller says false: a production receipt needs an
// explicit "test": false. The provider sections hold credentials; they are
// handed to their provider package as raw JSON and never copied into a
// problem message.
package settings

import (
	"encoding/json"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/receipt"
)

// Providers lists the provider names kopeck builds for.
var Providers = []string{"nanokassa", "kassavonline", "itkassa"}

// Settings is one call's parsed settings.
type Settings struct {
	Provider string
	Test     bool
	Locale   string
	Rules    receipt.Rules
	// Sections holds the raw JSON of the nanokassa, kassavonline, itkassa
	// and woocommerce objects (absent ones are missing from the map).
	Sections map[string]json.RawMessage
}

// Section returns a section's raw JSON and its path ("settings.itkassa");
// "{}" when it is absent.
func (s Settings) Section(name string) (json.RawMessage, string) {
	if raw, ok := s.Sections[name]; ok {
		return raw, "settings." + name
	}
	return json.RawMessage("{}"), "settings." + name
}

// Default returns the settings of a call that says nothing: test mode,
// English, receipt.DefaultRules, no provider sections.
func Default() Settings {
	return Settings{Test: true, Locale: "en", Rules: receipt.DefaultRules(), Sections: map[string]json.RawMessage{}}
}

// Parse reads settings JSON; problems carry paths under "settings".
// An empty input means all defaults.
func Parse(data []byte) (Settings, receipt.Problems) {
	var p receipt.Problems
	s := Default()
	if len(data) == 0 {
		data = []byte("{}")
	}
	o, ok := jsonin.Parse(data, "settings", &p)
	if !ok || !o.IsObject() {
		if ok {
			p.Errorf(receipt.CodeWrongType, "settings", "expected", "object", "got", "other")
		}
		return s, p
	}
	FromObj(o, &s)
	return s, p
}

// FromObj reads the settings object o into s (whose fields hold defaults).
func FromObj(o jsonin.Obj, s *Settings) {
	o.Known("provider", "test", "tax_system", "deliver", "defaults", "discount", "tolerance", "locale",
		"vending", "nanokassa", "kassavonline", "itkassa", "woocommerce")
	if v := jsonin.Enum(o, "provider", Providers); v != "" {
		s.Provider = v
	}
	if t, ok := o.Bool("test"); ok {
		s.Test = t
	}
	if v := jsonin.Enum(o, "locale", []string{"en", "ru"}); v != "" {
		s.Locale = v
	}
	r := &s.Rules
	r.TaxSystem = jsonin.Enum(o, "tax_system", receipt.TaxSystems)
	if v := jsonin.Enum(o, "deliver", receipt.Delivers); v != "" {
		r.Deliver = v
	}
	if d := o.Child("defaults"); d.IsObject() {
		d.Known("vat", "payment_method", "subject", "shipping")
		if v := jsonin.Enum(d, "vat", receipt.VATs); v != "" {
			r.Defaults.VAT = v
		}
		if v := jsonin.Enum(d, "payment_method", receipt.PaymentMethods); v != "" {
			r.Defaults.PaymentMethod = v
		}
		if v := jsonin.Enum(d, "subject", receipt.Subjects); v != "" {
			r.Defaults.Subject = v
		}
		if sh := d.Child("shipping"); sh.IsObject() {
			sh.Known("vat", "subject")
			r.Defaults.ShippingVAT = jsonin.Enum(sh, "vat", receipt.VATs)
			if v := jsonin.Enum(sh, "subject", receipt.Subjects); v != "" {
				r.Defaults.ShippingSubject = v
			}
		}
	}
	if d := o.Child("discount"); d.IsObject() {
		d.Known("include_shipping")
		r.IncludeShipping, _ = d.Bool("include_shipping")
	}
	if t, ok := o.Money("tolerance"); ok {
		r.Tolerance = t
	}
	if v := o.Child("vending"); v.IsObject() {
		v.Known("address", "place", "machine_number")
		r.Vending = &receipt.Vending{
			Address:       v.Str("address", true),
			Place:         v.Str("place", true),
			MachineNumber: v.Str("machine_number", true),
		}
	}
	for _, name := range append(append([]string{}, Providers...), "woocommerce") {
		if c := o.Child(name); c.IsObject() {
			s.Sections[name] = json.RawMessage(c.R.Raw)
		}
	}
}
