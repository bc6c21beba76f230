package itkassa

import (
	"testing"

	"github.com/kopeck/kopeck/internal/jsonin"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestReadConfig(t *testing.T) {
	var p receipt.Problems
	c := readConfig(provider.Options{Config: []byte(`{"url":"https://demo.example/open/api/v1///","api_key":"k","cre_item_id":"` + testCre + `","callback_api_key":"cb","extra":1}`)}, &p)
	if c.URL != "https://demo.example/open/api/v1" || !c.URLGiven || c.APIKey != "k" || c.CreItemID != testCre || c.CallbackKey != "cb" || c.Path != "settings.itkassa" {
		t.Fatalf("%+v", c)
	}
	mustProblem(t, p, receipt.SeverityWarning, jsonin.CodeUnknownField, "settings.itkassa.extra")

	p = nil
	c = readConfig(provider.Options{}, &p)
	if c.URL != DefaultURL || c.URLGiven || len(p) != 0 {
		t.Fatalf("%+v %v", c, p)
	}
	c.need(&p, "api_key", "cre_item_id", "callback_api_key")
	for _, f := range []string{"api_key", "cre_item_id", "callback_api_key"} {
		mustProblem(t, p, receipt.SeverityError, receipt.CodeRequired, "settings.itkassa."+f)
	}

	p = nil
	readConfig(provider.Options{Config: []byte(`{"url":"qapi.itkassa.ru","cre_item_id":"xyz"}`), ConfigPath: "settings.itkassa"}, &p)
	mustProblem(t, p, receipt.SeverityError, CodeInvalidURL, "settings.itkassa.url")
	mustProblem(t, p, receipt.SeverityError, CodeInvalidUUID, "settings.itkassa.cre_item_id")

	p = nil
	readConfig(provider.Options{Config: []byte(`[1]`)}, &p)
	mustProblem(t, p, receipt.SeverityError, receipt.CodeWrongType, "settings.itkassa")
	p = nil
	readConfig(provider.Options{Config: []byte(`{`)}, &p)
	mustProblem(t, p, receipt.SeverityError, receipt.CodeInvalidJSON, "settings.itkassa")
}

func TestIsGUID(t *testing.T) {
	for s, want := range map[string]bool{
		testCre:                                 true,
		"9366F6F6-CBA1-7826-5D9F-59C176822A6C":  true,
		"9366f6f6cba178265d9f59c176822a6c":      false,
		"9366f6f6-cba1-7826-5d9f-59c176822a6":   false,
		"9366f6f6-cba1-7826-5d9f-59c176822a6g":  false,
		"9366f6f6-cba1-7826-5d9f_59c176822a6c":  false,
		"{9366f6f6-cba1-7826-5d9f-59c176822a6}": false,
	} {
		if IsGUID(s) != want {
			t.Errorf("IsGUID(%q) != %v", s, want)
		}
	}
}

func TestHeaders(t *testing.T) {
	h := Config{APIKey: "k"}.headers()
	if h["Content-Type"] != "application/json;charset=UTF-8" || h["X-API-Key"] != "k" {
		t.Fatal(h)
	}
}

func TestGuardTest(t *testing.T) {
	var p receipt.Problems
	Config{URLGiven: false}.guardTest(provider.Options{Test: true}, &p)
	mustProblem(t, p, receipt.SeverityError, CodeNoTestEndpoint, "settings.test")
	p = nil
	Config{URLGiven: true}.guardTest(provider.Options{Test: true}, &p)
	Config{URLGiven: false}.guardTest(provider.Options{Test: false}, &p)
	if len(p) != 0 {
		t.Fatal(p)
	}
}
