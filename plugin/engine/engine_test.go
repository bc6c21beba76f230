package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/tidwall/gjson"
)

func call(t *testing.T, export, input string) gjson.Result {
	t.Helper()
	out, err := Call(export, []byte(input), Env{Rand: seeded()})
	if err != nil {
		t.Fatalf("%s: %v", export, err)
	}
	if !json.Valid(out) {
		t.Fatalf("%s: invalid JSON %s", export, out)
	}
	return gjson.ParseBytes(out)
}

func TestBadInputIsAnAnswerNotAFailure(t *testing.T) {
	for _, in := range []string{``, `nul`, `[]`, `"x"`, `{"settings":[]}`, `{"order":{"items":"x"}}`, `{"source":"shopify","order":{}}`} {
		for _, export := range []string{"build", "validate", "command", "parse"} {
			a := call(t, export, in)
			errs := a.Get("errors").Array()
			if len(errs) == 0 {
				t.Errorf("%s(%q): no errors in %s", export, in, a.Raw)
			}
			for _, e := range errs {
				if e.Get("code").String() == "" || !e.Get("path").Exists() || e.Get("message").String() == "" {
					t.Errorf("%s(%q): incomplete error %s", export, in, e.Raw)
				}
			}
			if !a.Get("warnings").IsArray() {
				t.Errorf("%s(%q): warnings must be an array: %s", export, in, a.Raw)
			}
		}
	}
}

func TestUnknownExportIsAFailure(t *testing.T) {
	if _, err := Call("print", nil, Env{}); err == nil {
		t.Error("no error for an unknown export")
	}
}

type panicky struct{}

func (panicky) Name() string { return "panicky" }
func (panicky) Build(*receipt.Receipt, provider.Options) (provider.Built, receipt.Problems) {
	panic("boom")
}
func (panicky) Command(provider.Command, provider.Options) (provider.Request, receipt.Problems) {
	panic("boom")
}
func (panicky) Parse(provider.Response, provider.Options) (provider.Result, receipt.Problems) {
	panic("boom")
}

func TestPanicBecomesAnError(t *testing.T) {
	var err error
	func() {
		defer func() {
			if recover() != nil {
				t.Error("a panic escaped")
			}
		}()
		_, err = callWith(func() any {
			panicky{}.Parse(provider.Response{}, provider.Options{})
			return nil
		})
	}()
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panic not reported as an error: %v", err)
	}
}

func TestValidateAndBuildAgree(t *testing.T) {
	in := `{"settings":{"tax_system":"osn","deliver":"print"},"order":{"id":"1","items":[{"name":"A","price":"1.00","quantity":3,"discount":"0.01"}],"total":"5.00"}}`
	v := call(t, "validate", in)
	if v.Get("errors.0.code").String() != receipt.CodeTotalMismatch || v.Get("errors.0.path").String() != "order.total" {
		t.Errorf("validate: %s", v.Raw)
	}
	b := call(t, "build", in)
	for _, code := range []string{receipt.CodeTotalMismatch, receipt.CodeRequired} {
		found := false
		for _, e := range b.Get("errors").Array() {
			found = found || e.Get("code").String() == code
		}
		if !found {
			t.Errorf("build lacks %s: %s", code, b.Raw)
		}
	}
}

func TestSettingsProblemsHavePaths(t *testing.T) {
	a := call(t, "validate", `{"settings":{"tax_system":"usn","tolerance":"x","test":"maybe","provider":"atol","defaults":{"vat":"18"},"extra":1},"order":{"id":"1","items":[{"name":"A","price":1,"quantity":1}]}}`)
	want := map[string]string{
		"settings.tax_system": "unknown_value", "settings.tolerance": "not_a_number", "settings.test": "wrong_type",
		"settings.provider": "unknown_value", "settings.defaults.vat": "unknown_value",
	}
	for _, e := range a.Get("errors").Array() {
		if want[e.Get("path").String()] == e.Get("code").String() {
			delete(want, e.Get("path").String())
		}
	}
	if len(want) != 0 {
		t.Errorf("missing %v in %s", want, a.Raw)
	}
	if a.Get(`warnings.#(path=="settings.extra").code`).String() != "unknown_field" {
		t.Errorf("no unknown_field warning: %s", a.Raw)
	}
}

func TestVersion(t *testing.T) {
	v := call(t, "version", `{}`)
	if v.Get("version").String() != Version || !v.Get("exports").IsArray() || v.Get("sources.0").String() != "generic" {
		t.Errorf("%s", v.Raw)
	}
}

// TestCredentialsNeverInProblems builds broken orders with every provider's
// credentials set to recognisable values, some of them malformed, and
// demands that no error or warning quotes them.
func TestCredentialsNeverInProblems(t *testing.T) {
	secrets := []string{"S3CRET-TOKEN-nk", "S3CRET-KEY-kv", "S3CRET-CONN-kv", "S3CRET-API-it", "S3CRET-CB-it"}
	settings := map[string]string{
		"nanokassa":    `"nanokassa":{"kassaid":"1","kassatoken":"S3CRET-TOKEN-nk","public_key_first":"not a key","hmac_first":"S3CRET-TOKEN-nk"}`,
		"kassavonline": `"kassavonline":{"user":"shop","key":"S3CRET-KEY-kv","kkm_serial_number":"0245","kkm_connection_key":"S3CRET-CONN-kv","url":"ftp://x"}`,
		"itkassa":      `"itkassa":{"api_key":"S3CRET-API-it","cre_item_id":"not-a-guid","callback_api_key":"S3CRET-CB-it","url":"https://user:S3CRET-API-it@host"}`,
	}
	orders := []string{
		`{"id":"1","items":[{"name":"A","price":"1.00","quantity":1}],"customer":{"email":"a@b.ru"}}`,
		`{"id":"1","items":[{"name":"","price":"x","quantity":0}],"total":"99"}`,
	}
	for prov, section := range settings {
		for _, o := range orders {
			for _, export := range []string{"build", "validate"} {
				in := `{"settings":{"provider":"` + prov + `","tax_system":"osn",` + section + `},"order":` + o + `}`
				a := call(t, export, in)
				problems := a.Get("errors").Raw + a.Get("warnings").Raw
				for _, s := range secrets {
					if strings.Contains(problems, s) {
						t.Errorf("%s %s: a credential in the problems: %s", prov, export, problems)
					}
				}
			}
			for _, c := range []string{`{"type":"status","params":{"id":"S3CRET"}}`, `{"type":"x_report"}`, `{"type":"nope"}`} {
				a := call(t, "command", `{"settings":{"provider":"`+prov+`",`+section+`},"command":`+c+`}`)
				for _, s := range secrets {
					if strings.Contains(a.Get("errors").Raw+a.Get("warnings").Raw, s) {
						t.Errorf("%s command: a credential in the problems: %s", prov, a.Raw)
					}
				}
			}
		}
	}
}

func TestEveryProblemCodeHasOneMeaning(t *testing.T) {
	if c := receipt.Conflicts(); len(c) != 0 {
		t.Errorf("codes registered twice with different texts: %v", c)
	}
}
