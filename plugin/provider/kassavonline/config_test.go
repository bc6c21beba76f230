package kassavonline

import (
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func TestMissingCredentials(t *testing.T) {
	for _, f := range []string{"user", "key", "kkm_serial_number", "kkm_connection_key"} {
		_, p := New().Build(sample(), opts(map[string]any{f: nil}))
		pr := one(t, p)
		if pr.Code != receipt.CodeRequired || pr.Path != "settings.kassavonline."+f {
			t.Errorf("%s: %+v", f, pr)
		}
	}
	// A blank value counts as missing.
	_, p := New().Build(sample(), opts(map[string]any{"key": "  "}))
	if one(t, p).Path != "settings.kassavonline.key" {
		t.Fatal(p)
	}
	// No section at all: four errors, collected.
	_, p = New().Build(sample(), provider.Options{})
	if len(p) != 4 || !p.HasErrors() {
		t.Fatal(p)
	}
}

func TestSectionShape(t *testing.T) {
	_, p := New().Build(sample(), provider.Options{Config: []byte(`[1]`), ConfigPath: "settings.kassavonline"})
	if !has(p, receipt.CodeWrongType, "settings.kassavonline") {
		t.Fatal(p)
	}
	_, p = New().Build(sample(), provider.Options{Config: []byte(`{`), ConfigPath: "settings.kassavonline"})
	if !has(p, receipt.CodeInvalidJSON, "settings.kassavonline") {
		t.Fatal(p)
	}
	_, p = New().Build(sample(), opts(map[string]any{"usr": "x"}))
	if pr := one(t, p); pr.Path != "settings.kassavonline.usr" || pr.Severity != receipt.SeverityWarning {
		t.Fatal(p)
	}
}

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "https://kassa-v-online.ru/api/print",
		"http://127.0.0.1:8080":    "http://127.0.0.1:8080/api/print",
		"http://127.0.0.1:8080/":   "http://127.0.0.1:8080/api/print",
		"https://proxy.example/kv": "https://proxy.example/kv/api/print",
	} {
		extra := map[string]any{}
		if in != "" {
			extra["url"] = in
		}
		b, p := New().Build(sample(), opts(extra))
		if len(p) != 0 || b.Request.URL != want {
			t.Errorf("%q → %q %v", in, b.Request.URL, p)
		}
	}
	for _, bad := range []string{"ftp://x", "kassa-v-online.ru", "http://", "http://x/?a=1"} {
		_, p := New().Build(sample(), opts(map[string]any{"url": bad}))
		if pr := one(t, p); pr.Code != CodeInvalidURL || pr.Path != "settings.kassavonline.url" {
			t.Errorf("%q: %v", bad, p)
		}
	}
}

// The provider has no sandbox: test mode needs a URL override.
func TestTestMode(t *testing.T) {
	o := opts(nil)
	o.Test = true
	b, p := New().Build(sample(), o)
	if pr := one(t, p); pr.Code != CodeNoTestMode || pr.Path != "settings.test" || b.Payload != nil {
		t.Fatalf("%+v", p)
	}
	_, p = New().Command(provider.Command{Type: provider.CmdCloseShift}, o)
	if one(t, p).Code != CodeNoTestMode {
		t.Fatal(p)
	}
	// Reading a status prints nothing: allowed.
	_, p = New().Command(provider.Command{Type: provider.CmdStatus, Params: []byte(`{"receipt_id":1}`)}, o)
	if len(p) != 0 {
		t.Fatal(p)
	}
	// The explicit default URL is still the real provider.
	o = opts(map[string]any{"url": "https://kassa-v-online.ru/"})
	o.Test = true
	if _, p = New().Build(sample(), o); one(t, p).Code != CodeNoTestMode {
		t.Fatal(p)
	}
	o = opts(map[string]any{"url": "http://127.0.0.1:9"})
	o.Test = true
	if _, p = New().Build(sample(), o); len(p) != 0 {
		t.Fatal(p)
	}
}
