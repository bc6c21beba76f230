package itkassa_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kopeck/kopeck/internal/goldencase"
	sim "github.com/kopeck/kopeck/internal/sim/itkassa"
	"github.com/kopeck/kopeck/plugin/engine"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/provider/itkassa"
	"github.com/kopeck/kopeck/plugin/receipt"
	"github.com/shopspring/decimal"
	"github.com/tidwall/gjson"
)

const dir = "../../../testdata/itkassa/"

// TestGolden builds every case through the engine and compares payload,
// errors and warnings. Every payload is also checked by the simulator's
// independent Check and against the order's own numbers
// (checkAgainstOrder); the request carries the settings' API key.
func TestGolden(t *testing.T) {
	for _, c := range goldencase.Load(t, dir, 9) {
		t.Run(c.Name, func(t *testing.T) {
			a := c.Build(t, nil)
			if !c.Expect(t, a) {
				// the errors are ITKassa's refusal of a sound receipt
				if r, p := c.Reconcile(t, itkassa.New()); r == nil {
					t.Fatalf("reconcile: %v", p)
				}
				return
			}
			if bad := sim.Check(a.Payload); bad != nil {
				t.Errorf("payload breaks the document's rules: %v", bad)
			}
			checkAgainstOrder(t, c, a.Payload)
			c.ComparePayload(t, a.Payload)
			if a.Request.Headers["X-API-Key"] != gjson.GetBytes(c.RawSettings, "itkassa.api_key").Str {
				t.Errorf("request %+v", a.Request)
			}
		})
	}
}

// checkAgainstOrder recomputes, in decimals from the order's own text, what
// the payload must say: the payment amounts add up to the order's total
// (stated, or its payments, or Σ round(price × quantity) − discounts) and each
// payment type's amount is the order's; each item's quantity is carried by
// the lines of the same title; no line price exceeds the listed price; the
// idempKey is the order's; the command type is the order's kind.
func checkAgainstOrder(t *testing.T, c goldencase.Case, payload []byte) {
	t.Helper()
	o, pl := gjson.ParseBytes(c.Order), gjson.ParseBytes(payload)
	dec := func(r gjson.Result) decimal.Decimal {
		s := r.Str
		if r.Type == gjson.Number {
			s = r.Raw
		}
		return decimal.RequireFromString(s)
	}
	cmd := pl.Get("commands.0")
	var want decimal.Decimal
	switch {
	case o.Get("total").Exists():
		want = dec(o.Get("total"))
	case o.Get("payments").Exists():
		for _, p := range o.Get("payments").Array() {
			want = want.Add(dec(p.Get("amount")))
		}
	default:
		for _, it := range o.Get("items").Array() {
			// each line's amount is rounded to the kopeck (FFD 1043)
			want = want.Add(dec(it.Get("price")).Mul(dec(it.Get("quantity"))).Round(2))
		}
		for _, d := range o.Get("discounts").Array() {
			want = want.Sub(dec(d.Get("amount")))
		}
	}
	paid := decimal.Zero
	for _, f := range []string{"amountCash", "amountElectronic", "amountPrepaid", "amountCredit", "amountIncoming"} {
		paid = paid.Add(dec(cmd.Get(f)))
	}
	if !paid.Equal(want) {
		t.Errorf("payments %s, the order says %s", paid, want)
	}
	fields := map[string]string{"cash": "amountCash", "electronic": "amountElectronic"}
	for _, p := range o.Get("payments").Array() {
		if f := fields[p.Get("type").Str]; f != "" && !dec(cmd.Get(f)).Equal(dec(p.Get("amount"))) {
			t.Errorf("%s %s, the order pays %s", f, cmd.Get(f).Str, p.Get("amount").Str)
		}
	}
	qty, price := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}
	for _, it := range o.Get("items").Array() {
		qty[it.Get("name").Str] = qty[it.Get("name").Str].Add(dec(it.Get("quantity")))
		price[it.Get("name").Str] = dec(it.Get("price"))
	}
	got := map[string]decimal.Decimal{}
	for _, l := range cmd.Get("lines").Array() {
		got[l.Get("title").Str] = got[l.Get("title").Str].Add(dec(l.Get("quantity")))
		if dec(l.Get("price")).GreaterThan(price[l.Get("title").Str]) {
			t.Errorf("%s: price %s above the listed %s", l.Get("title").Str, l.Get("price").Str, price[l.Get("title").Str])
		}
	}
	if len(got) != len(qty) {
		t.Errorf("titles %v, items %v", got, qty)
	}
	for name, q := range qty {
		if !got[name].Equal(q) {
			t.Errorf("%s: quantity %s in the payload, %s in the order", name, got[name], q)
		}
	}
	kind := o.Get("kind").Str
	if kind == "" {
		kind = "sale"
	}
	cre := gjson.GetBytes(c.RawSettings, "itkassa.cre_item_id").Str
	if k := pl.Get("idempKey").Str; k != itkassa.IdempKey(cre, o.Get("id").String(), receipt.Kind(kind)) {
		t.Errorf("idempKey %s is not the order's", k)
	}
	if typ := map[string]string{"sale": "sale", "sale_refund": "returnSale"}[kind]; cmd.Get("type").Str != typ {
		t.Errorf("type %s for kind %s", cmd.Get("type").Str, kind)
	}
}

