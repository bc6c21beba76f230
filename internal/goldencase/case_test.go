package goldencase

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/itkassa"
	"github.com/kopeck/kopeck/plugin/provider/kassavonline"
	"github.com/kopeck/kopeck/plugin/provider/nanokassa"
	"github.com/tidwall/gjson"
)

// dirs holds the golden folders of the three providers and their providers.
var dirs = map[string]provider.Provider{
	"../../testdata/itkassa":      itkassa.New(),
	"../../testdata/kassavonline": kassavonline.New(),
	"../../testdata/nanokassa":    nanokassa.New(),
}

func find(t *testing.T, cases []Case, name string) Case {
	t.Helper()
	for _, c := range cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no case %s", name)
	return Case{}
}

func TestLoad(t *testing.T) {
	cases := Load(t, "../../testdata/itkassa", 9)
	errCase := find(t, cases, "unsupported-vat")
	if errCase.Payload != nil || len(errCase.WantErrors) != 2 || errCase.WantErrors[0] != (CodePath{"unsupported", "order.items[0].vat"}) {
		t.Errorf("error case %+v", errCase)
	}
	c := find(t, cases, "cash-and-card")
	if c.WantErrors != nil || !json.Valid(c.Payload) || !Same(c.WantWarnings, []CodePath{{"line_split", "order.items[1]"}}) {
		t.Errorf("payload case %+v", c)
	}
	if c.Settings.Provider != "itkassa" || !json.Valid(c.Order) || c.Dir != "../../testdata/itkassa" {
		t.Errorf("case %+v", c)
	}
	if w := find(t, cases, "refund").WantWarnings; w != nil {
		t.Errorf("refund has no .warnings.json, got %v", w)
	}
}

// TestBuild: every case of every provider builds through the engine into its
// golden payload or errors, with a request, and twice the same bytes (the
// seeded randomness makes Nanokassa's encrypted request stable).
func TestBuild(t *testing.T) {
	for dir := range dirs {
		for _, c := range Load(t, dir, 8) {
			a := c.Build(t, nil)
			if c.WantErrors != nil {
				if a.Payload != nil || a.Receipt != nil || !Same(a.Errors, c.WantErrors) {
					t.Errorf("%s/%s: %s", dir, c.Name, a.Raw)
				}
				continue
			}
			if len(a.Errors) > 0 || a.Receipt == nil || Compact(t, a.Payload) != Compact(t, c.Payload) || a.Request.URL == "" || a.Request.Body == "" {
				t.Errorf("%s/%s: %s", dir, c.Name, a.Raw)
			}
			if b := c.Build(t, nil); !bytes.Equal(a.Raw, b.Raw) {
				t.Errorf("%s/%s: two builds differ", dir, c.Name)
			}
		}
	}
}

// TestReconcileAgreesWithEngine keeps Reconcile from drifting away from the
// engine: wherever the engine answers with a receipt, Reconcile gives the
// same one.
func TestReconcileAgreesWithEngine(t *testing.T) {
	n := 0
	for dir, prov := range dirs {
		for _, c := range Load(t, dir, 8) {
			a := c.Build(t, nil)
			if a.Receipt == nil {
				continue
			}
			r, _ := c.Reconcile(t, prov)
			got, _ := json.Marshal(r)
			want, _ := json.Marshal(a.Receipt)
			if !bytes.Equal(got, want) {
				t.Errorf("%s/%s:\nReconcile %s\nengine    %s", dir, c.Name, got, want)
			}
			n++
		}
	}
	if n < 20 {
		t.Errorf("only %d receipts compared", n)
	}
}

// TestReconcileExactLines: Kassa-v-online declares ExactLines, so a
// fractional quantity without an exact price gets no receipt; the same
// order reconciles for a provider without ExactLines.
func TestReconcileExactLines(t *testing.T) {
	c := find(t, Load(t, "../../testdata/kassavonline", 8), "fractional-no-exact-price")
	if r, p := c.Reconcile(t, kassavonline.New()); r != nil || !p.HasErrors() || p.Errors()[0].Code != "no_exact_price" {
		t.Errorf("with ExactLines: %v %v", r, p)
	}
	if r, p := c.Reconcile(t, itkassa.New()); r == nil {
		t.Errorf("without ExactLines: %v", p)
	}
}

func TestWithSection(t *testing.T) {
	c := find(t, Load(t, "../../testdata/itkassa", 9), "refund")
	s := c.WithSection(t, json.RawMessage(`{"url":"http://127.0.0.1:1","api_key":"k"}`))
	if gjson.GetBytes(s, "itkassa.api_key").Str != "k" || gjson.GetBytes(s, "itkassa.cre_item_id").Exists() {
		t.Errorf("section not replaced: %s", s)
	}
	if gjson.GetBytes(s, "provider").Str != "itkassa" || gjson.GetBytes(s, "tax_system").Str != gjson.GetBytes(c.RawSettings, "tax_system").Str {
		t.Errorf("other settings lost: %s", s)
	}
	a := c.Build(t, json.RawMessage(`{"url":"http://127.0.0.1:1","api_key":"k","cre_item_id":"89189775-e4fc-70d0-5e2c-182e4121308e"}`))
	if a.Request.Headers["X-API-Key"] != "k" || !strings.HasPrefix(a.Request.URL, "http://127.0.0.1:1/") {
		t.Errorf("build with a section: %s", a.Raw)
	}
}

func TestSeeded(t *testing.T) {
	a, b := make([]byte, 64), make([]byte, 64)
	_, _ = Seeded().Read(a)
	_, _ = Seeded().Read(b)
	if !bytes.Equal(a, b) || bytes.Equal(a, make([]byte, 64)) {
		t.Errorf("Seeded is not a fixed non-zero stream: %x %x", a, b)
	}
}
