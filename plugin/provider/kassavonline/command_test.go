package kassavonline

import (
	"net/url"
	"testing"

	sim "github.com/kopeck/kopeck/internal/sim/kassavonline"
	"github.com/kopeck/kopeck/plugin/provider"
	"github.com/kopeck/kopeck/plugin/receipt"
)

func command(t *testing.T, typ, params string) (provider.Request, url.Values, receipt.Problems) {
	t.Helper()
	req, p := New().Command(provider.Command{Type: typ, Params: []byte(params), ParamsPath: "command.params"}, opts(nil))
	if p.HasErrors() {
		if req.Body != "" {
			t.Fatal("request with errors")
		}
		return req, nil, p
	}
	form, err := url.ParseQuery(req.Body)
	if err != nil || form.Get("user") != testUser || form.Get("key") != testKey {
		t.Fatalf("form %v %v", form, err)
	}
	return req, form, p
}

func TestReports(t *testing.T) {
	for typ, want := range map[string]string{
		provider.CmdXReport:    `{"kkm_serial_number":"06773453533","kkm_connection_key":"CONNSECRET-YUXV76567","receipt":{"type":"x-report"}}`,
		provider.CmdCloseShift: `{"kkm_serial_number":"06773453533","kkm_connection_key":"CONNSECRET-YUXV76567","receipt":{"type":"z-report"}}`,
	} {
		req, form, p := command(t, typ, "")
		if len(p) != 0 || req.URL != "https://kassa-v-online.ru/api/print" || form.Get("params") != want {
			t.Errorf("%s: %v %s %s", typ, p, req.URL, form.Get("params"))
		}
		if bad := sim.Check([]byte(form.Get("params"))); len(bad) != 0 {
			t.Errorf("%s: %v", typ, bad)
		}
	}
	_, _, p := command(t, provider.CmdXReport, `{"extra":1}`)
	if !has(p, "unknown_field", "command.params.extra") {
		t.Fatal(p)
	}
}

func TestStatusAndInfo(t *testing.T) {
	for _, c := range []struct{ typ, params, url, want string }{
		{provider.CmdStatus, `{"receipt_id":24533}`, "https://kassa-v-online.ru/api/status", `{"receipt_id":24533,"session_info":0}`},
		{provider.CmdStatus, `{"receipt_id":"24533","session_info":true}`, "https://kassa-v-online.ru/api/status", `{"receipt_id":24533,"session_info":1}`},
		{provider.CmdStatus, `{"id":"24533","session_info":1}`, "https://kassa-v-online.ru/api/status", `{"receipt_id":24533,"session_info":1}`},
		{provider.CmdInfo, `{"receipt_id":7}`, "https://kassa-v-online.ru/api/info", `{"receipt_id":7}`},
	} {
		req, form, p := command(t, c.typ, c.params)
		if len(p) != 0 || req.URL != c.url || form.Get("params") != c.want {
			t.Errorf("%s %s: %v %s %s", c.typ, c.params, p, req.URL, form.Get("params"))
		}
	}
	// status and info need no cash register credentials.
	o := opts(map[string]any{"kkm_serial_number": nil, "kkm_connection_key": nil})
	if _, p := New().Command(provider.Command{Type: provider.CmdInfo, Params: []byte(`{"receipt_id":7}`)}, o); len(p) != 0 {
		t.Fatal(p)
	}
	for _, bad := range []string{`{}`, `{"receipt_id":0}`, `{"receipt_id":-3}`, `{"receipt_id":1.5}`, `{"receipt_id":"abc"}`, `{"receipt_id":99999999999999999999}`} {
		_, _, p := command(t, provider.CmdInfo, bad)
		if !p.HasErrors() || (p[0].Path != "command.params.receipt_id" && p[0].Path != "command.params.id") {
			t.Errorf("%s: %v", bad, p)
		}
	}
	_, _, p := command(t, provider.CmdStatus, `{"receipt_id":1,"session_info":"maybe"}`)
	if !has(p, receipt.CodeWrongType, "command.params.session_info") {
		t.Fatal(p)
	}
	_, _, p = command(t, provider.CmdStatus, `[1]`)
	if !has(p, receipt.CodeWrongType, "command.params") {
		t.Fatal(p)
	}
}

func TestUnsupportedCommands(t *testing.T) {
	for _, typ := range []string{provider.CmdOpenShift, provider.CmdCashIn, provider.CmdCashOut, provider.CmdCorrection,
		provider.CmdCashboxList, provider.CmdDocumentByKey, provider.CmdCallbackSettings, provider.CmdSlip, "nonsense"} {
		_, _, p := command(t, typ, "{}")
		if pr := one(t, p); pr.Code != receipt.CodeUnsupported || pr.Path != "command.type" {
			t.Errorf("%s: %+v", typ, pr)
		}
	}
	_, _, p := command(t, "", "{}")
	if pr := one(t, p); pr.Code != receipt.CodeRequired || pr.Path != "command.type" {
		t.Fatal(p)
	}
}