// TestGoldenThroughSimulator sends every golden payload, with the
// simulator's settings, over HTTP: it must be accepted exactly as built,
// queued, then done by its idempotency key with the same total; sending it
// again must not print a second receipt.
func TestGoldenThroughSimulator(t *testing.T) {
	s := sim.New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, c := range goldencase.Load(t, dir, 9) {
		if c.WantErrors != nil {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			section, _ := json.Marshal(s.Settings(srv.URL))
			b := c.Build(t, section)
			if len(b.Errors) > 0 {
				t.Fatalf("%s", b.Raw)
			}
			o := provider.Options{Test: true, Config: section, ConfigPath: "settings.itkassa"}
			res := goldencase.Send(t, itkassa.New(), b.Request, "build", o)
			if res.State != provider.StateQueued || res.ID == "" {
				t.Fatalf("%+v %+v", res, res.Error)
			}
			acc := s.Accepted()
			if !bytes.Equal(acc[len(acc)-1], b.Payload) {
				t.Fatalf("the simulator holds\n%s\nBuild returned\n%s", acc[len(acc)-1], b.Payload)
			}
			printed := s.Printed()
			again := goldencase.Send(t, itkassa.New(), b.Request, "build", o)
			if again.ID != res.ID || s.Duplicates() == 0 || len(s.Accepted()) != len(acc) {
				t.Fatalf("a resent document was taken as new: %+v", again)
			}
			key := gjson.GetBytes(b.Payload, "idempKey").Str
			req, p := itkassa.New().Command(provider.Command{Type: provider.CmdDocumentByKey,
				Params: []byte(`{"order_id":` + gjson.GetBytes(c.Order, "id").Raw + `,"kind":"` + kindOf(c) + `"}`)}, o)
			if p.HasErrors() || !strings.Contains(req.URL, key) {
				t.Fatalf("%v %s", p, req.URL)
			}
			st := goldencase.Send(t, itkassa.New(), req, provider.CmdDocumentByKey, o)
			var paid decimal.Decimal
			cmd := gjson.GetBytes(b.Payload, "commands.0")
			for _, f := range []string{"amountCash", "amountElectronic", "amountPrepaid", "amountCredit", "amountIncoming"} {
				paid = paid.Add(decimal.RequireFromString(cmd.Get(f).Str))
			}
			if st.State != provider.StateDone || st.Fiscal == nil || st.Fiscal.Total != paid.StringFixed(2) || st.ID != res.ID {
				t.Errorf("status %+v %+v", st, st.Fiscal)
			}
			if s.Printed() != printed+1 {
				t.Errorf("printed %d, want %d", s.Printed(), printed+1)
			}
		})
	}
}

func kindOf(c goldencase.Case) string {
	if k := gjson.GetBytes(c.Order, "kind").Str; k != "" {
		return k
	}
	return "sale"
}

// TestCallbackThroughEngine: a callback taken from the simulator goes
// through engine.Call("parse") as a host would send it; the right key gives
// the printed receipt, a wrong key or none gives no result.
func TestCallbackThroughEngine(t *testing.T) {
	s := sim.New()
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := goldencase.Load(t, dir, 9)[0]
	section, _ := json.Marshal(s.Settings(srv.URL))
	b := c.Build(t, section)
	o := provider.Options{Test: true, Config: section, ConfigPath: "settings.itkassa"}
	if res := goldencase.Send(t, itkassa.New(), b.Request, "build", o); res.State != provider.StateQueued {
		t.Fatalf("%+v", res)
	}
	headers, body, ok := s.Callback(gjson.GetBytes(b.Payload, "idempKey").Str)
	if !ok {
		t.Fatal("no callback")
	}
	call := func(h map[string]string) gjson.Result {
		t.Helper()
		in, _ := json.Marshal(map[string]any{
			"settings": map[string]any{"provider": "itkassa", "itkassa": json.RawMessage(section)},
			"response": map[string]any{"status": 200, "headers": h, "body": string(body), "for": "callback"},
		})
		out, err := engine.Call("parse", in, engine.Env{})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(out), sim.CallbackKey) || strings.Contains(string(out), sim.APIKey) {
			t.Fatalf("a secret in the answer: %s", out)
		}
		return gjson.ParseBytes(out)
	}
	a := call(headers)
	if a.Get("state").Str != "done" || a.Get("fiscal.total").Str == "" || a.Get("fiscal.qr").Str == "" {
		t.Fatalf("%s", a.Raw)
	}
	for _, h := range []map[string]string{{"x-api-key": "forged"}, {}} {
		if a := call(h); a.Get("state").Str == "done" || !strings.Contains(a.Raw, itkassa.CodeCallbackUnauthorized) {
			t.Fatalf("%v accepted: %s", h, a.Raw)
		}
	}
}
